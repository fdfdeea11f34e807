package io.salr.datasets.real;

import io.salr.validation.Checks;
import io.salr.validation.InvalidParameterException;

/**
 * The validation hold-out of a text, taken by position: the last {@code validationSequences} sequences of
 * the training text are held out, the ones before them are trained on. With {@link TextCorpus}'s own split
 * (the end of the file is the test text) a corpus falls into three consecutive parts - training,
 * validation, test - so no tuning run ever sees a character of the test text, and the validation text is
 * the stretch just before it. A random hold-out would leave each validation sequence between two training
 * sequences of the same passage; a stratified one has no classes to stratify by.
 */
public final class PositionalHoldOut {

    /**
     * A text split for tuning.
     *
     * @param train      the leading sequences
     * @param validation the trailing sequences
     */
    public record Split(CharSequenceData train, CharSequenceData validation) {
        /** Validates that both parts are present. */
        public Split {
            Checks.present("train", train);
            Checks.present("validation", validation);
        }
    }

    private PositionalHoldOut() {
    }

    /**
     * Holds out the last {@code validationSequences} sequences of {@code data}, in text order.
     *
     * @throws InvalidParameterException (field {@code data.validation.examples}) unless
     *                                   {@code 1 <= validationSequences < data.size()}
     */
    public static Split of(CharSequenceData data, int validationSequences) {
        Checks.present("data", data);
        if (validationSequences < 1 || validationSequences >= data.size()) {
            throw new InvalidParameterException("data.validation.examples", validationSequences,
                    "must lie in [1, " + data.size() + ") for the " + data.size() + " training sequences of "
                            + data.name());
        }
        int keep = data.size() - validationSequences;
        int[] head = new int[keep];
        int[] tail = new int[validationSequences];
        for (int i = 0; i < keep; i++) {
            head[i] = i;
        }
        for (int i = 0; i < validationSequences; i++) {
            tail[i] = keep + i;
        }
        return new Split(data.select(head), data.select(tail));
    }
}
