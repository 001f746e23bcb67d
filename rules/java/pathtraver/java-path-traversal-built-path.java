import java.io.*;
import java.nio.file.*;
import javax.servlet.http.*;

public class Downloads {
    private static final String BASE = "/srv/uploads/";

    public void get(HttpServletRequest request) throws IOException {
        String name = request.getParameter("file");
        // ruleid: java-path-traversal-built-path
        FileInputStream in = new FileInputStream("/srv/uploads/" + name);
        // ruleid: java-path-traversal-built-path
        File report = new File(BASE + name);
        // ruleid: java-path-traversal-built-path
        Path path = Paths.get(String.format("/var/reports/%s.pdf", name));
        // ok: java-path-traversal-built-path
        File config = new File("/etc/app/config.properties");
        // ok: java-path-traversal-built-path
        Path safe = Paths.get(BASE).resolve(Paths.get(name).getFileName()).normalize();
    }

    File checked(String name) {
        if (name.contains("..")) {
            throw new IllegalArgumentException("bad name");
        }
        // ok: java-path-traversal-built-path
        return new File("/srv/uploads/" + name);
    }
}
