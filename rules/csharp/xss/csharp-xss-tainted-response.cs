using System.Net;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

public class GreetingController : Controller
{
    public IActionResult Hello(string name)
    {
        // ruleid: csharp-xss-tainted-response
        return Content("<h1>Hello " + name + "</h1>", "text/html");
    }

    public IActionResult Plain(string name)
    {
        // ok: csharp-xss-tainted-response
        return Content("Hello " + name, "text/plain");
    }

    public IActionResult Encoded(string name)
    {
        // ok: csharp-xss-tainted-response
        return Content("<h1>Hello " + HtmlEncoder.Default.Encode(name) + "</h1>", "text/html");
    }

    public IHtmlContent Banner()
    {
        var message = Request.Query["msg"];
        // ruleid: csharp-xss-tainted-response
        var raw = new HtmlString($"<div class=\"banner\">{message}</div>");
        // ok: csharp-xss-tainted-response
        var safe = new HtmlString($"<div class=\"banner\">{WebUtility.HtmlEncode(message)}</div>");
        // ok: csharp-xss-tainted-response
        return new HtmlString("<div class=\"banner\">Welcome</div>");
    }
}

public class EchoMiddleware
{
    public async Task InvokeAsync(HttpContext context)
    {
        var term = context.Request.Query["q"];
        // ruleid: csharp-xss-tainted-response
        await context.Response.WriteAsync("<p>Results for " + term + "</p>");
        // ok: csharp-xss-tainted-response
        await context.Response.WriteAsync("<p>No results</p>");
    }

    public async Task Json(HttpContext context)
    {
        context.Response.ContentType = "application/json";
        // ok: csharp-xss-tainted-response
        await context.Response.WriteAsync("{\"q\":\"" + context.Request.Query["q"] + "\"}");
    }
}

public static class EchoEndpoints
{
    public static void Map(WebApplication app)
    {
        // ruleid: csharp-xss-tainted-response
        app.MapGet("/echo", (string text) => Results.Content("<p>" + text + "</p>", "text/html"));
        // ok: csharp-xss-tainted-response
        app.MapGet("/echo.txt", (string text) => Results.Content(text, "text/plain"));
    }
}

public static class GreetFunction
{
    // Azure Functions hand the request in as a parameter.
    public static IActionResult Run([HttpTrigger(AuthorizationLevel.Function, "get")] HttpRequest req, ILogger log)
    {
        string name = req.Query["name"];
        // ruleid: csharp-xss-tainted-response
        return new ContentResult { Content = "<h1>Hello " + name + "</h1>", ContentType = "text/html" };
    }

    public static IActionResult Text([HttpTrigger(AuthorizationLevel.Function, "get")] HttpRequest req)
    {
        // ok: csharp-xss-tainted-response
        return new ContentResult { Content = "Hello " + req.Query["name"], ContentType = "text/plain" };
    }
}

public class LegacyPage
{
    public void Render(HttpRequest req, HttpResponse resp, TextWriter trace)
    {
        var data = req.QueryString["id"];
        // ruleid: csharp-xss-tainted-response
        resp.Write("<br>data = " + data);
        // ok: csharp-xss-tainted-response
        trace.Write("data = " + data);
        // ok: csharp-xss-tainted-response
        resp.Write("<br>data = " + HttpUtility.HtmlEncode(data));
    }

    public void Missing(HttpRequest req, HttpResponse resp)
    {
        resp.StatusCode = 404;
        // ruleid: csharp-xss-tainted-response
        resp.StatusDescription = "<br>No item " + req.QueryString["id"];
        // ok: csharp-xss-tainted-response
        resp.StatusDescription = "<br>No item " + HttpUtility.HtmlEncode(req.QueryString["id"]);
    }
}
