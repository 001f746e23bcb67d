import java.sql.*;
import javax.servlet.http.*;

public class UserDao {
    private static final String BY_ID = "SELECT * FROM users WHERE id = ?";

    public ResultSet find(Connection conn, HttpServletRequest request) throws SQLException {
        String name = request.getParameter("name");
        Statement stmt = conn.createStatement();
        // ruleid: java-sqli-built-query
        ResultSet rs = stmt.executeQuery("SELECT * FROM users WHERE name = '" + name + "'");
        String sql = "DELETE FROM sessions WHERE owner = '" + name + "'";
        // ruleid: java-sqli-built-query
        stmt.executeUpdate(sql);
        // ruleid: java-sqli-built-query
        PreparedStatement bad = conn.prepareStatement(String.format("SELECT * FROM t WHERE a = '%s'", name));
        // ok: java-sqli-built-query
        PreparedStatement ps = conn.prepareStatement("SELECT * FROM users WHERE name = ?");
        ps.setString(1, name);
        // ok: java-sqli-built-query
        PreparedStatement byId = conn.prepareStatement(BY_ID);
        // ok: java-sqli-built-query
        stmt.executeQuery("SELECT count(*) FROM users");
        return rs;
    }
}
