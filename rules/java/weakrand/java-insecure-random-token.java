import java.security.SecureRandom;
import javax.servlet.http.*;

public class RememberMe extends HttpServlet {
    protected void doGet(HttpServletRequest request, HttpServletResponse response) {
        float rand = new java.util.Random().nextFloat();
        String rememberMeKey = Float.toString(rand).substring(2);
        // ruleid: java-insecure-random-token
        Cookie cookie = new Cookie("rememberMe", rememberMeKey);
        // ruleid: java-insecure-random-token
        request.getSession().setAttribute("rememberMe", rememberMeKey);
        long strong = new SecureRandom().nextLong();
        String safeKey = Long.toHexString(strong);
        // ok: java-insecure-random-token
        Cookie safe = new Cookie("rememberMe", safeKey);
        response.addCookie(cookie);
        response.addCookie(safe);
    }
}
