package io.salr.datasets.real;

import io.salr.validation.Checks;
import io.salr.validation.InvalidParameterException;

/**
 * How a text file becomes a character-level data set.
 *
 * @param sequenceLength     time steps per training sequence
 * @param validationFraction share of the text, taken from its end, held out for validation; in (0, 1)
 */
public record TextConfig(int sequenceLength, double validationFraction) {

    /**
     * The defaults, those of Karpathy's char-rnn used for the War and Peace experiments (sequence length
     * 50, the last 5% of the text held out).
     */
    public static final TextConfig DEFAULTS = new TextConfig(50, 0.05);

    /** Validates both fields. */
    public TextConfig {
        Checks.atLeast("sequenceLength", sequenceLength, 1);
        Checks.finite("validationFraction", validationFraction);
        if (!(validationFraction > 0 && validationFraction < 1)) {
            throw new InvalidParameterException("validationFraction", validationFraction, "must lie in (0, 1)");
        }
    }
}
