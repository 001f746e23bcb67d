// An HTTP JSON API over a users table: GET /users?name=... searches, POST /users adds a user.
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

public class UserApiHandler implements HttpHandler {
    private static final int MAX_BODY = 16 * 1024;
    private final Connection db;

    public UserApiHandler(Connection db) {
        this.db = db;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            switch (exchange.getRequestMethod()) {
                case "GET" -> search(exchange);
                case "POST" -> create(exchange);
                default -> send(exchange, 405, "{\"error\":\"method not allowed\"}");
            }
        } catch (SQLException e) {
            send(exchange, 500, "{\"error\":\"database error\"}");
        } finally {
            exchange.close();
        }
    }

    private void search(HttpExchange exchange) throws IOException, SQLException {
        Map<String, String> query = parseForm(exchange.getRequestURI().getRawQuery());
        String name = query.getOrDefault("name", "");
        if (name.length() > 100) {
            send(exchange, 400, "{\"error\":\"name too long\"}");
            return;
        }
        StringBuilder json = new StringBuilder("[");
        try (PreparedStatement stmt = db.prepareStatement(
                "SELECT id, name, email FROM users WHERE name LIKE ? ESCAPE '\\' ORDER BY name LIMIT 50")) {
            stmt.setString(1, "%" + name.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
            try (ResultSet rs = stmt.executeQuery()) {
                while (rs.next()) {
                    if (json.length() > 1) json.append(',');
                    json.append("{\"id\":").append(rs.getLong("id"))
                        .append(",\"name\":").append(jsonString(rs.getString("name")))
                        .append(",\"email\":").append(jsonString(rs.getString("email"))).append('}');
                }
            }
        }
        send(exchange, 200, json.append(']').toString());
    }

    private void create(HttpExchange exchange) throws IOException, SQLException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(MAX_BODY + 1);
        }
        if (body.length > MAX_BODY) {
            send(exchange, 413, "{\"error\":\"body too large\"}");
            return;
        }
        Map<String, String> form = parseForm(new String(body, StandardCharsets.UTF_8));
        String name = form.get("name");
        String email = form.get("email");
        if (name == null || email == null || name.isBlank() || !email.matches("[^@\\s]{1,64}@[^@\\s]{1,190}")) {
            send(exchange, 400, "{\"error\":\"name and a valid email are required\"}");
            return;
        }
        try (PreparedStatement stmt = db.prepareStatement("INSERT INTO users (name, email) VALUES (?, ?)")) {
            stmt.setString(1, name.strip());
            stmt.setString(2, email);
            stmt.executeUpdate();
        }
        send(exchange, 201, "{\"created\":true}");
    }

    static Map<String, String> parseForm(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null || raw.isEmpty()) return out;
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) continue;
            out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    static String jsonString(String s) {
        if (s == null) return "null";
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '<' -> b.append("\\u003c");
                case '>' -> b.append("\\u003e");
                case '&' -> b.append("\\u0026");
                default -> {
                    if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
                    else b.append(c);
                }
            }
        }
        return b.append('"').toString();
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    public static void main(String[] args) throws Exception {
        String url = System.getenv().getOrDefault("USERS_DB_URL", "jdbc:sqlite:users.db");
        Connection db = DriverManager.getConnection(url);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 8080), 0);
        server.createContext("/users", new UserApiHandler(db));
        server.start();
        System.out.println("listening on http://127.0.0.1:8080/users");
    }
}
