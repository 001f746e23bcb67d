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
}
