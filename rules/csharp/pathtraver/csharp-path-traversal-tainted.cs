using System.IO;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

public class FilesController : Controller
{
    private const string Root = "/srv/uploads";

    [HttpGet("files/{name}")]
    public IActionResult Download([FromRoute] string name)
    {
        var path = Path.Combine(Root, name);
        // ruleid: csharp-path-traversal-tainted
        var data = System.IO.File.ReadAllBytes(path);
        // ruleid: csharp-path-traversal-tainted
        return PhysicalFile(path, "application/octet-stream");
    }

    public IActionResult Remove()
    {
        var name = Request.Form["name"];
        // ruleid: csharp-path-traversal-tainted
        System.IO.File.Delete($"/srv/uploads/{name}.tmp");
        // ruleid: csharp-path-traversal-tainted
        using var stream = new FileStream(Path.Combine(Root, name), FileMode.Open);
        // ok: csharp-path-traversal-tainted
        System.IO.File.Delete(Path.Combine(Root, Path.GetFileName(name)));
        // ok: csharp-path-traversal-tainted
        var config = System.IO.File.ReadAllText("/etc/app/config.json");
        return Ok();
    }

    public IActionResult Checked(string name)
    {
        var full = Path.GetFullPath(Path.Combine(Root, name));
        if (!full.StartsWith(Root + Path.DirectorySeparatorChar))
        {
            return BadRequest();
        }
        // ok: csharp-path-traversal-tainted
        return PhysicalFile(full, "text/plain");
    }

    public IActionResult Rejected(string name)
    {
        if (name.Contains(".."))
            return BadRequest();
        // ok: csharp-path-traversal-tainted
        return Content(System.IO.File.ReadAllText(Path.Combine(Root, name)));
    }

    // Not a request value: a helper's parameter is whatever its callers pass.
    private string Load(string name)
    {
        // ok: csharp-path-traversal-tainted
        return System.IO.File.ReadAllText(Path.Combine(Root, name));
    }
}

public class LegacyHandler
{
    public void Read(HttpRequest req)
    {
        var name = req.Params.Get("name");
        // ruleid: csharp-path-traversal-tainted
        using (var reader = new StreamReader("/srv/uploads/" + name))
        {
        }
        // ok: csharp-path-traversal-tainted
        using (var body = new StreamReader(req.InputStream))
        {
        }
        var image = new FileInfo(Server.MapPath(req["image"]));
        // ruleid: csharp-path-traversal-tainted
        HttpContext.Current.Response.WriteFile(image.FullName);
        // ok: csharp-path-traversal-tainted
        HttpContext.Current.Response.WriteFile(Server.MapPath("~/images/logo.png"));
        var input = req.InputStream;
        // ok: csharp-path-traversal-tainted
        using (var copy = new StreamReader(input))
        {
        }
    }
}
