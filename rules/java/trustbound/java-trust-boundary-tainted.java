import javax.servlet.http.*;

public class Prefs extends HttpServlet {
    protected void doGet(HttpServletRequest request, HttpServletResponse response) {
        String theme = request.getParameter("theme");
        // ruleid: java-trust-boundary-tainted
        request.getSession().setAttribute("theme", theme);
        // ok: java-trust-boundary-tainted
        request.getSession().setAttribute("visited", "yes");
    }

    // Spring MVC: the framework fills annotated parameters from the request.
    String prefs(@RequestHeader("X-Theme") String theme, @RequestParam boolean dark, HttpSession session) {
        // ruleid: java-trust-boundary-tainted
        session.setAttribute("theme", theme);
        // ok: java-trust-boundary-tainted
        session.setAttribute("dark", dark);
        return "prefs";
    }

    // Data the program reads from a file: low confidence.
    void fromElsewhere(HttpSession session) throws java.io.IOException {
        Object plugin = Class.forName("com.acme.plugins." + System.getProperty("plugin")).getConstructor().newInstance();
        // ok: java-trust-boundary-tainted
        session.setAttribute("plugin", plugin.toString());
        // The JVM's own description of where it runs is not input.
        // ok: java-trust-boundary-tainted
        session.setAttribute("host.os", System.getProperty("os.name"));
        String motd = java.nio.file.Files.readString(java.nio.file.Path.of("/etc/motd"));
        // ruleid: java-trust-boundary-tainted
        session.setAttribute("motd", motd);
        // ok: java-trust-boundary-tainted
        session.setAttribute("motd", "Welcome");
    }
}
