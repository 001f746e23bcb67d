using System;
using System.Data.SqlClient;
using System.IO;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;

public class ReportExporter
{
    private const string Root = "/var/reports/";

    public void FromConsole()
    {
        string name = Console.ReadLine();
        // ruleid: csharp-path-traversal-external-input
        File.Delete(Root + name);
        // ok: csharp-path-traversal-external-input
        File.Delete(Path.Combine(Root, Path.GetFileName(name)));
    }

    public void FromEnvironment()
    {
        var dir = Environment.GetEnvironmentVariable("EXPORT_DIR");
        // ruleid: csharp-path-traversal-external-input
        using var writer = new StreamWriter(dir + "/report.csv");
    }

    public void FromSocket(TcpClient client)
    {
        using var reader = new StreamReader(client.GetStream());
        string requested = reader.ReadLine();
        // ruleid: csharp-path-traversal-external-input
        byte[] content = File.ReadAllBytes(Root + requested);
    }

    public void FromDatabase(SqlConnection connection)
    {
        using var command = new SqlCommand("SELECT file_name FROM uploads WHERE id = 1", connection);
        using SqlDataReader row = command.ExecuteReader();
        row.Read();
        string stored = row.GetString(0);
        // The value goes through a helper of this class: the finding is where it is handed over.
        // ruleid: csharp-path-traversal-external-input
        Remove(stored);
        // ok: csharp-path-traversal-external-input
        Remove("daily.csv");
    }

    public async void FromDownload(HttpClient http)
    {
        string listed = await http.GetStringAsync("https://example.com/latest");
        // ruleid: csharp-path-traversal-external-input
        File.WriteAllText(Root + listed, "pending");
    }

    public void Decoded(byte[] bytes)
    {
        // Decoding bytes the method was given is not a read from outside.
        string name = Encoding.UTF8.GetString(bytes);
        // ok: csharp-path-traversal-external-input
        File.Delete(Root + name);
    }

    private static void Remove(string fileName)
    {
        File.Delete(Root + fileName);
    }
}
