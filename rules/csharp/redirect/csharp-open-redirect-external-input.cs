using System;
using System.Data.SqlClient;
using System.IO;
using System.Web;

public class LinkForwarder
{
    public void Forward(HttpResponse response, SqlConnection connection)
    {
        using var command = new SqlCommand("SELECT target FROM short_links WHERE code = 'abc'", connection);
        using SqlDataReader reader = command.ExecuteReader();
        reader.Read();
        string target = reader.GetString(0);
        // ruleid: csharp-open-redirect-external-input
        response.Redirect(target);
        // ok: csharp-open-redirect-external-input
        response.Redirect("/links/" + Uri.EscapeDataString(target));
    }

    public void FromFile(HttpResponse response)
    {
        string next = File.ReadAllText("next-page.txt");
        // The target goes through a helper of this class: the finding is where it is handed over.
        // ruleid: csharp-open-redirect-external-input
        Send(response, next);
        // ok: csharp-open-redirect-external-input
        Send(response, "/home");
    }

    private static void Send(HttpResponse response, string url)
    {
        response.Redirect(url);
    }
}
