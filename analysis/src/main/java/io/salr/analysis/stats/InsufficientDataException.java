package io.salr.analysis.stats;

/**
 * A statistic cannot be computed from the data given (too few observations, zero variance, no non-zero
 * paired difference). The message names the input and the offending value; {@link #reason()} is a short
 * phrase fit for a {@code note} column (e.g. {@code "n too small"}).
 */
public final class InsufficientDataException extends IllegalArgumentException {

    private final String reason;

    public InsufficientDataException(String reason, String detail) {
        super(reason + ": " + detail);
        this.reason = reason;
    }

    /** A short, stable phrase: {@code "n too small"}, {@code "zero variance"}, {@code "all differences zero"}. */
    public String reason() {
        return reason;
    }
}
