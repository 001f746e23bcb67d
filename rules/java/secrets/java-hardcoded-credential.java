import java.sql.*;

public class Db {
    // ruleid: java-hardcoded-credential
    private static final String DB_PASSWORD = "Sup3rS3cret!";
    // ok: java-hardcoded-credential
    private static final String PASSWORD_PARAM = "password";
    // ok: java-hardcoded-credential
    private final String apiKey = System.getenv("API_KEY");

    public Connection open() throws SQLException {
        // ruleid: java-hardcoded-credential
        return DriverManager.getConnection("jdbc:postgresql://db/app", "app", "hunter2hunter2");
    }

    public Connection openSafely() throws SQLException {
        // ok: java-hardcoded-credential
        return DriverManager.getConnection("jdbc:postgresql://db/app", "app", System.getenv("DB_PASSWORD"));
    }
}
