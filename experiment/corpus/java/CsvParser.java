// Parses RFC 4180 CSV (quoted fields, embedded commas and newlines) and prints each record as numbered fields.
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

public class CsvParser {
    private static final int MAX_FIELD_CHARS = 64 * 1024;
    private static final int MAX_FIELDS = 1024;

    private final Reader in;
    private final char separator;
    private int line = 1;

    public CsvParser(Reader in, char separator) {
        this.in = in;
        this.separator = separator;
    }

    /** Returns the next record, or null at end of input. */
    public List<String> next() throws IOException {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean sawAny = false;
        int c;
        while ((c = in.read()) != -1) {
            sawAny = true;
            char ch = (char) c;
            if (quoted) {
                if (ch == '"') {
                    in.mark(1);
                    int peek = in.read();
                    if (peek == '"') {
                        append(field, '"');
                    } else {
                        quoted = false;
                        if (peek != -1) in.reset();
                    }
                } else {
                    if (ch == '\n') line++;
                    append(field, ch);
                }
            } else if (ch == '"' && field.length() == 0) {
                quoted = true;
            } else if (ch == separator) {
                addField(fields, field);
            } else if (ch == '\n') {
                line++;
                addField(fields, field);
                return fields;
            } else if (ch != '\r') {
                append(field, ch);
            }
        }
        if (quoted) throw new IOException("line " + line + ": unterminated quoted field");
        if (!sawAny) return null;
        addField(fields, field);
        return fields;
    }

    private void append(StringBuilder field, char ch) throws IOException {
        if (field.length() >= MAX_FIELD_CHARS) {
            throw new IOException("line " + line + ": field longer than " + MAX_FIELD_CHARS + " characters");
        }
        field.append(ch);
    }

    private void addField(List<String> fields, StringBuilder field) throws IOException {
        if (fields.size() >= MAX_FIELDS) {
            throw new IOException("line " + line + ": more than " + MAX_FIELDS + " fields");
        }
        fields.add(field.toString());
        field.setLength(0);
    }

    public static void main(String[] args) throws IOException {
        char sep = ',';
        String file = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("-d") && i + 1 < args.length && args[i + 1].length() == 1) {
                sep = args[++i].charAt(0);
            } else {
                file = args[i];
            }
        }
        Reader reader = file == null
                ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
                : Files.newBufferedReader(Paths.get(file), StandardCharsets.UTF_8);
        try (reader) {
            CsvParser parser = new CsvParser(reader.markSupported() ? reader : new BufferedReader(reader), sep);
            List<String> record;
            int n = 0;
            while ((record = parser.next()) != null) {
                n++;
                for (int i = 0; i < record.size(); i++) {
                    System.out.printf("%d.%d\t%s%n", n, i + 1, record.get(i).replace("\n", "\\n"));
                }
            }
            System.out.println(n + " records");
        } catch (IOException e) {
            System.err.println("csv: " + e.getMessage());
            System.exit(1);
        }
    }
}
