package io.salr.analysis.compare;

/**
 * What a comparison concludes after the family's multiplicity adjustment, read as a claim that the method
 * improves on the reference in the sense of its {@link TestKind}.
 */
public enum Verdict {
    /** The test rejects its null hypothesis in favour of the claim (significantly better, non-inferior, equivalent). */
    SUPPORTED,
    /** Neither the claim nor its opposite is shown: "inconclusive" (see the minimum detectable effect). */
    NOT_SUPPORTED,
    /** The opposite is significant (significantly worse; worse by more than the margin; outside the margin). */
    CONTRADICTED,
    /** No test was possible (too few runs, no direction for the metric); the notes say why. */
    NOT_TESTED;

    /**
     * Words for a test's cell, in the language of the test kind; the same words in significance.csv, claims.csv
     * and the report ("inconclusive" for {@link #NOT_SUPPORTED} whatever the kind).
     */
    public String describe(TestKind kind) {
        return switch (this) {
            case SUPPORTED -> switch (kind) {
                case DIFFERENCE, SUPERIORITY -> "better";
                case NON_INFERIORITY -> "non-inferior";
                case EQUIVALENCE -> "equivalent";
            };
            case CONTRADICTED -> switch (kind) {
                case DIFFERENCE, SUPERIORITY -> "worse";
                case NON_INFERIORITY -> "inferior";
                case EQUIVALENCE -> "not equivalent";
            };
            case NOT_SUPPORTED -> "inconclusive";
            case NOT_TESTED -> "not tested";
        };
    }
}
