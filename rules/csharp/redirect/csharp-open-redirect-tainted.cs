using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

public class AccountController : Controller
{
    [HttpPost]
    public IActionResult Login(LoginModel model, string returnUrl)
    {
        // ruleid: csharp-open-redirect-tainted
        return Redirect(returnUrl);
    }

    public IActionResult Checked(string returnUrl)
    {
        if (Url.IsLocalUrl(returnUrl))
        {
            // ok: csharp-open-redirect-tainted
            return Redirect(returnUrl);
        }
        // ok: csharp-open-redirect-tainted
        return RedirectToAction("Index", "Home");
    }

    public IActionResult Guarded([FromQuery] string next)
    {
        if (!Url.IsLocalUrl(next))
            return BadRequest();
        // ok: csharp-open-redirect-tainted
        return Redirect(next);
    }

    public IActionResult Local(string returnUrl)
    {
        // ok: csharp-open-redirect-tainted
        return LocalRedirect(returnUrl);
    }

    public void Legacy()
    {
        var target = HttpContext.Request.Query["target"];
        // ruleid: csharp-open-redirect-tainted
        Response.Redirect("https://" + target + "/welcome");
        // ok: csharp-open-redirect-tainted
        Response.Redirect("/welcome?from=" + Uri.EscapeDataString(target));
    }
}

public static class RedirectEndpoints
{
    public static void Map(WebApplication app)
    {
        // ruleid: csharp-open-redirect-tainted
        app.MapGet("/go", (string to) => Results.Redirect(to));
        // ok: csharp-open-redirect-tainted
        app.MapGet("/home", (string to) => Results.Redirect("/"));
    }
}

public class LegacyRedirect
{
    public void Handle(HttpRequest req, HttpResponse resp, RedirectLog log)
    {
        var data = req.QueryString["id"];
        // ruleid: csharp-open-redirect-tainted
        resp.Redirect(data);
        // ok: csharp-open-redirect-tainted
        log.Redirect(data);
    }
}

public class PostBack
{
    public void Refresh()
    {
        // ok: csharp-open-redirect-tainted
        Response.Redirect(Request.RawUrl);
        // ok: csharp-open-redirect-tainted
        Response.Redirect(Request.Url.AbsoluteUri);
    }
}
