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
}
