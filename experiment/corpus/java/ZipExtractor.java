// Extracts a zip archive into a target directory, with limits on entry count and total unpacked size.
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

public class ZipExtractor {
    private static final int MAX_ENTRIES = 10_000;
    private static final long MAX_TOTAL_BYTES = 512L * 1024 * 1024;

    private final Path target;
    private long written;

    public ZipExtractor(Path target) {
        this.target = target.toAbsolutePath().normalize();
    }

    public int extract(Path archive) throws IOException {
        Files.createDirectories(target);
        int count = 0;
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (++count > MAX_ENTRIES) {
                    throw new IOException("archive has more than " + MAX_ENTRIES + " entries");
                }
                Path dest = destinationFor(entry.getName());
                if (entry.isDirectory()) {
                    Files.createDirectories(dest);
                    continue;
                }
                Files.createDirectories(dest.getParent());
                try (InputStream in = zip.getInputStream(entry)) {
                    copyLimited(in, dest);
                }
            }
        }
        return count;
    }

    Path destinationFor(String entryName) throws IOException {
        if (entryName.isEmpty() || entryName.indexOf('\0') >= 0) {
            throw new IOException("bad entry name");
        }
        Path dest = target.resolve(entryName).normalize();
        if (!dest.startsWith(target) || dest.equals(target)) {
            throw new IOException("entry outside the target directory: " + entryName);
        }
        return dest;
    }

    private void copyLimited(InputStream in, Path dest) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(dest, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                written += n;
                if (written > MAX_TOTAL_BYTES) {
                    throw new IOException("archive unpacks to more than " + MAX_TOTAL_BYTES + " bytes");
                }
                out.write(buffer, 0, n);
            }
        }
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: java ZipExtractor ARCHIVE.zip TARGET_DIR");
            System.exit(2);
        }
        ZipExtractor extractor = new ZipExtractor(Paths.get(args[1]));
        try {
            int n = extractor.extract(Paths.get(args[0]));
            System.out.printf("extracted %d entries (%d bytes) into %s%n", n, extractor.written, extractor.target);
        } catch (IOException e) {
            System.err.println("extract failed: " + e.getMessage());
            System.exit(1);
        }
    }
}
