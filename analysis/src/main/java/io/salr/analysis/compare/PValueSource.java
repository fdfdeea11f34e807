package io.salr.analysis.compare;

/** Which test gave a comparison's p-value. */
public enum PValueSource {
    /** Welch's unequal-variances t on the finished runs. */
    WELCH_T("Welch t"),
    /**
     * The exact Mann-Whitney test on the finished runs, used for the two-sided question when both sides are
     * constant (zero variance: Welch's t is undefined, but the ranks still carry evidence).
     */
    MANN_WHITNEY_EXACT("exact Mann-Whitney");

    private final String label;

    PValueSource(String label) {
        this.label = label;
    }

    /** Words for a table. */
    public String label() {
        return label;
    }
}
