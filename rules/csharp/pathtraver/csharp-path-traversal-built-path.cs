using System.IO;

public class Downloads
{
    public byte[] Get(string name)
    {
        // ruleid: csharp-path-traversal-built-path
        var data = File.ReadAllBytes("/srv/uploads/" + name);
        // ruleid: csharp-path-traversal-built-path
        File.Delete($"/srv/uploads/{name}.tmp");
        // ok: csharp-path-traversal-built-path
        var safe = File.ReadAllBytes("/srv/uploads/" + Path.GetFileName(name));
        // ok: csharp-path-traversal-built-path
        var config = File.ReadAllText("/etc/app/config.json");
        return data;
    }
}
