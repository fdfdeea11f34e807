package io.salr.datasets.real;

import io.salr.validation.Checks;
import io.salr.validation.InvalidParameterException;
import io.salr.optimizers.engine.HostBatch;

import java.util.Arrays;

/**
 * Fixed-length sequences for next-character prediction over an encoded text. Example {@code i} starts at
 * position {@code start(i)}: its inputs are the symbols at {@code start .. start+L-1} and its targets the
 * symbols one position later, {@code start+1 .. start+L}. A text of {@code n} symbols yields
 * {@code (n-1)/L} non-overlapping sequences starting at {@code 0, L, 2L, ...}; {@link #select} may pick any
 * of them in any order. Immutable.
 */
public final class CharSequenceData implements ExampleSet {

    private final String name;
    private final CharVocabulary vocabulary;
    private final int[] text;
    private final int sequenceLength;
    private final int[] starts;

    /**
     * Cuts {@code text} (symbol indices of {@code vocabulary}) into non-overlapping sequences.
     *
     * @param name           a short description (e.g. {@code text:war.txt/train})
     * @param vocabulary     the symbols
     * @param text           symbol indices in [0, vocabulary.size()); at least {@code sequenceLength + 1}
     * @param sequenceLength the number of time steps {@code L}; at least 1
     */
    public CharSequenceData(String name, CharVocabulary vocabulary, int[] text, int sequenceLength) {
        this(name, vocabulary, Checks.present("text", text).clone(), sequenceLength, null);
    }

    private CharSequenceData(String name, CharVocabulary vocabulary, int[] text, int sequenceLength, int[] starts) {
        this.name = Checks.present("name", name);
        this.vocabulary = Checks.present("vocabulary", vocabulary);
        this.sequenceLength = Checks.atLeast("sequenceLength", sequenceLength, 1);
        if (starts == null) {
            if (text.length < sequenceLength + 1) {
                throw new InvalidParameterException("text.length", text.length,
                        "must be >= sequenceLength + 1 = " + (sequenceLength + 1));
            }
            int v = vocabulary.size();
            for (int i = 0; i < text.length; i++) {
                if (text[i] < 0 || text[i] >= v) {
                    throw new InvalidParameterException("text[" + i + "]", text[i], "must lie in [0, " + v + ")");
                }
            }
            starts = new int[(text.length - 1) / sequenceLength];
            for (int i = 0; i < starts.length; i++) {
                starts[i] = i * sequenceLength;
            }
        }
        this.text = text;
        this.starts = starts;
    }

    /** The text's description. */
    public String name() {
        return name;
    }

    /** The symbols; {@link #numClasses()} is its size. */
    public CharVocabulary vocabulary() {
        return vocabulary;
    }

    /** The number of time steps per sequence. */
    public int sequenceLength() {
        return sequenceLength;
    }

    /** The number of symbols in the underlying text. */
    public int textLength() {
        return text.length;
    }

    @Override
    public int size() {
        return starts.length;
    }

    @Override
    public int numClasses() {
        return vocabulary.size();
    }

    /** The position in the text where sequence {@code i} starts. */
    public int start(int i) {
        check(i);
        return starts[i];
    }

    /** The input symbols of sequence {@code i}. */
    public int[] inputs(int i) {
        check(i);
        return Arrays.copyOfRange(text, starts[i], starts[i] + sequenceLength);
    }

    /** The target symbols of sequence {@code i}: the inputs shifted by one position. */
    public int[] targets(int i) {
        check(i);
        return Arrays.copyOfRange(text, starts[i] + 1, starts[i] + 1 + sequenceLength);
    }

    /**
     * A minibatch of the sequences at {@code indices}: their input symbols (row-major [b, L]) and their
     * target symbols, the inputs shifted by one position.
     */
    @Override
    public HostBatch batch(int[] indices) {
        ExampleSet.checkIndices(indices, size());
        int b = indices.length;
        int t = sequenceLength;
        int[] x = new int[b * t];
        int[] y = new int[b * t];
        for (int r = 0; r < b; r++) {
            int s = starts[indices[r]];
            for (int k = 0; k < t; k++) {
                x[r * t + k] = text[s + k];
                y[r * t + k] = text[s + k + 1];
            }
        }
        return new HostBatch(HostBatch.Kind.SEQUENCES, new float[0], x, y, new int[] {vocabulary.size(), t},
                vocabulary.size());
    }

    @Override
    public CharSequenceData select(int[] indices) {
        ExampleSet.checkIndices(indices, size());
        int[] chosen = new int[indices.length];
        for (int r = 0; r < indices.length; r++) {
            chosen[r] = starts[indices[r]];
        }
        return new CharSequenceData(name, vocabulary, text, sequenceLength, chosen);
    }

    private void check(int i) {
        if (i < 0 || i >= starts.length) {
            throw new InvalidParameterException("i", i, "must lie in [0, " + starts.length + ")");
        }
    }

    @Override
    public String toString() {
        return "CharSequenceData[" + name + ", " + size() + " sequences of " + sequenceLength + ", "
                + vocabulary.size() + " symbols]";
    }
}
