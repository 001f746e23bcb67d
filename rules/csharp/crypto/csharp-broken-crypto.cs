using System.Security.Cryptography;

public static class LegacyCipher
{
    public static byte[] Seal(byte[] key, byte[] data)
    {
        // ruleid: csharp-broken-crypto
        using var des = DES.Create();
        // ruleid: csharp-broken-crypto
        var triple = new TripleDESCryptoServiceProvider();
        // ruleid: csharp-broken-crypto
        var named = SymmetricAlgorithm.Create("TripleDES");
        var rijndael = new RijndaelManaged
        {
            // ruleid: csharp-broken-crypto
            Mode = CipherMode.ECB,
        };
        using var aes = Aes.Create();
        // ruleid: csharp-broken-crypto
        aes.Mode = CipherMode.ECB;
        // ruleid: csharp-broken-crypto
        var block = aes.EncryptEcb(data, PaddingMode.PKCS7);
        // ok: csharp-broken-crypto
        aes.Mode = CipherMode.CBC;
        // ok: csharp-broken-crypto
        var modern = SymmetricAlgorithm.Create("AES");
        // ok: csharp-broken-crypto
        if (aes.Mode == CipherMode.ECB) { return block; }
        // ok: csharp-broken-crypto
        using var gcm = new AesGcm(key);
        return block;
    }
}
