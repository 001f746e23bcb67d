using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

public class ToolsController : ControllerBase
{
    [HttpPost("ping")]
    public IActionResult Ping([FromForm] string host)
    {
        // ruleid: csharp-cmdi-tainted-command
        Process.Start("cmd.exe", "/c ping -n 1 " + host);
        var info = new ProcessStartInfo("nslookup");
        // ruleid: csharp-cmdi-tainted-command
        info.Arguments = $"-type=mx {host}";
        var tool = Request.Query["tool"];
        // ruleid: csharp-cmdi-tainted-command
        var started = new ProcessStartInfo { FileName = tool, UseShellExecute = false };
        // ok: csharp-cmdi-tainted-command
        Process.Start("ping", "-n 1 localhost");
        var safe = new ProcessStartInfo("ping") { UseShellExecute = false };
        safe.ArgumentList.Add(host);
        // ok: csharp-cmdi-tainted-command
        safe.Arguments = "-n 1 localhost";
        var count = int.Parse(Request.Query["count"]);
        // ok: csharp-cmdi-tainted-command
        safe.Arguments = "-n " + count;
        return Ok();
    }

    // An upload's file name is not a process's.
    public IActionResult Upload(IFormFile file, string title)
    {
        var record = new Attachment();
        // ok: csharp-cmdi-tainted-command
        record.FileName = title;
        return Ok(record);
    }

    public IActionResult Convert(string input)
    {
        var process = new Process();
        // ruleid: csharp-cmdi-tainted-command
        process.StartInfo.Arguments = "-i " + input + " out.mp4";
        // ok: csharp-cmdi-tainted-command
        process.StartInfo.FileName = "ffmpeg";
        return Ok();
    }
}
