import java.net.*;
import java.net.http.*;
import javax.servlet.http.HttpServletRequest;

public class Preview {
    public Object fetch(HttpServletRequest request) throws Exception {
        String host = request.getParameter("host");
        // ruleid: java-ssrf-built-url
        URLConnection conn = new URL("http://" + host + "/preview").openConnection();
        // ruleid: java-ssrf-built-url
        HttpRequest req = HttpRequest.newBuilder(URI.create("https://" + host + "/api")).build();
        // ok: java-ssrf-built-url
        URLConnection health = new URL("https://api.example.com/health").openConnection();
        return conn;
    }
}
