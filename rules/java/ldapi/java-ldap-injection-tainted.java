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
}
