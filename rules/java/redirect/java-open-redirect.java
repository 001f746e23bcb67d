import java.io.IOException;
import javax.servlet.http.*;

public class LoginServlet extends HttpServlet {
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // ruleid: java-open-redirect
        response.sendRedirect(request.getParameter("next"));
        // ruleid: java-open-redirect
        response.setHeader("Location", "" + request.getHeader("Referer"));
        // ok: java-open-redirect
        response.sendRedirect("/dashboard");
        // ok: java-open-redirect
        response.sendRedirect(request.getContextPath() + "/home");
    }
}
