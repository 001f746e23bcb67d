using System.Net.Http;

public static class Clients
{
    public static HttpClient Lax()
    {
        var handler = new HttpClientHandler();
        // ruleid: csharp-tls-validation-disabled
        handler.ServerCertificateCustomValidationCallback = (message, cert, chain, errors) => true;
        var other = new HttpClientHandler();
        // ruleid: csharp-tls-validation-disabled
        other.ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator;
        var strict = new HttpClientHandler();
        // ok: csharp-tls-validation-disabled
        strict.ServerCertificateCustomValidationCallback = (message, cert, chain, errors) => errors == System.Net.Security.SslPolicyErrors.None;
        return new HttpClient(handler);
    }
}
