using System.Security.Cryptography;

public static class Fingerprint
{
    public static byte[] Of(byte[] data)
    {
        // ruleid: csharp-weak-hash
        using var md5 = MD5.Create();
        // ruleid: csharp-weak-hash
        var legacy = SHA1.HashData(data);
        // ok: csharp-weak-hash
        return SHA256.HashData(data);
    }
}
