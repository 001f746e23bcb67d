import java.io.*;
import java.util.logging.Logger;
import javax.servlet.http.*;
import org.owasp.encoder.Encode;

public class Greeter extends HttpServlet {
    private static final Logger LOG = Logger.getLogger("greeter");

    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String name = request.getParameter("name");
        // ruleid: java-xss-servlet-writer
        response.getWriter().println("<h1>Hello " + name + "</h1>");
        PrintWriter out = response.getWriter();
        // ruleid: java-xss-servlet-writer
        out.print("<p>" + request.getHeader("Referer") + "</p>");
        // ok: java-xss-servlet-writer
        out.print("<p>" + Encode.forHtml(name) + "</p>");
        // ok: java-xss-servlet-writer
        out.write("<p>" + org.owasp.esapi.ESAPI.encoder().encodeForHTML(name) + "</p>");
        // ok: java-xss-servlet-writer
        out.println("<p>Welcome</p>");
        // ok: java-xss-servlet-writer
        System.out.println("served " + name);
        // ok: java-xss-servlet-writer
        LOG.info("served " + name);
        PrintWriter audit = new PrintWriter(new FileWriter("audit.log", true));
        // ok: java-xss-servlet-writer
        audit.println("<p>" + name + "</p>");
    }

    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String title = req.getParameter("title");
        PrintWriter page = new PrintWriter(new OutputStreamWriter(resp.getOutputStream(), "UTF-8"));
        ServletOutputStream body = resp.getOutputStream();
        // ruleid: java-xss-servlet-writer
        body.println("<title>" + title + "</title>");
        // ruleid: java-xss-servlet-writer
        resp.getWriter().format("<p>%s</p>" + title, title);
        // ruleid: java-xss-servlet-writer
        page.write("<h1>" + title + "</h1>");
        page.flush();
    }
}

class ReportWriter {
    // Text built for a string, a file or the console is not an HTTP response.
    String render(String title, File file) throws IOException {
        StringWriter buffer = new StringWriter();
        PrintWriter out = new PrintWriter(buffer);
        // ok: java-xss-servlet-writer
        out.println("<h1>" + title + "</h1>");
        try (PrintWriter writer = new PrintWriter(new FileWriter(file))) {
            // ok: java-xss-servlet-writer
            writer.write("<h1>" + title + "</h1>");
        }
        // ok: java-xss-servlet-writer
        System.err.println("rendered " + title);
        return buffer.toString();
    }
    void notFound(HttpServletResponse response, String name) throws IOException {
        // ruleid: java-xss-servlet-writer
        response.sendError(404, "<br>No user named " + name);
        // ok: java-xss-servlet-writer
        response.sendError(404, "No such user");
        // ok: java-xss-servlet-writer
        response.sendError(404);
    }
}
