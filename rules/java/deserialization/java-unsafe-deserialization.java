import java.io.*;
import java.beans.XMLDecoder;
import com.fasterxml.jackson.databind.ObjectMapper;

public class SessionStore {
    public Object restore(InputStream body) throws Exception {
        ObjectInputStream in = new ObjectInputStream(body);
        // ruleid: java-unsafe-deserialization
        Object session = in.readObject();
        // ruleid: java-unsafe-deserialization
        XMLDecoder decoder = new XMLDecoder(body);
        return session;
    }

    public Object restoreFiltered(InputStream body) throws Exception {
        ObjectInputStream in = new ObjectInputStream(body);
        in.setObjectInputFilter(ObjectInputFilter.Config.createFilter("com.example.Session;!*"));
        // ok: java-unsafe-deserialization
        return in.readObject();
    }

    public Session restoreJson(InputStream body) throws IOException {
        // ok: java-unsafe-deserialization
        return new ObjectMapper().readValue(body, Session.class);
    }
}
