using System.DirectoryServices;
using System.Windows.Forms;
using Microsoft.AspNetCore.Mvc;

public class PeopleController : Controller
{
    private readonly DirectoryEntry root = new DirectoryEntry("LDAP://dc=example,dc=com");

    public IActionResult Find(string user)
    {
        // ruleid: csharp-ldap-injection-tainted
        var searcher = new DirectorySearcher(root, "(&(objectClass=user)(sAMAccountName=" + user + "))", null);
        var filter = $"(mail={user})";
        // ruleid: csharp-ldap-injection-tainted
        searcher.Filter = filter;
        // ok: csharp-ldap-injection-tainted
        searcher.Filter = "(objectClass=group)";
        // ok: csharp-ldap-injection-tainted
        searcher.Filter = "(uid=" + LdapEscape.EscapeFilterValue(user) + ")";
        return Ok(searcher.FindOne());
    }

    public IActionResult Lookup()
    {
        var uid = Request.Form["uid"];
        // ruleid: csharp-ldap-injection-tainted
        var searcher = new DirectorySearcher { SearchRoot = root, Filter = "(uid=" + uid + ")" };
        return Ok(searcher.FindAll());
    }

    [NonAction]
    public void Browse(OpenFileDialog dialog, string extension)
    {
        var ext = Request.Query["ext"];
        // ok: csharp-ldap-injection-tainted
        dialog.Filter = ext + " files|*." + ext;
    }
}
