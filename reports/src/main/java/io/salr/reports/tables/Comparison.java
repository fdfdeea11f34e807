package io.salr.reports.tables;

/** How one cell of a table row compares with the row's best cell. */
public enum Comparison {
    /** The best mean of the row (shown in bold). */
    BEST,
    /** Not significantly different from the best after Holm correction (marked with a dagger). */
    NOT_SIGNIFICANT,
    /** Significantly worse than the best after Holm correction (no mark). */
    SIGNIFICANT,
    /** No test was possible (fewer than 2 seeds on either side, or both samples constant; marked). */
    NOT_TESTED
}
