// Deletes log files older than N days from a log directory and writes a summary report next to them.
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

public class LogCleaner {
    private final Path logDir;
    private final Duration maxAge;
    private final boolean dryRun;

    LogCleaner(Path logDir, Duration maxAge, boolean dryRun) {
        this.logDir = logDir;
        this.maxAge = maxAge;
        this.dryRun = dryRun;
    }

    List<Path> findExpired(Instant now) throws IOException {
        List<Path> expired = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(logDir, "*.{log,log.gz}")) {
            for (Path p : stream) {
                if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) continue;
                FileTime modified = Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS);
                if (modified.toInstant().plus(maxAge).isBefore(now)) {
                    expired.add(p);
                }
            }
        }
        expired.sort(null);
        return expired;
    }

    long delete(List<Path> files) throws IOException {
        long freed = 0;
        for (Path p : files) {
            long size = Files.size(p);
            if (!dryRun) {
                Files.deleteIfExists(p);
            }
            freed += size;
        }
        return freed;
    }

    void writeReport(List<Path> files, long freed, Instant now) throws IOException {
        Path tmp = Files.createTempFile(logDir, ".cleanup-", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r-----")));
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            w.write("cleanup at " + now + (dryRun ? " (dry run)" : "") + "\n");
            for (Path p : files) {
                w.write(p.getFileName() + "\n");
            }
            w.write(files.size() + " files, " + freed + " bytes\n");
        }
        Files.move(tmp, logDir.resolve("cleanup-report.txt"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public static void main(String[] args) throws IOException {
        boolean dryRun = false;
        List<String> rest = new ArrayList<>();
        for (String a : args) {
            if (a.equals("--dry-run")) dryRun = true;
            else rest.add(a);
        }
        if (rest.size() != 2) {
            System.err.println("usage: java LogCleaner [--dry-run] LOG_DIR DAYS");
            System.exit(2);
        }
        Path dir = Paths.get(rest.get(0));
        int days;
        try {
            days = Integer.parseInt(rest.get(1));
        } catch (NumberFormatException e) {
            days = -1;
        }
        if (days < 1 || days > 3650) {
            System.err.println("DAYS must be between 1 and 3650");
            System.exit(2);
        }
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            System.err.println(dir + ": not a directory");
            System.exit(1);
        }
        LogCleaner cleaner = new LogCleaner(dir, Duration.ofDays(days), dryRun);
        Instant now = Instant.now();
        List<Path> expired = cleaner.findExpired(now);
        long freed = cleaner.delete(expired);
        cleaner.writeReport(expired, freed, now);
        System.out.printf("%s %d files, %d bytes%n", dryRun ? "would delete" : "deleted", expired.size(), freed);
    }
}
