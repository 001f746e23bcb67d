// Makes thumbnails of every image in a folder by running ImageMagick's `convert` on each file, several at a time.
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

public class ThumbnailTool {
    private static final Set<String> EXTENSIONS = Set.of("jpg", "jpeg", "png", "gif", "webp");
    private static final long TIMEOUT_SECONDS = 60;

    private final Path outputDir;
    private final int size;

    ThumbnailTool(Path outputDir, int size) {
        this.outputDir = outputDir;
        this.size = size;
    }

    static String extension(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    List<Path> images(Path dir) throws IOException {
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path p : stream) {
                if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && EXTENSIONS.contains(extension(p))) {
                    found.add(p);
                }
            }
        }
        return found;
    }

    boolean thumbnail(Path image) throws IOException, InterruptedException {
        Path out = outputDir.resolve(image.getFileName().toString().replaceAll("\\.[^.]*$", "") + "_thumb.png");
        List<String> command = List.of(
                "convert",
                image.toAbsolutePath().toString() + "[0]",
                "-auto-orient",
                "-thumbnail", size + "x" + size + ">",
                "-strip",
                "png:" + out.toAbsolutePath());
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return false;
        }
        return process.exitValue() == 0;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: java ThumbnailTool INPUT_DIR OUTPUT_DIR [SIZE]");
            System.exit(2);
        }
        Path input = Paths.get(args[0]);
        Path output = Paths.get(args[1]);
        int size = 256;
        if (args.length == 3) {
            try {
                size = Integer.parseInt(args[2]);
            } catch (NumberFormatException e) {
                size = -1;
            }
            if (size < 16 || size > 4096) {
                System.err.println("SIZE must be between 16 and 4096");
                System.exit(2);
            }
        }
        Files.createDirectories(output);
        ThumbnailTool tool = new ThumbnailTool(output, size);
        List<Path> images = tool.images(input);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()));
        List<Future<Boolean>> results = new ArrayList<>();
        for (Path image : images) {
            results.add(pool.submit(() -> tool.thumbnail(image)));
        }
        int failed = 0;
        for (int i = 0; i < images.size(); i++) {
            if (!results.get(i).get()) {
                failed++;
                System.err.println("failed: " + images.get(i).getFileName());
            }
        }
        pool.shutdown();
        System.out.printf("%d thumbnails, %d failed%n", images.size() - failed, failed);
        System.exit(failed == 0 ? 0 : 1);
    }
}
