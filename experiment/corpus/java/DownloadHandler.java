// Serves downloads from a directory over HTTP: GET /files/<name> returns the file as an attachment.
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.Executors;

public class DownloadHandler implements HttpHandler {
    private static final String PREFIX = "/files/";
    private final Path root;

    public DownloadHandler(Path root) throws IOException {
        this.root = root.toRealPath();
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
                sendText(exchange, 405, "method not allowed");
                return;
            }
            String requested = exchange.getRequestURI().getPath();
            if (!requested.startsWith(PREFIX) || requested.length() == PREFIX.length()) {
                sendText(exchange, 404, "not found");
                return;
            }
            Path file = resolve(requested.substring(PREFIX.length()));
            if (file == null) {
                sendText(exchange, 404, "not found");
                return;
            }
            long size = Files.size(file);
            String fileName = file.getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_");
            exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
            exchange.getResponseHeaders().set("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
            exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
            if ("HEAD".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            exchange.sendResponseHeaders(200, size);
            try (OutputStream out = exchange.getResponseBody()) {
                Files.copy(file, out);
            }
        }
    }

    Path resolve(String relative) throws IOException {
        Path candidate = root.resolve(relative).normalize();
        if (!candidate.startsWith(root)) {
            return null;
        }
        if (!Files.isRegularFile(candidate, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        Path real = candidate.toRealPath();
        return real.startsWith(root) ? real : null;
    }

    private static void sendText(HttpExchange exchange, int status, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: java DownloadHandler DIRECTORY");
            System.exit(2);
        }
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 8000), 0);
        server.createContext("/files/", new DownloadHandler(Paths.get(args[0])));
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
        System.out.println("serving " + args[0] + " on http://127.0.0.1:8000/files/");
    }
}
