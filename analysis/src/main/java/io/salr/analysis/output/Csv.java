package io.salr.analysis.output;

import java.io.IOException;
import java.util.List;

/**
 * RFC 4180 CSV lines: fields containing a comma, a double quote, CR or LF are quoted, with quotes doubled;
 * other fields are written verbatim; lines end with {@code \n}.
 */
public final class Csv {

    private Csv() {
    }

    /** Appends one line. */
    public static void line(Appendable out, List<String> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(field(fields.get(i)));
        }
        out.append('\n');
    }

    /** One field, quoted when needed. */
    public static String field(String text) {
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0
                || text.indexOf('\r') >= 0) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }
}
