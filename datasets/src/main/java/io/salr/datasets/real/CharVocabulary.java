package io.salr.datasets.real;

import io.salr.validation.Checks;
import io.salr.validation.InvalidParameterException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The symbols of a character-level model: the distinct Unicode code points of the training text in
 * ascending order (so the vocabulary is a deterministic function of the text), plus, only when the
 * held-out text contains code points the training text lacks, one last "unknown" symbol those map to.
 */
public final class CharVocabulary {

    /** How the unknown symbol is named in {@link #symbols()}. */
    public static final String UNKNOWN_SYMBOL = "<unk>";

    private final int[] codePoints;
    private final boolean hasUnknown;

    /**
     * @param codePoints distinct code points in strictly ascending order; at least one
     * @param hasUnknown whether an unknown symbol follows them
     */
    public CharVocabulary(int[] codePoints, boolean hasUnknown) {
        Checks.present("codePoints", codePoints);
        Checks.atLeast("codePoints.length", codePoints.length, 1);
        for (int i = 0; i < codePoints.length; i++) {
            if (!Character.isValidCodePoint(codePoints[i])) {
                throw new InvalidParameterException("codePoints[" + i + "]", codePoints[i], "must be a valid code point");
            }
            if (i > 0 && codePoints[i] <= codePoints[i - 1]) {
                throw new InvalidParameterException("codePoints[" + i + "]", codePoints[i],
                        "must be greater than codePoints[" + (i - 1) + "] = " + codePoints[i - 1]);
            }
        }
        this.codePoints = codePoints.clone();
        this.hasUnknown = hasUnknown;
    }

    /** The vocabulary of a text: its distinct code points, sorted, without an unknown symbol. */
    public static CharVocabulary of(int[] text) {
        Checks.present("text", text);
        int[] distinct = Arrays.stream(text).distinct().sorted().toArray();
        return new CharVocabulary(distinct, false);
    }

    /** The number of symbols, including the unknown symbol if present. */
    public int size() {
        return codePoints.length + (hasUnknown ? 1 : 0);
    }

    /** Whether the last symbol is the unknown symbol. */
    public boolean hasUnknown() {
        return hasUnknown;
    }

    /** The index of the unknown symbol, or -1 if there is none. */
    public int unknownIndex() {
        return hasUnknown ? codePoints.length : -1;
    }

    /** The index of a code point, or -1 if it is not in the vocabulary. */
    public int indexOf(int codePoint) {
        int i = Arrays.binarySearch(codePoints, codePoint);
        return i >= 0 ? i : -1;
    }

    /** The code point of symbol {@code index}; the unknown symbol has none. */
    public int codePoint(int index) {
        if (index < 0 || index >= codePoints.length) {
            throw new InvalidParameterException("index", index, "must lie in [0, " + codePoints.length
                    + ") (the unknown symbol has no code point)");
        }
        return codePoints[index];
    }

    /** A copy of the known code points in ascending order. */
    public int[] codePoints() {
        return codePoints.clone();
    }

    /** This vocabulary with an unknown symbol appended. */
    public CharVocabulary withUnknown() {
        return new CharVocabulary(codePoints, true);
    }

    /** The symbols as strings in index order, for provenance: each code point, then {@link #UNKNOWN_SYMBOL}. */
    public List<String> symbols() {
        List<String> out = new ArrayList<>(size());
        for (int cp : codePoints) {
            out.add(new String(Character.toChars(cp)));
        }
        if (hasUnknown) {
            out.add(UNKNOWN_SYMBOL);
        }
        return List.copyOf(out);
    }

    /** Decodes symbol indices back to text; the unknown symbol becomes U+FFFD. */
    public String decode(int[] indices) {
        StringBuilder sb = new StringBuilder(indices.length);
        for (int k = 0; k < indices.length; k++) {
            int i = indices[k];
            if (i == unknownIndex()) {
                sb.append('\uFFFD');
            } else {
                sb.appendCodePoint(codePoint(i));
            }
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CharVocabulary v && v.hasUnknown == hasUnknown && Arrays.equals(v.codePoints, codePoints);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(codePoints) + Boolean.hashCode(hasUnknown);
    }

    @Override
    public String toString() {
        return "CharVocabulary[" + size() + " symbols" + (hasUnknown ? ", with unknown" : "") + "]";
    }
}
