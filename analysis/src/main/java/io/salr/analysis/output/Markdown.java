package io.salr.analysis.output;

/**
 * Text placed in a Markdown table cell: the same rule as the report's {@code tables.md} (every ASCII character
 * that can open inline markup, an HTML tag, an entity or math, and the cell boundary {@code |}, is
 * backslash-escaped, which CommonMark allows for all ASCII punctuation); line breaks and other control
 * characters become spaces.
 */
public final class Markdown {

    private static final String SPECIAL = "\\`*_[]<>!|&~$#";

    private Markdown() {
    }

    /** {@code text} safe inside one table cell. */
    public static String cell(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (SPECIAL.indexOf(c) >= 0) {
                out.append('\\').append(c);
            } else {
                out.append(Character.isISOControl(c) ? ' ' : c);
            }
        }
        return out.toString();
    }
}
