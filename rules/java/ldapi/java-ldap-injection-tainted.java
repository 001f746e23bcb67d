import javax.naming.directory.*;
import javax.servlet.http.*;

public class Lookup extends HttpServlet {
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        DirContext ctx = new InitialDirContext();
        String user = request.getParameter("user");
        String filter = "(&(objectclass=person)(uid=" + user + "))";
        // ruleid: java-ldap-injection-tainted
        ctx.search("ou=users,dc=example,dc=com", filter, new SearchControls());
        // ok: java-ldap-injection-tainted
        ctx.search("ou=users,dc=example,dc=com", "(objectclass=person)", new SearchControls());
    }

    // JAX-RS: @QueryParam is the query string.
    Object find(@QueryParam("uid") String uid, @QueryParam("n") long n, DirContext ctx) throws Exception {
        // ruleid: java-ldap-injection-tainted
        ctx.search("ou=users,dc=example,dc=com", "(uid=" + uid + ")", new SearchControls());
        // ok: java-ldap-injection-tainted
        return ctx.search("ou=users,dc=example,dc=com", "(employeeNumber=" + n + ")", new SearchControls());
    }

    // Data the program reads from its console, a configuration file or its database: low confidence.
    Object fromElsewhere(DirContext ctx, java.sql.ResultSet row) throws Exception {
        Object plugin = Class.forName("com.acme.plugins." + System.getProperty("plugin")).getConstructor().newInstance();
        // ok: java-ldap-injection-tainted
        ctx.search("ou=users,dc=example,dc=com", "(cn=" + plugin.toString() + ")", new SearchControls());
        // The JVM's own description of the user is not input.
        // ok: java-ldap-injection-tainted
        ctx.search("ou=users,dc=example,dc=com", "(uid=" + System.getProperty("user.name") + ")", new SearchControls());
        java.io.BufferedReader console = new java.io.BufferedReader(new java.io.InputStreamReader(System.in));
        String uid = console.readLine();
        // ruleid: java-ldap-injection-tainted
        ctx.search("ou=users,dc=example,dc=com", "(uid=" + uid + ")", new SearchControls());
        // ruleid: java-ldap-injection-tainted
        ctx.search("ou=users,dc=example,dc=com", "(cn=" + row.getString(1) + ")", new SearchControls());
        // ok: java-ldap-injection-tainted
        return ctx.search("ou=users,dc=example,dc=com", "(uid=admin)", new SearchControls());
    }
}
