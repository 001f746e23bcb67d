import java.io.IOException;
import java.util.*;
import javax.servlet.http.*;

public class Ping extends HttpServlet {
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String host = request.getParameter("host");
        String cmd = "ping -c 1 " + host;
        // ruleid: java-cmdi-tainted-command
        Runtime.getRuntime().exec(cmd);
        List<String> args = new ArrayList<>();
        args.add("ping");
        args.add(host);
        // ruleid: java-cmdi-tainted-command
        new ProcessBuilder(args).start();
        // ok: java-cmdi-tainted-command
        Runtime.getRuntime().exec("uptime");
        String fixed = "ls -l /var/log";
        // ok: java-cmdi-tainted-command
        Runtime.getRuntime().exec(fixed);
    }

    // Spring MVC: the framework fills annotated parameters from the request.
    String ping(@RequestParam("host") String host, @PathVariable int count) throws IOException {
        // ruleid: java-cmdi-tainted-command
        Runtime.getRuntime().exec("ping -c 1 " + host);
        // ruleid: java-cmdi-tainted-command
        new ProcessBuilder(List.of("sh", "-c", "ping -c 1 " + host)).start();
        // ok: java-cmdi-tainted-command
        Runtime.getRuntime().exec("ping -c " + count + " localhost");
        return "ok";
    }

    // Data the program reads from its environment, a file or the network (low confidence for the first two).
    void fromElsewhere(java.net.Socket peer) throws IOException {
        Object plugin = Class.forName("com.acme.plugins." + System.getProperty("plugin")).getConstructor().newInstance();
        // ok: java-cmdi-tainted-command
        Runtime.getRuntime().exec("run " + plugin.toString());
        // The JVM's own description of the OS and the user is not input.
        String shell = System.getProperty("os.name").startsWith("Windows") ? "cmd.exe /c " : "sh -c ";
        // ok: java-cmdi-tainted-command
        Runtime.getRuntime().exec(shell + "ls " + System.getProperty("user.home"));
        String tool = System.getenv("BACKUP_TOOL");
        // ruleid: java-cmdi-tainted-command
        Runtime.getRuntime().exec(tool + " --all");
        java.io.BufferedReader lines = new java.io.BufferedReader(new java.io.InputStreamReader(peer.getInputStream()));
        // ruleid: java-cmdi-tainted-command
        Runtime.getRuntime().exec("ping -c 1 " + lines.readLine());
        // ok: java-cmdi-tainted-command
        Runtime.getRuntime().exec("uptime");
    }
}
