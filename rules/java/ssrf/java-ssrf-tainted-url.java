import java.net.*;
import java.net.http.*;
import javax.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.*;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.reactive.function.client.WebClient;

public class Preview {
    private final RestTemplate restTemplate = new RestTemplate();
    private final WebClient webClient = WebClient.create();

    public Object fetch(HttpServletRequest request) throws Exception {
        String target = request.getParameter("url");
        URL url = new URL(target);
        // ruleid: java-ssrf-tainted-url
        URLConnection conn = url.openConnection();
        // ok: java-ssrf-tainted-url
        URLConnection health = new URL("https://api.example.com/health").openConnection();
        return conn;
    }

    @GetMapping("/preview")
    public String preview(@RequestParam String url, @RequestParam int page) {
        // ruleid: java-ssrf-tainted-url
        String body = restTemplate.getForObject(url, String.class);
        // ok: java-ssrf-tainted-url
        String list = restTemplate.getForObject("https://api.example.com/items?page=" + page, String.class);
        // ok: java-ssrf-tainted-url
        String fixed = restTemplate.getForObject("https://api.example.com/items?q={q}", String.class, url);
        return body + list + fixed;
    }

    @PostMapping("/hook")
    public Object hook(@RequestBody Hook hook) throws Exception {
        // ruleid: java-ssrf-tainted-url
        webClient.get().uri(hook.getCallback()).retrieve();
        // ruleid: java-ssrf-tainted-url
        HttpRequest req = HttpRequest.newBuilder().uri(URI.create(hook.getCallback())).build();
        // ok: java-ssrf-tainted-url
        webClient.get().uri("https://api.example.com/ping").retrieve();
        return req;
    }

    // Data the program reads from its configuration: low confidence (a configured endpoint is the usual case).
    Object fromElsewhere() throws Exception {
        Object plugin = Class.forName("com.acme.plugins." + System.getProperty("plugin")).getConstructor().newInstance();
        // ok: java-ssrf-tainted-url
        URLConnection pluginConn = new URL("https://api.example.com/" + plugin.toString()).openConnection();
        // The JVM's own description of where it runs is not input.
        // ok: java-ssrf-tainted-url
        URLConnection local = new URL("file://" + System.getProperty("java.io.tmpdir") + "/cache.json").openConnection();
        // ruleid: java-ssrf-tainted-url
        URLConnection conn = new URL(System.getProperty("service.url")).openConnection();
        // ok: java-ssrf-tainted-url
        URLConnection fixed = new URL("https://api.example.com/").openConnection();
        return conn;
    }
}
