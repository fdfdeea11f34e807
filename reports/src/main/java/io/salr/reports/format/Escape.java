package io.salr.reports.format;

/**
 * Escaping of strings from the input (dataset, model, method and study names, hyperparameter text) for
 * each output language, so that a hostile tidy CSV cannot inject markup, script or TeX commands. Line
 * breaks (CR, LF and the other control characters) become spaces in every language, so a name cannot
 * end a table row or a Markdown line either.
 */
public final class Escape {

    private Escape() {
    }

    /**
     * HTML text and attribute values: {@code & < > " '} become character references.
     */
    public static String html(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(Character.isISOControl(c) ? ' ' : c);
            }
        }
        return out.toString();
    }

    /**
     * LaTeX text mode: the ten special characters {@code \ { } $ & # ^ _ % ~} and {@code < > |} (which
     * the OT1 encoding prints as other glyphs) become commands or escaped characters.
     */
    public static String latex(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\textbackslash{}");
                case '{' -> out.append("\\{");
                case '}' -> out.append("\\}");
                case '$' -> out.append("\\$");
                case '&' -> out.append("\\&");
                case '#' -> out.append("\\#");
                case '^' -> out.append("\\textasciicircum{}");
                case '_' -> out.append("\\_");
                case '%' -> out.append("\\%");
                case '~' -> out.append("\\textasciitilde{}");
                case '<' -> out.append("\\textless{}");
                case '>' -> out.append("\\textgreater{}");
                case '|' -> out.append("\\textbar{}");
                default -> out.append(Character.isISOControl(c) ? ' ' : c);
            }
        }
        return out.toString();
    }

    /**
     * Inline Markdown (CommonMark and GitHub's dialect, including table cells): every character that can
     * start inline markup, a table cell boundary, an HTML tag, an entity or math
     * ({@code \ ` * _ [ ] < > ! | & ~ $ #}) is backslash-escaped, which CommonMark defines for all ASCII
     * punctuation.
     */
    public static String markdown(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ("\\`*_[]<>!|&~$#".indexOf(c) >= 0) {
                out.append('\\').append(c);
            } else {
                out.append(Character.isISOControl(c) ? ' ' : c);
            }
        }
        return out.toString();
    }
}
