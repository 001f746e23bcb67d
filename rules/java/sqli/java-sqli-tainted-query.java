import java.sql.*;
import java.util.*;
import javax.servlet.http.*;

public class Search extends HttpServlet {
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws ServletException {
        try {
            Connection conn = DriverManager.getConnection("jdbc:h2:mem:");
            Statement stmt = conn.createStatement();
            String param = request.getParameter("name");
            String bar = param;
            String sql = "SELECT * FROM users WHERE name = '" + bar + "'";
            // ruleid: java-sqli-tainted-query
            stmt.executeQuery(sql);
            StringBuilder builder = new StringBuilder("SELECT * FROM orders WHERE id = ");
            builder.append(request.getHeader("X-Order"));
            // ruleid: java-sqli-tainted-query
            stmt.execute(builder.toString());
            Map<String, String> values = new HashMap<>();
            values.put("keyA", param);
            values.put("keyB", "safe");
            // ok: java-sqli-tainted-query
            stmt.executeQuery("SELECT * FROM t WHERE a = '" + values.get("keyB") + "'");
            // ruleid: java-sqli-tainted-query
            stmt.executeQuery("SELECT * FROM t WHERE a = '" + values.get("keyA") + "'");
            int id = Integer.parseInt(request.getParameter("id"));
            // ok: java-sqli-tainted-query
            stmt.executeQuery("SELECT * FROM t WHERE id = " + id);
            // ok: java-sqli-tainted-query
            PreparedStatement ps = conn.prepareStatement("SELECT * FROM users WHERE name = ?");
            ps.setString(1, param);
            bar = "constant";
            // ok: java-sqli-tainted-query
            stmt.executeQuery("SELECT * FROM users WHERE name = '" + bar + "'");
        } catch (SQLException e) {
            throw new ServletException(e);
        }
    }

    void wrapped(HttpServletRequest request, java.sql.Statement st) throws Exception {
        RequestWrapper wrapper = new RequestWrapper(request);
        // ruleid: java-sqli-tainted-query
        st.executeQuery("SELECT * FROM users WHERE name = '" + wrapper.value("name") + "'");
    }
    // Spring MVC: the framework fills annotated parameters from the request.
    List<Map<String, Object>> byName(@RequestParam("name") String name, @PathVariable long id, JdbcTemplate jdbc) {
        String sql = "SELECT * FROM users WHERE name = '" + name + "'";
        // ruleid: java-sqli-tainted-query
        jdbc.queryForList(sql);
        // ok: java-sqli-tainted-query
        jdbc.queryForList("SELECT * FROM users WHERE name = ?", name);
        // ok: java-sqli-tainted-query
        jdbc.queryForList("SELECT * FROM users WHERE id = " + id);
        return null;
    }

    // JAX-RS: @QueryParam is the query string; a reassigned parameter no longer holds it.
    List<Map<String, Object>> search(@QueryParam("q") String q, JdbcTemplate jdbc) {
        q = "fixed";
        // ok: java-sqli-tainted-query
        return jdbc.queryForList("SELECT * FROM t WHERE a = '" + q + "'");
    }

    // JPA: a query string built from a request body field.
    Object jpa(@RequestBody Filter filter, @PathVariable("id") Integer id, EntityManager em) {
        // ruleid: java-sqli-tainted-query
        em.createQuery("SELECT u FROM User u WHERE u.name = '" + filter.getName() + "'");
        // ok: java-sqli-tainted-query
        em.createNativeQuery("SELECT * FROM users WHERE id = " + id);
        // ok: java-sqli-tainted-query
        return em.createQuery("SELECT u FROM User u WHERE u.name = :n").setParameter("n", filter.getName());
    }

    // NamedParameterJdbcTemplate with a query built from a header.
    Object named(@RequestHeader("X-Sort") String sort, NamedParameterJdbcTemplate named) {
        // ruleid: java-sqli-tainted-query
        return named.queryForList("SELECT * FROM t ORDER BY " + sort, Map.of());
    }

    // Data the program reads from its environment or its database (second-order injection): low confidence.
    void fromElsewhere(Statement stmt, ResultSet previous) throws SQLException {
        Object plugin = Class.forName("com.acme.plugins." + System.getProperty("plugin")).getConstructor().newInstance();
        // ok: java-sqli-tainted-query
        stmt.executeQuery("SELECT * FROM " + plugin.toString());
        // The JVM's own description of the user is not input.
        // ok: java-sqli-tainted-query
        stmt.executeQuery("SELECT * FROM audit WHERE login = '" + System.getProperty("user.name") + "'");
        // ruleid: java-sqli-tainted-query
        stmt.executeQuery("SELECT * FROM " + System.getenv("TABLE_NAME"));
        String name = previous.getString("name");
        // ruleid: java-sqli-tainted-query
        stmt.executeQuery("SELECT * FROM users WHERE name = '" + name + "'");
        // ok: java-sqli-tainted-query
        stmt.executeQuery("SELECT * FROM users");
    }

    // `update` feeds a digest, MAC or checksum; on a template or a query object it runs SQL.
    byte[] fingerprint(HttpServletRequest request, Mac mac, JdbcTemplate jdbc) throws Exception {
        String token = request.getParameter("token");
        java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
        // ok: java-sqli-tainted-query
        digest.update(token.getBytes());
        // ok: java-sqli-tainted-query
        mac.update(token.getBytes());
        var crc = new java.util.zip.CRC32();
        java.util.zip.Checksum sum = crc;
        // ok: java-sqli-tainted-query
        sum.update(token.getBytes());
        // ok: java-sqli-tainted-query
        java.security.MessageDigest.getInstance("SHA-256").update(token.getBytes());
        // ruleid: java-sqli-tainted-query
        jdbc.update("DELETE FROM sessions WHERE token = '" + token + "'");
        return digest.digest();
    }
}
