import javax.servlet.http.*;

public class Prefs extends HttpServlet {
    protected void doGet(HttpServletRequest request, HttpServletResponse response) {
        String theme = request.getParameter("theme");
        // ruleid: java-trust-boundary-tainted
        request.getSession().setAttribute("theme", theme);
        // ok: java-trust-boundary-tainted
        request.getSession().setAttribute("visited", "yes");
    }
}
