import javax.servlet.http.*;

public class SessionCookies {
    void insecure(HttpServletResponse response, String id) {
        Cookie cookie = new Cookie("session", id);
        cookie.setHttpOnly(true);
        // ruleid: java-insecure-cookie
        response.addCookie(cookie);
        Cookie other = new Cookie("remember", id);
        // ruleid: java-insecure-cookie
        other.setSecure(false);
    }

    void secure(HttpServletResponse response, String id) {
        Cookie cookie = new Cookie("session", id);
        cookie.setSecure(true);
        cookie.setHttpOnly(true);
        // ok: java-insecure-cookie
        response.addCookie(cookie);
    }
}
