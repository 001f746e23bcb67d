import javax.xml.xpath.*;
import javax.servlet.http.*;
import org.w3c.dom.Document;

public class Find extends HttpServlet {
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        XPath xp = XPathFactory.newInstance().newXPath();
        Document doc = null;
        String id = request.getParameter("id");
        String expression = "/users/user[@id='" + id + "']";
        // ruleid: java-xpath-injection-tainted
        xp.evaluate(expression, doc);
        // ok: java-xpath-injection-tainted
        xp.evaluate("/users/user[@id='1']", doc);
        String escaped = org.apache.commons.text.StringEscapeUtils.escapeXml11(id);
        // ok: java-xpath-injection-tainted
        xp.evaluate("/users/user[@id='" + escaped + "']", doc);
        // The value reaches a helper that builds the query: reported where it is handed over.
        // ruleid: java-xpath-injection-tainted
        lookup(xp, doc, id);
    }

    private Object lookup(XPath xp, Document doc, String name) throws Exception {
        return xp.evaluate("/users/user[@name='" + name + "']", doc);
    }

    // Spring MVC: the framework fills annotated parameters from the request.
    Object find(@CookieValue("user") String user, @RequestParam int index, XPath xp, Document doc) throws Exception {
        // ruleid: java-xpath-injection-tainted
        xp.evaluate("/users/user[@name='" + user + "']", doc);
        // ok: java-xpath-injection-tainted
        return xp.evaluate("/users/user[" + index + "]", doc);
    }

    // Data the program reads from its environment: low confidence. XML escaping keeps quotes out.
    Object fromElsewhere(XPath xp, Document doc) throws Exception {
        Object plugin = Class.forName("com.acme.plugins." + System.getProperty("plugin")).getConstructor().newInstance();
        // ok: java-xpath-injection-tainted
        xp.evaluate("/plugins/plugin[@name='" + plugin.toString() + "']", doc);
        // The JVM's own description of the user is not input.
        // ok: java-xpath-injection-tainted
        xp.evaluate("/users/user[@name='" + System.getProperty("user.name") + "']", doc);
        String user = System.getenv("APP_USER");
        // ruleid: java-xpath-injection-tainted
        xp.evaluate("/users/user[@name='" + user + "']", doc);
        Document loaded = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new java.io.FileInputStream("users.xml"));
        // ok: java-xpath-injection-tainted
        xp.compile("/users/user[@name='admin']").evaluate(loaded);
        // ok: java-xpath-injection-tainted
        return xp.evaluate("/users/user[@name='" + StringEscapeUtils.escapeXml11(user) + "']", doc);
    }
}
