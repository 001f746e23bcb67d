import java.io.*;
import javax.servlet.http.*;
import org.owasp.encoder.Encode;

public class Greet extends HttpServlet {
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String name = request.getParameter("name");
        // ruleid: java-xss-tainted-response
        response.getWriter().println("<h1>Hello " + name + "</h1>");
        // ruleid: java-xss-tainted-response
        response.getWriter().format("<p>%s</p>", name);
        // ok: java-xss-tainted-response
        response.getWriter().println("<h1>Hello " + Encode.forHtml(name) + "</h1>");
        // ok: java-xss-tainted-response
        response.getWriter().println("<h1>Welcome</h1>");
        PrintWriter out = response.getWriter();
        // ruleid: java-xss-tainted-response
        out.print("<p>" + name + "</p>");
        PrintWriter writer = new PrintWriter(new FileWriter("audit.log", true));
        // ok: java-xss-tainted-response
        writer.println("visit from " + name);
        // ok: java-xss-tainted-response
        System.out.println("visit from " + name);
    }

    // Spring MVC: the framework fills annotated parameters from the request.
    void greet(@RequestParam("name") String name, @RequestParam int age, HttpServletResponse response) throws IOException {
        // ruleid: java-xss-tainted-response
        response.getWriter().println("<h1>Hello " + name + "</h1>");
        // ok: java-xss-tainted-response
        response.getWriter().println("<p>Age " + age + "</p>");
        // ok: java-xss-tainted-response
        response.getWriter().println("<h1>Hello " + HtmlUtils.htmlEscape(name) + "</h1>");
    }
    void missing(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String name = request.getParameter("name");
        // ruleid: java-xss-tainted-response
        response.sendError(404, "No user named " + name);
        // ok: java-xss-tainted-response
        response.sendError(404, "No such user");
    }

    // Data the program reads from the network or its database (stored XSS): the latter at low confidence.
    void fromElsewhere(HttpServletResponse response, java.net.URL feed, java.sql.ResultSet row) throws IOException {
        Object plugin = Class.forName("com.acme.plugins." + System.getProperty("plugin")).getConstructor().newInstance();
        // ok: java-xss-tainted-response
        response.getWriter().println("<p>" + plugin.toString() + "</p>");
        // The JVM's own description of where it runs is not input.
        // ok: java-xss-tainted-response
        response.getWriter().println("<p>" + System.getProperty("java.version") + "</p>");
        BufferedReader remote = new BufferedReader(new InputStreamReader(feed.openStream()));
        // ruleid: java-xss-tainted-response
        response.getWriter().println("<p>" + remote.readLine() + "</p>");
        // ruleid: java-xss-tainted-response
        response.getWriter().println("<p>" + row.getString("comment") + "</p>");
        // ok: java-xss-tainted-response
        response.getWriter().println("<p>" + Encode.forHtml(row.getString("comment")) + "</p>");
    }
}
