using System.Linq;
using System.Security;
using System.Xml;
using System.Xml.XPath;
using Microsoft.AspNetCore.Mvc;

public class CatalogController : Controller
{
    private readonly XmlDocument catalog = new XmlDocument();

    public IActionResult Product(string sku)
    {
        // ruleid: csharp-xpath-injection-tainted
        var node = catalog.SelectSingleNode("//product[@sku='" + sku + "']");
        // ok: csharp-xpath-injection-tainted
        var escaped = catalog.SelectSingleNode("//product[@sku='" + SecurityElement.Escape(sku) + "']");
        // ok: csharp-xpath-injection-tainted
        var all = catalog.SelectNodes("//product[@visible='true']");
        return Ok(node?.InnerText);
    }

    public IActionResult Count()
    {
        var category = Request.Query["category"];
        var nav = catalog.CreateNavigator();
        // ruleid: csharp-xpath-injection-tainted
        var count = nav.Evaluate($"count(//product[@category='{category}'])");
        // ok: csharp-xpath-injection-tainted
        var names = new[] { "a", "b" }.Select(n => n + category);
        var query = $"//product[@category='{category}']/name";
        // ruleid: csharp-xpath-injection-tainted
        var matches = nav.Select(query);
        return Ok(count);
    }
}
