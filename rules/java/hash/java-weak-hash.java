import java.security.MessageDigest;

public class PasswordHasher {
    public byte[] hash(String password) throws Exception {
        // ruleid: java-weak-hash
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        // ruleid: java-weak-hash
        MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
        // ok: java-weak-hash
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        return sha256.digest(password.getBytes());
    }
}

class QualifiedHash {
    void digest() throws Exception {
        // ruleid: java-weak-hash
        java.security.MessageDigest md = java.security.MessageDigest.getInstance("MD5", "SUN");
        // ok: java-weak-hash
        java.security.MessageDigest sha = java.security.MessageDigest.getInstance("sha-384", "SUN");
    }
}
