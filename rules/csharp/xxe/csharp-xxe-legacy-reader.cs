using System.IO;
using System.Xml;

public class FeedReader
{
    public string Title(Stream feed)
    {
        // ruleid: csharp-xxe-legacy-reader
        var reader = new XmlTextReader(feed);
        reader.ReadToFollowing("title");
        return reader.ReadElementContentAsString();
    }

    public string SafeTitle(Stream feed)
    {
        // ok: csharp-xxe-legacy-reader
        var reader = new XmlTextReader(feed);
        reader.DtdProcessing = DtdProcessing.Prohibit;
        reader.ReadToFollowing("title");
        return reader.ReadElementContentAsString();
    }

    public string NoResolver(Stream feed)
    {
        // ok: csharp-xxe-legacy-reader
        var reader = new XmlTextReader(feed) { XmlResolver = null };
        reader.ReadToFollowing("title");
        return reader.ReadElementContentAsString();
    }
}
