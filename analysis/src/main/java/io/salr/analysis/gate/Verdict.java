package io.salr.analysis.gate;

/**
 * The outcome of a non-inferiority test of the improvement {@code delta} (candidate over baseline) against
 * the margin {@code m}, from one-sided (1 - alpha) bounds {@code lower <= upper}:
 * <ul>
 *   <li>{@link #PASS}: {@code lower > -m} - the candidate is no worse than the baseline by m or more;</li>
 *   <li>{@link #FAIL}: {@code upper < -m} - the candidate is worse by more than m (a regression);</li>
 *   <li>{@link #INCONCLUSIVE}: otherwise - the data cannot tell (too few seeds, too much noise).</li>
 * </ul>
 * Each exit is an alpha-level one-sided test, so PASS and FAIL cannot both hold.
 */
public enum Verdict {
    PASS(0), FAIL(1), INCONCLUSIVE(3);

    private final int exitCode;

    Verdict(int exitCode) {
        this.exitCode = exitCode;
    }

    /** The exit code of a gate whose overall verdict is this one: 0, 1 or 3. */
    public int exitCode() {
        return exitCode;
    }

    /** Decides from the bounds of the improvement and the margin (all in the same units). */
    public static Verdict of(double lower, double upper, double margin) {
        if (lower > -margin) {
            return PASS;
        }
        if (upper < -margin) {
            return FAIL;
        }
        return INCONCLUSIVE;
    }
}
