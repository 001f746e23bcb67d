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
}
