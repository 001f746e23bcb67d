import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

public class Report {
    public ResultSet byOwner(Connection conn, String owner) throws Exception {
        Statement stmt = conn.createStatement();
        String sql = "SELECT * FROM reports WHERE owner = '" + owner + "'";
        return stmt.executeQuery(sql);
    }

    public ResultSet byOwnerSafely(Connection conn, String owner) throws Exception {
        PreparedStatement ps = conn.prepareStatement("SELECT * FROM reports WHERE owner = ?");
        ps.setString(1, owner);
        return ps.executeQuery();
    }
}
