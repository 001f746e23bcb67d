// Loads an application's XML configuration file (<config><setting name="..." value="..."/></config>) into a typed settings map.
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

public class XmlConfigLoader {
    private static final long MAX_FILE_BYTES = 1024 * 1024;

    private final Map<String, String> settings = new LinkedHashMap<>();

    static DocumentBuilder newBuilder() throws ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        factory.setNamespaceAware(false);
        return factory.newDocumentBuilder();
    }

    public void load(Path file) throws IOException {
        if (Files.size(file) > MAX_FILE_BYTES) {
            throw new IOException(file + ": configuration larger than " + MAX_FILE_BYTES + " bytes");
        }
        Document doc;
        try (InputStream in = Files.newInputStream(file)) {
            doc = newBuilder().parse(in);
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
        Element root = doc.getDocumentElement();
        if (!"config".equals(root.getTagName())) {
            throw new IOException(file + ": root element must be <config>");
        }
        NodeList nodes = root.getElementsByTagName("setting");
        for (int i = 0; i < nodes.getLength(); i++) {
            Element e = (Element) nodes.item(i);
            String name = e.getAttribute("name");
            if (!name.matches("[a-z][a-z0-9_.]{0,63}")) {
                throw new IOException(file + ": invalid setting name '" + name + "'");
            }
            settings.put(name, e.hasAttribute("value") ? e.getAttribute("value") : e.getTextContent().strip());
        }
    }

    public String get(String name, String fallback) {
        return settings.getOrDefault(name, fallback);
    }

    public int getInt(String name, int fallback, int min, int max) {
        String v = settings.get(name);
        if (v == null) return fallback;
        try {
            int n = Integer.parseInt(v.strip());
            return n < min || n > max ? fallback : n;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    public boolean getBoolean(String name, boolean fallback) {
        String v = settings.get(name);
        if (v == null) return fallback;
        return switch (v.strip().toLowerCase()) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> fallback;
        };
    }

    public Map<String, String> all() {
        return Collections.unmodifiableMap(settings);
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: java XmlConfigLoader CONFIG.xml");
            System.exit(2);
        }
        XmlConfigLoader config = new XmlConfigLoader();
        try {
            config.load(Paths.get(args[0]));
        } catch (IOException e) {
            System.err.println(e.getMessage());
            System.exit(1);
        }
        config.all().forEach((k, v) -> System.out.println(k + " = " + v));
        System.out.println("server.port -> " + config.getInt("server.port", 8080, 1, 65535));
        System.out.println("server.tls -> " + config.getBoolean("server.tls", true));
    }
}
