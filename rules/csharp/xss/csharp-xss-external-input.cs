using System;
using System.Data.SqlClient;
using System.IO;
using System.Net;
using System.Web;

public class CommentsPage
{
    public void Render(HttpResponse response, SqlConnection connection)
    {
        using var command = new SqlCommand("SELECT body FROM comments WHERE id = 7", connection);
        string body = (string)command.ExecuteScalar();
        // ruleid: csharp-xss-external-input
        response.Write("<p>" + body + "</p>");
        // ok: csharp-xss-external-input
        response.Write("<p>" + HttpUtility.HtmlEncode(body) + "</p>");
    }

    public void Banner(HttpResponse response)
    {
        string banner;
        using (var reader = new StreamReader("banner.html"))
        {
            banner = reader.ReadLine();
        }
        // The line goes through a helper of this class: the finding is where it is handed over.
        // ruleid: csharp-xss-external-input
        Show(response, banner);
        // ok: csharp-xss-external-input
        Show(response, "Welcome");
    }

    public void Motd(HttpResponse response)
    {
        using var client = new WebClient();
        string text = client.DownloadString("https://status.example.com/motd");
        // ruleid: csharp-xss-external-input
        response.Write(text);
        // ok: csharp-xss-external-input
        response.Write(WebUtility.HtmlEncode(text));
    }

    public void NotFound(HttpResponse response)
    {
        string name = Console.ReadLine();
        response.StatusCode = 404;
        // ruleid: csharp-xss-external-input
        response.StatusDescription = "<br>No page named " + name;
        // ok: csharp-xss-external-input
        response.StatusDescription = "Not Found";
    }

    private static void Show(HttpResponse response, string html)
    {
        response.Write("<div>" + html + "</div>");
    }
}
