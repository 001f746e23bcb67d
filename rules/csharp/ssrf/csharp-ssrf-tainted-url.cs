using System.Net;
using System.Net.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Caching.Distributed;

public class PreviewController : ControllerBase
{
    private readonly HttpClient _httpClient;
    private readonly IDistributedCache _cache;
    private static readonly string[] AllowedHosts = { "api.example.com" };

    [HttpGet("preview")]
    public async Task<IActionResult> Preview([FromQuery] string url)
    {
        // ruleid: csharp-ssrf-tainted-url
        var body = await _httpClient.GetStringAsync(url);
        // ok: csharp-ssrf-tainted-url
        var cached = await _cache.GetAsync(url);
        // ok: csharp-ssrf-tainted-url
        var status = await _httpClient.GetAsync("https://status.example.com/health");
        return Ok(body);
    }

    public async Task<IActionResult> Avatar(string user)
    {
        // ok: csharp-ssrf-tainted-url
        var image = await _httpClient.GetByteArrayAsync("https://avatars.example.com/" + Uri.EscapeDataString(user));
        // ruleid: csharp-ssrf-tainted-url
        var request = new HttpRequestMessage(HttpMethod.Get, "https://" + user + ".example.com/avatar");
        return File(image, "image/png");
    }

    public IActionResult Legacy()
    {
        var feed = Request.Query["feed"];
        // ruleid: csharp-ssrf-tainted-url
        var webRequest = WebRequest.Create(feed);
        using var client = new WebClient();
        // ruleid: csharp-ssrf-tainted-url
        var text = client.DownloadString(feed);
        return Ok(text);
    }

    public async Task<IActionResult> Allowed(string host)
    {
        if (!AllowedHosts.Contains(host))
            return BadRequest();
        // ok: csharp-ssrf-tainted-url
        return Ok(await _httpClient.GetStringAsync("https://" + host + "/data"));
    }
}
