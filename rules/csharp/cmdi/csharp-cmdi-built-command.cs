using System.Diagnostics;

public class Backup
{
    public void Run(string target)
    {
        // ruleid: csharp-cmdi-built-command
        Process.Start("cmd.exe", "/c copy data.db " + target);
        var info = new ProcessStartInfo("tar");
        // ruleid: csharp-cmdi-built-command
        info.Arguments = $"czf {target} /srv/data";
        // ok: csharp-cmdi-built-command
        Process.Start("tar", "czf backup.tgz /srv/data");
        var safe = new ProcessStartInfo("tar") { UseShellExecute = false };
        safe.ArgumentList.Add(target);
        // ok: csharp-cmdi-built-command
        safe.Arguments = "czf backup.tgz /srv/data";
        // ok: csharp-cmdi-built-command
        Process.Start(safe);
    }
}
