import javax.xml.XMLConstants;
import javax.xml.parsers.*;
import org.w3c.dom.Document;
import java.io.InputStream;

class InvoiceImporter {
    Document parse(InputStream in) throws Exception {
        // ruleid: java-xxe-parser-defaults
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        return factory.newDocumentBuilder().parse(in);
    }
}

class SafeImporter {
    Document parse(InputStream in) throws Exception {
        // ok: java-xxe-parser-defaults
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(in);
    }
}
