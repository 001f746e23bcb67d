// An in-memory session store for a web app: creates sessions with random ids, expires idle ones, and builds the session cookie.
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

public class SessionStore {
    public static final String COOKIE_NAME = "SID";
    private static final int ID_BYTES = 32;
    private static final int MAX_SESSIONS = 100_000;

    public static final class Session {
        final String id;
        final String user;
        final Instant created;
        volatile Instant lastSeen;
        final Map<String, String> attributes = new ConcurrentHashMap<>();

        Session(String id, String user, Instant now) {
            this.id = id;
            this.user = user;
            this.created = now;
            this.lastSeen = now;
        }

        public String user() {
            return user;
        }
    }

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
    private final Duration idleTimeout;
    private final Duration absoluteTimeout;
    private final Clock clock;

    public SessionStore(Duration idleTimeout, Duration absoluteTimeout, Clock clock) {
        this.idleTimeout = idleTimeout;
        this.absoluteTimeout = absoluteTimeout;
        this.clock = clock;
    }

    public Session create(String user) {
        if (sessions.size() >= MAX_SESSIONS) {
            purgeExpired();
            if (sessions.size() >= MAX_SESSIONS) throw new IllegalStateException("too many sessions");
        }
        byte[] raw = new byte[ID_BYTES];
        random.nextBytes(raw);
        Session s = new Session(encoder.encodeToString(raw), user, clock.instant());
        sessions.put(s.id, s);
        return s;
    }

    public Optional<Session> lookup(String id) {
        if (id == null || id.length() > 64) return Optional.empty();
        Session s = sessions.get(id);
        if (s == null) return Optional.empty();
        Instant now = clock.instant();
        if (expired(s, now)) {
            sessions.remove(id);
            return Optional.empty();
        }
        s.lastSeen = now;
        return Optional.of(s);
    }

    /** Replaces a session with a fresh id (call after login or privilege change) and returns the new one. */
    public Session rotate(Session old) {
        sessions.remove(old.id);
        Session fresh = create(old.user);
        fresh.attributes.putAll(old.attributes);
        return fresh;
    }

    public void invalidate(String id) {
        if (id != null) sessions.remove(id);
    }

    public int purgeExpired() {
        Instant now = clock.instant();
        int removed = 0;
        for (Iterator<Session> it = sessions.values().iterator(); it.hasNext(); ) {
            if (expired(it.next(), now)) {
                it.remove();
                removed++;
            }
        }
        return removed;
    }

    private boolean expired(Session s, Instant now) {
        return s.lastSeen.plus(idleTimeout).isBefore(now) || s.created.plus(absoluteTimeout).isBefore(now);
    }

    public String setCookieHeader(Session s) {
        return COOKIE_NAME + "=" + s.id + "; Path=/; Max-Age=" + absoluteTimeout.toSeconds()
                + "; HttpOnly; Secure; SameSite=Lax";
    }

    public static String clearCookieHeader() {
        return COOKIE_NAME + "=; Path=/; Max-Age=0; HttpOnly; Secure; SameSite=Lax";
    }

    public static void main(String[] args) {
        SessionStore store = new SessionStore(Duration.ofMinutes(30), Duration.ofHours(8), Clock.systemUTC());
        Session s = store.create(args.length > 0 ? args[0] : "alice");
        System.out.println("Set-Cookie: " + store.setCookieHeader(s));
        Session rotated = store.rotate(s);
        System.out.println("old id valid: " + store.lookup(s.id).isPresent());
        System.out.println("new id user: " + store.lookup(rotated.id).map(Session::user).orElse("(none)"));
        store.invalidate(rotated.id);
        System.out.println("after logout: " + store.lookup(rotated.id).isPresent());
        System.out.println("Set-Cookie: " + clearCookieHeader());
    }
}
