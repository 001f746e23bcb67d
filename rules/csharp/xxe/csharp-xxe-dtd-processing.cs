using System.IO;
using System.Xml;

public class InvoiceImport
{
    public XmlDocument Load(Stream upload)
    {
        var settings = new XmlReaderSettings
        {
            // ruleid: csharp-xxe-dtd-processing
            DtdProcessing = DtdProcessing.Parse,
        };
        var doc = new XmlDocument();
        // ruleid: csharp-xxe-dtd-processing
        doc.XmlResolver = new XmlUrlResolver();
        var legacy = new XmlReaderSettings();
        // ruleid: csharp-xxe-dtd-processing
        legacy.ProhibitDtd = false;
        var strict = new XmlReaderSettings
        {
            // ok: csharp-xxe-dtd-processing
            DtdProcessing = DtdProcessing.Prohibit,
        };
        // ok: csharp-xxe-dtd-processing
        doc.XmlResolver = null;
        doc.Load(XmlReader.Create(upload, strict));
        return doc;
    }
}
