using System.Security.Cryptography;

public static class Keys
{
    public static RSA Make()
    {
        // ruleid: csharp-weak-rsa-key
        var tiny = new RSACryptoServiceProvider(512);
        // ruleid: csharp-weak-rsa-key
        var legacy = new RSACryptoServiceProvider(1024);
        // ruleid: csharp-weak-rsa-key
        using var rsa = RSA.Create(1024);
        var later = RSA.Create();
        // ruleid: csharp-weak-rsa-key
        later.KeySize = 1024;
        // ok: csharp-weak-rsa-key
        var strong = new RSACryptoServiceProvider(3072);
        // ok: csharp-weak-rsa-key
        later.KeySize = 4096;
        // ok: csharp-weak-rsa-key
        var signer = RSA.Create(2048);
        // ok: csharp-weak-rsa-key
        Aes.Create().KeySize = 256;
        return strong;
    }
}
