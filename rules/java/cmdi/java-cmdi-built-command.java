import java.io.IOException;

public class Backup {
    public void archive(String file, String user) throws IOException {
        // ruleid: java-cmdi-built-command
        Runtime.getRuntime().exec("tar czf /tmp/backup.tgz " + file);
        // ruleid: java-cmdi-built-command
        new ProcessBuilder("sh", "-c", "grep " + user + " /etc/passwd").start();
        // ruleid: java-cmdi-built-command
        String[] cmd = {"/bin/sh", "-c", "ls " + file};
        Runtime.getRuntime().exec(cmd);
        // ok: java-cmdi-built-command
        new ProcessBuilder("tar", "czf", "/tmp/backup.tgz", file).start();
        // ok: java-cmdi-built-command
        Runtime.getRuntime().exec("uptime");
    }
}
