import java.io.IOException;
import javax.servlet.http.*;
import org.springframework.web.bind.annotation.*;
import org.springframework.web.servlet.ModelAndView;

public class Login extends HttpServlet {
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String next = request.getParameter("next");
        // ruleid: java-open-redirect-tainted
        response.sendRedirect(next);
        // ok: java-open-redirect-tainted
        response.sendRedirect("/home");
        String back = request.getParameter("back");
        if (!back.startsWith("/app/")) {
            return;
        }
        // ok: java-open-redirect-tainted
        response.sendRedirect(back);
    }

    // Spring MVC: a view name starting with "redirect:" is a redirect to what follows.
    @GetMapping("/login/done")
    public String done(@RequestParam("returnUrl") String returnUrl) {
        // ruleid: java-open-redirect-tainted
        return "redirect:" + returnUrl;
    }

    @GetMapping("/orders/{id}/view")
    public String order(@PathVariable String id) {
        // ok: java-open-redirect-tainted
        return "redirect:/orders/" + id;
    }

    @GetMapping("/go")
    public ModelAndView go(@RequestParam String target, @RequestParam long page) {
        if (page > 0) {
            // ok: java-open-redirect-tainted
            return new ModelAndView("redirect:" + "/list?page=" + page);
        }
        // ruleid: java-open-redirect-tainted
        return new ModelAndView("redirect:" + target);
    }

    // Data the program reads from a configuration file or its database: low confidence.
    void fromElsewhere(HttpServletResponse response, java.sql.ResultSet row) throws IOException {
        Object plugin = Class.forName("com.acme.plugins." + System.getProperty("plugin")).getConstructor().newInstance();
        // ok: java-open-redirect-tainted
        response.sendRedirect("/" + plugin.toString());
        // The JVM's own description of where it runs is not input.
        // ok: java-open-redirect-tainted
        response.sendRedirect("/status?os=" + System.getProperty("os.name"));
        java.util.Properties settings = new java.util.Properties();
        settings.load(new java.io.FileInputStream("app.properties"));
        // ruleid: java-open-redirect-tainted
        response.sendRedirect(settings.getProperty("landing"));
        // ruleid: java-open-redirect-tainted
        response.sendRedirect(row.getString("home_page"));
        // ok: java-open-redirect-tainted
        response.sendRedirect("/landing");
    }
}
