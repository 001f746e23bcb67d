// Registers users and checks logins against PBKDF2 password hashes kept in a properties file, with a lockout after repeated failures.
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.spec.KeySpec;
import java.util.Base64;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

public class LoginService {
    private static final int ITERATIONS = 210_000;
    private static final int KEY_BITS = 256;
    private static final int MAX_FAILURES = 5;

    private final Path store;
    private final Properties users = new Properties();
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    public LoginService(Path store) throws IOException {
        this.store = store;
        if (Files.exists(store)) {
            try (Reader r = Files.newBufferedReader(store, StandardCharsets.UTF_8)) {
                users.load(r);
            }
        }
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations) throws GeneralSecurityException {
        KeySpec spec = new PBEKeySpec(password, salt, iterations, KEY_BITS);
        return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    }

    public synchronized void register(String user, char[] password) throws IOException, GeneralSecurityException {
        if (!user.matches("[a-z0-9_]{3,32}")) throw new IllegalArgumentException("invalid user name");
        if (password.length < 12) throw new IllegalArgumentException("password must have at least 12 characters");
        if (users.containsKey(user)) throw new IllegalArgumentException("user exists");
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        byte[] hash = derive(password, salt, ITERATIONS);
        Base64.Encoder b64 = Base64.getEncoder();
        users.setProperty(user, ITERATIONS + ":" + b64.encodeToString(salt) + ":" + b64.encodeToString(hash));
        if (!Files.exists(store)) {
            Files.createFile(store, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        try (Writer w = Files.newBufferedWriter(store, StandardCharsets.UTF_8)) {
            users.store(w, "user password hashes");
        }
    }

    public boolean login(String user, char[] password) throws GeneralSecurityException {
        if (failures.getOrDefault(user, 0) >= MAX_FAILURES) {
            return false;
        }
        String record = users.getProperty(user);
        boolean ok = false;
        if (record != null) {
            String[] parts = record.split(":");
            if (parts.length == 3) {
                int iterations = Integer.parseInt(parts[0]);
                byte[] salt = Base64.getDecoder().decode(parts[1]);
                byte[] expected = Base64.getDecoder().decode(parts[2]);
                ok = MessageDigest.isEqual(expected, derive(password, salt, iterations));
            }
        } else {
            derive(password, new byte[16], ITERATIONS);
        }
        if (ok) failures.remove(user);
        else failures.merge(user, 1, Integer::sum);
        return ok;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2 || args.length > 3 || !(args[0].equals("register") || args[0].equals("login"))) {
            System.err.println("usage: java LoginService register|login USER [STORE]   (password read from the console)");
            System.exit(2);
        }
        LoginService service = new LoginService(Paths.get(args.length == 3 ? args[2] : "users.properties"));
        char[] password = System.console() != null
                ? System.console().readPassword("password: ")
                : new String(System.in.readAllBytes(), StandardCharsets.UTF_8).strip().toCharArray();
        try {
            if (args[0].equals("register")) {
                service.register(args[1], password);
                System.out.println("registered " + args[1]);
            } else {
                boolean ok = service.login(args[1], password);
                System.out.println(ok ? "login ok" : "login failed");
                System.exit(ok ? 0 : 1);
            }
        } finally {
            java.util.Arrays.fill(password, '\0');
        }
    }
}
