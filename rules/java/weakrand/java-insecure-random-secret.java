import java.security.SecureRandom;
import java.util.Random;

public class Tokens {
    public String issue() {
        // ruleid: java-insecure-random-secret
        String resetToken = Long.toHexString(new Random().nextLong());
        // ruleid: java-insecure-random-secret
        double sessionId = Math.random();
        // ok: java-insecure-random-secret
        String token = Long.toHexString(new SecureRandom().nextLong());
        // ok: java-insecure-random-secret
        int delayMillis = new Random().nextInt(500);
        return resetToken + sessionId + token + delayMillis;
    }
}
