using System;
using System.Data.SqlClient;
using System.Net;

public class Settings
{
    // ruleid: csharp-hardcoded-credential
    private const string SmtpPassword = "Sm7p-Pa55!";
    // ruleid: csharp-hardcoded-credential
    public string ApiKey { get; set; } = "sk_live_4eC39HqLyjWDarjtT1zdp7dc";
    // ok: csharp-hardcoded-credential
    private const string PasswordField = "txtPassword1";
    // ok: csharp-hardcoded-credential
    public string TokenType { get; set; } = "Bearer";
    // ok: csharp-hardcoded-credential
    private readonly string secret = Environment.GetEnvironmentVariable("APP_SECRET");
    // ok: csharp-hardcoded-credential
    private string password = "";

    public SqlConnection Open(string user)
    {
        // ruleid: csharp-hardcoded-credential
        var conn = new SqlConnection("Server=db;Database=app;User Id=app;Password=Winter2024!;");
        // ok: csharp-hardcoded-credential
        var trusted = new SqlConnection("Server=db;Database=app;Integrated Security=true;");
        // ok: csharp-hardcoded-credential
        var templated = new SqlConnection("Server=db;User Id=app;Password={0};");
        // ruleid: csharp-hardcoded-credential
        var mail = new NetworkCredential("mailer", "hunter2hunter2");
        // ok: csharp-hardcoded-credential
        var fromConfig = new NetworkCredential("mailer", Environment.GetEnvironmentVariable("MAIL_PASSWORD"));
        // ruleid: csharp-hardcoded-credential
        var client = Connect(host: "api.example.com", apiKey: "AKIA2E0A8F3B244C9986");
        // ok: csharp-hardcoded-credential
        var placeholder = Connect(host: "api.example.com", apiKey: "<your-api-key>");
        var settings = new Settings
        {
            // ruleid: csharp-hardcoded-credential
            password = "P@ssw0rd123",
        };
        return conn;
    }

    private static object Connect(string host, string apiKey) => host + apiKey;
}
