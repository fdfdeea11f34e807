package io.salr.analysis.tidy;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * The records of a CSV text, one at a time, read from a stream in a fixed amount of memory (a record at a
 * time, not the file): comma separated; a field in double quotes may hold commas, line breaks and doubled
 * quotes; outside quotes, spaces and tabs around a field are dropped; blank lines are skipped; a line ends
 * with LF, CRLF or CR. These are the rules the tidy reader followed when it parsed through Tablesaw.
 */
final class CsvRecords {

    /** The longest field accepted (a longer one is a corrupt file, e.g. an unclosed quote). */
    static final int MAX_FIELD = 1 << 16;

    private final Reader in;
    private final char[] buffer = new char[1 << 16];
    private int pos;
    private int limit;
    private long charsRead;
    private final StringBuilder field = new StringBuilder();

    CsvRecords(Reader in) {
        this.in = in;
    }

    /** Characters consumed so far (for progress). */
    long charsRead() {
        return charsRead - (limit - pos);
    }

    private int read() throws IOException {
        if (pos == limit) {
            int n = in.read(buffer, 0, buffer.length);
            if (n <= 0) {
                return -1;
            }
            pos = 0;
            limit = n;
            charsRead += n;
        }
        return buffer[pos++];
    }

    private void unread() {
        pos--;
    }

    /** The next non-blank record's fields, or null at the end of the text. */
    List<String> next() throws IOException {
        while (true) {
            int c = read();
            if (c == -1) {
                return null;
            }
            if (c == '\n' || c == '\r') {
                continue; // a blank line
            }
            unread();
            List<String> record = record();
            if (record.size() == 1 && record.get(0).isEmpty()) {
                continue; // a line of blanks only
            }
            return record;
        }
    }

    private List<String> record() throws IOException {
        List<String> fields = new ArrayList<>(16);
        while (true) {
            field.setLength(0);
            int c = read();
            while (c == ' ' || c == '\t') {
                c = read();
            }
            if (c == '"') {
                quoted();
                c = read();
                while (c == ' ' || c == '\t') {
                    c = read();
                }
                if (c != ',' && c != '\n' && c != '\r' && c != -1) {
                    throw new TidyFormatException("a quoted field is followed by '" + (char) c + "' instead of a comma"
                            + " or the end of the line (record " + (fields.size() + 1) + "th field)");
                }
            } else {
                while (c != ',' && c != '\n' && c != '\r' && c != -1) {
                    append((char) c);
                    c = read();
                }
                int end = field.length();
                while (end > 0 && (field.charAt(end - 1) == ' ' || field.charAt(end - 1) == '\t')) {
                    end--;
                }
                field.setLength(end);
            }
            fields.add(field.toString());
            if (c == ',') {
                continue;
            }
            if (c == '\r') {
                int n = read();
                if (n != '\n' && n != -1) {
                    unread();
                }
            }
            return fields;
        }
    }

    private void quoted() throws IOException {
        while (true) {
            int c = read();
            if (c == -1) {
                throw new TidyFormatException("a quoted field is not closed before the end of the file");
            }
            if (c == '"') {
                int n = read();
                if (n == '"') {
                    append('"');
                    continue;
                }
                if (n != -1) {
                    unread();
                }
                return;
            }
            append((char) c);
        }
    }

    private void append(char c) {
        if (field.length() >= MAX_FIELD) {
            throw new TidyFormatException("a field is longer than " + MAX_FIELD + " characters (an unclosed quote?)");
        }
        field.append(c);
    }
}
