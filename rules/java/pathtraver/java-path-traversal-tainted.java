import java.io.*;
import java.nio.file.Paths;
import java.util.Properties;
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

    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String name = request.getParameter("file");
        if (name == null || name.contains("..")) {
            response.sendError(400);
            return;
        }
        // ok: java-path-traversal-tainted
        File checked = new File("/srv/uploads/" + name);
        String other = request.getParameter("other");
        if (other.contains("..") && other.length() > 100) {
            return;
        }
        // ruleid: java-path-traversal-tainted
        File unchecked = new File("/srv/uploads/" + other);
    }

    // Spring MVC: a path variable is request data; a numeric one cannot climb directories.
    byte[] report(@PathVariable String name, @PathVariable Long year) throws IOException {
        // ruleid: java-path-traversal-tainted
        File f = new File("/srv/reports/" + name);
        // ok: java-path-traversal-tainted
        File y = new File("/srv/reports/" + year + ".pdf");
        // ok: java-path-traversal-tainted
        File base = new File("/srv/reports/" + FilenameUtils.getName(name));
        return null;
    }

    // Data the program reads from its environment or a file: low confidence. Opening a file is a sink for
    // its name, not a source that feeds itself.
    void fromElsewhere() throws IOException {
        Object plugin = Class.forName("com.acme.plugins." + System.getProperty("plugin")).getConstructor().newInstance();
        // ok: java-path-traversal-tainted
        File pluginFile = new File("/srv/" + plugin.toString());
        String home = System.getProperty("app.home");
        // ruleid: java-path-traversal-tainted
        File logs = new File(home + "/logs");
        // The JVM says where the user's home, the working directory and the temp directory are: not input.
        // ok: java-path-traversal-tainted
        File users = Paths.get(System.getProperty("user.home"), ".app-users").toFile();
        String scratch = System.getProperty("java.io.tmpdir");
        // ok: java-path-traversal-tainted
        File spool = new File(scratch + File.separator + "spool");
        Properties config = new Properties();
        // ruleid: java-path-traversal-tainted
        File exports = new File(config.getProperty("export.dir"), "out.csv");
        BufferedReader list = new BufferedReader(new FileReader("/etc/app/files.txt"));
        // ruleid: java-path-traversal-tainted
        FileInputStream listed = new FileInputStream(list.readLine());
        // ok: java-path-traversal-tainted
        FileOutputStream same = new FileOutputStream(new FileInputStream("/etc/app/state").getFD());
        // ok: java-path-traversal-tainted
        FileInputStream settings = new FileInputStream("/etc/app/settings.properties");
        File fixed = new File("/etc/app/other.properties");
        // ok: java-path-traversal-tainted
        FileInputStream other = new FileInputStream(fixed);
    }
}
