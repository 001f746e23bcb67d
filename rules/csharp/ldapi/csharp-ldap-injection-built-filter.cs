using System.DirectoryServices;
using System.Windows.Forms;

public class Directory
{
    public SearchResult Find(DirectoryEntry root, string user)
    {
        // ruleid: csharp-ldap-injection-built-filter
        var searcher = new DirectorySearcher(root, "(&(objectClass=user)(sAMAccountName=" + user + "))", null);
        var filter = $"(mail={user})";
        // ruleid: csharp-ldap-injection-built-filter
        searcher.Filter = filter;
        // ok: csharp-ldap-injection-built-filter
        searcher.Filter = "(objectClass=group)";
        return searcher.FindOne();
    }

    public void Configure(DirectorySearcher searcher, string user)
    {
        // ruleid: csharp-ldap-injection-built-filter
        searcher.Filter = "(uid=" + user + ")";
    }

    public void Browse(OpenFileDialog dialog, string extension)
    {
        // ok: csharp-ldap-injection-built-filter
        dialog.Filter = extension + " files|*." + extension;
    }
}
