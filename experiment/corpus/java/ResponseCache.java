// A bounded LRU cache for rendered HTTP responses, keyed by method, path and selected headers, with per-entry TTL.
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

public class ResponseCache {
    public record Response(int status, String contentType, byte[] body) {}

    private record Entry(Response response, long expiresAtMillis) {}

    private final int maxEntries;
    private final long maxBytes;
    private final long ttlMillis;
    private long bytes;
    private long hits, misses;

    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);

    public ResponseCache(int maxEntries, long maxBytes, long ttlMillis) {
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
        this.ttlMillis = ttlMillis;
    }

    static String key(String method, String path, Map<String, String> varyHeaders) {
        StringBuilder b = new StringBuilder(method).append('\n').append(path);
        new TreeMap<>(varyHeaders).forEach((k, v) -> b.append('\n').append(k.toLowerCase()).append(':').append(v));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(b.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public synchronized Response get(String method, String path, Map<String, String> vary, Supplier<Response> render) {
        String k = key(method, path, vary);
        long now = System.currentTimeMillis();
        Entry e = entries.get(k);
        if (e != null && e.expiresAtMillis > now) {
            hits++;
            return e.response;
        }
        if (e != null) remove(k);
        misses++;
        Response fresh = render.get();
        if (cacheable(method, fresh)) put(k, fresh, now);
        return fresh;
    }

    private static boolean cacheable(String method, Response r) {
        return ("GET".equals(method) || "HEAD".equals(method)) && r.status() == 200;
    }

    private void put(String k, Response r, long now) {
        long size = r.body().length;
        if (size > maxBytes / 4) return;
        remove(k);
        entries.put(k, new Entry(r, now + ttlMillis));
        bytes += size;
        var it = entries.entrySet().iterator();
        while ((entries.size() > maxEntries || bytes > maxBytes) && it.hasNext()) {
            Map.Entry<String, Entry> eldest = it.next();
            bytes -= eldest.getValue().response.body().length;
            it.remove();
        }
    }

    private void remove(String k) {
        Entry old = entries.remove(k);
        if (old != null) bytes -= old.response.body().length;
    }

    public synchronized String stats() {
        return String.format("entries=%d bytes=%d hits=%d misses=%d", entries.size(), bytes, hits, misses);
    }

    public static void main(String[] args) {
        ResponseCache cache = new ResponseCache(2, 1 << 20, 60_000);
        int[] renders = {0};
        Supplier<Response> page = () -> {
            renders[0]++;
            return new Response(200, "text/html", ("<p>render " + renders[0] + "</p>").getBytes(StandardCharsets.UTF_8));
        };
        Map<String, String> vary = Map.of("Accept-Language", "en");
        for (String path : new String[] {"/", "/about", "/", "/contact", "/about"}) {
            Response r = cache.get("GET", path, vary, page);
            System.out.println(path + " -> " + new String(r.body(), StandardCharsets.UTF_8));
        }
        System.out.println(cache.stats());
    }
}
