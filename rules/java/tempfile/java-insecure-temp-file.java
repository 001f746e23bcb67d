import java.io.File;
import java.nio.file.*;

public class Export {
    void write() throws Exception {
        // ruleid: java-insecure-temp-file
        File tmp = File.createTempFile("export", ".csv");
        // ok: java-insecure-temp-file
        Path safe = Files.createTempFile("export", ".csv");
    }
}
