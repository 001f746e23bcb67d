import java.security.*;
import javax.crypto.*;
import javax.crypto.spec.*;

public class Vault {
    public void setup(SecretKey key) throws Exception {
        // ruleid: java-broken-crypto
        Cipher des = Cipher.getInstance("DES/CBC/PKCS5Padding");
        // ruleid: java-broken-crypto
        Cipher ecb = Cipher.getInstance("AES/ECB/PKCS5Padding");
        // ruleid: java-broken-crypto
        Cipher bare = Cipher.getInstance("AES");
        // ruleid: java-broken-crypto
        IvParameterSpec zeroIv = new IvParameterSpec(new byte[16]);
        // ruleid: java-broken-crypto
        IvParameterSpec fixedIv = new IvParameterSpec("0123456789abcdef".getBytes());
        KeyPairGenerator kpg = KeyPairGenerator.getInstance("RSA");
        // ruleid: java-broken-crypto
        kpg.initialize(1024);
        byte[] iv = new byte[12];
        new SecureRandom().nextBytes(iv);
        // ok: java-broken-crypto
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        // ok: java-broken-crypto
        GCMParameterSpec spec = new GCMParameterSpec(128, iv);
        // ok: java-broken-crypto
        kpg.initialize(3072);
    }
}

class Qualified {
    void setup() throws Exception {
        // ruleid: java-broken-crypto
        javax.crypto.Cipher c = javax.crypto.Cipher.getInstance("DES/CBC/PKCS5Padding");
        // ruleid: java-broken-crypto
        javax.crypto.SecretKey key = javax.crypto.KeyGenerator.getInstance("DES").generateKey();
        // ok: java-broken-crypto
        javax.crypto.Cipher gcm = javax.crypto.Cipher.getInstance("AES/GCM/NOPADDING");
        // ok: java-broken-crypto
        javax.crypto.SecretKey aesKey = javax.crypto.KeyGenerator.getInstance("AES").generateKey();
    }
}
