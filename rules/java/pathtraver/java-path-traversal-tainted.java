import java.io.*;
import javax.servlet.http.*;

public class Download extends HttpServlet {
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String name = request.getParameter("file");
        String fileName = "/srv/uploads/" + name;
        // ruleid: java-path-traversal-tainted
        java.io.FileInputStream in = new java.io.FileInputStream(fileName);
        // ruleid: java-path-traversal-tainted
        File f = new File("/srv/uploads", name);
        // ok: java-path-traversal-tainted
        File config = new File("/etc/app/config.properties");
        String fixed = "report.pdf";
        // ok: java-path-traversal-tainted
        File report = new File("/srv/reports/" + fixed);
    }
}
