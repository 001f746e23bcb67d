using System;
using System.Security.Cryptography;

public static class Tokens
{
    public static string Make()
    {
        // ruleid: csharp-insecure-random-secret
        var resetToken = new Random().Next().ToString("x");
        // ok: csharp-insecure-random-secret
        var sessionKey = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
        // ok: csharp-insecure-random-secret
        var jitter = new Random().Next(100);
        return resetToken + sessionKey + jitter;
    }
}
