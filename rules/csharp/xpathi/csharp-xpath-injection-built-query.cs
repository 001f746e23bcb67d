using System.Xml;
using System.Xml.XPath;

public class UserDirectory
{
    private readonly XmlDocument users = new XmlDocument();

    public bool Login(string name, string password)
    {
        // ruleid: csharp-xpath-injection-built-query
        var node = users.SelectSingleNode("//user[@name='" + name + "' and @password='" + password + "']");
        var query = $"//user[@name='{name}']/email";
        // ruleid: csharp-xpath-injection-built-query
        var emails = users.SelectNodes(query);
        var nav = users.CreateNavigator();
        // ruleid: csharp-xpath-injection-built-query
        var count = nav.Evaluate(string.Format("count(//user[@role='{0}'])", name));
        // ok: csharp-xpath-injection-built-query
        var escaped = users.SelectSingleNode("//user[@name='" + System.Security.SecurityElement.Escape(name) + "']");
        // ok: csharp-xpath-injection-built-query
        var admins = users.SelectNodes("//user[@role='admin']");
        const string Root = "//users";
        // ok: csharp-xpath-injection-built-query
        var all = users.SelectNodes(Root + "/user");
        // ok: csharp-xpath-injection-built-query
        var names = new[] { name }.Select(n => n.Trim());
        return node != null;
    }
}
