import java.io.*;
import javax.servlet.http.*;
import org.owasp.encoder.Encode;

public class Greeter extends HttpServlet {
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
        out.println("<p>Welcome</p>");
        // ok: java-xss-servlet-writer
        System.out.println("served " + name);
    }
}
