package io.salr.analysis.compare;

/** Which test gave a comparison's p-value. */
public enum PValueSource {
    /**
     * The exact Mann-Whitney test over every run, a failed (diverged or collapsed) run ranked below every
     * finished one: the primary test of every comparison of runs (one-sided with the margin as a shift for the
     * claims' kinds, two-sided for the difference).
     */
    RANK_FAILURES_WORST("Mann-Whitney, failures ranked worst"),
    /** Welch's unequal-variances t on the finished runs (comparisons from published means and deviations). */
    WELCH_T("Welch t"),
    /**
     * The exact Mann-Whitney test on the finished runs, used for the two-sided question when the metric has no
     * known direction (failures cannot be ranked then).
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
