package org.uketsuke.bridge.csv;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 CSV: fields quoted when they hold a comma, quote, CR or LF; quotes doubled; CRLF between records. The
 * reader takes what spreadsheet programs and レセコン write (LF or CRLF, optional quotes, a UTF-8 BOM).
 */
public final class Csv {

    private Csv() {}

    /** One record, CRLF-terminated. */
    public static String line(List<String> fields) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            String field = fields.get(i) == null ? "" : fields.get(i);
            // A leading BOM is quoted too: unquoted at the start of a file, a reader takes it for the byte-order mark.
            if (field.indexOf(',') >= 0
                    || field.indexOf('"') >= 0
                    || field.indexOf('\r') >= 0
                    || field.indexOf('\n') >= 0
                    || field.startsWith("\uFEFF")) {
                out.append('"').append(field.replace("\"", "\"\"")).append('"');
            } else {
                out.append(field);
            }
        }
        return out.append("\r\n").toString();
    }

    /**
     * Parses a whole text into records with the (1-based) line each starts on.
     *
     * @throws CsvFormatException for a quote left open at the end of the text, naming its line
     */
    public static List<Record> parse(String text) {
        List<Record> records = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = text.startsWith("\uFEFF") ? 1 : 0;
        int line = 1;
        int recordLine = 1;
        boolean quoted = false;
        boolean fieldStarted = false;
        int quoteLine = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i += 2;
                        continue;
                    }
                    quoted = false;
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append(c);
                }
                i++;
                continue;
            }
            switch (c) {
                case '"' -> {
                    if (field.isEmpty() && !fieldStarted) {
                        quoted = true;
                        quoteLine = line;
                    } else {
                        field.append(c); // a stray quote inside an unquoted field is kept as data
                    }
                    fieldStarted = true;
                }
                case ',' -> {
                    fields.add(field.toString());
                    field.setLength(0);
                    fieldStarted = false;
                }
                case '\r', '\n' -> {
                    if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                        i++;
                    }
                    fields.add(field.toString());
                    field.setLength(0);
                    fieldStarted = false;
                    if (!(fields.size() == 1 && fields.getFirst().isEmpty())) {
                        records.add(new Record(recordLine, List.copyOf(fields)));
                    }
                    fields.clear();
                    line++;
                    recordLine = line;
                }
                default -> {
                    field.append(c);
                    fieldStarted = true;
                }
            }
            i++;
        }
        if (quoted) {
            throw new CsvFormatException(quoteLine, "a quoted field opened on line " + quoteLine + " is never closed");
        }
        if (fieldStarted || !field.isEmpty() || !fields.isEmpty()) {
            fields.add(field.toString());
            records.add(new Record(recordLine, List.copyOf(fields)));
        }
        return records;
    }

    /** One parsed record and the line of the file it starts on. */
    public record Record(int line, List<String> fields) {}
}
