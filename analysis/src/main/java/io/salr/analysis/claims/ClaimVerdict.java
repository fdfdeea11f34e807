package io.salr.analysis.claims;

import io.salr.analysis.compare.Verdict;
import java.util.List;
import java.util.Objects;

/**
 * A claim's verdict on the given runs: SUPPORTED when every one of its tests is; CONTRADICTED when any test
 * is significant the other way; NOT_SUPPORTED ("inconclusive") otherwise; NOT_TESTED when the runs
 * hold none of what the claim compares.
 *
 * @param claim       the claim
 * @param verdict     the claim-level verdict
 * @param summary     the verdict in words, scoped to the evidence (never wider than what was run)
 * @param paperFigure the paper's own figure for the claim (its text and, where tables are given, their
 *                    comparisons at face value)
 * @param tests       the claim's tests, in order
 */
public record ClaimVerdict(Claim claim, Verdict verdict, String summary, String paperFigure, List<ClaimTest> tests) {

    public ClaimVerdict {
        Objects.requireNonNull(claim, "claim");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(paperFigure, "paperFigure");
        tests = List.copyOf(tests);
    }

    /** The verdict as the claims table prints it. */
    public String verdictWords() {
        return words(verdict);
    }

    /**
     * Whether this is a check of the method's mechanism (the learning rate follows the sharpness, which the
     * rule builds in) rather than a verdict on what the paper claims of its results: shown apart.
     */
    public boolean mechanism() {
        return claim.kind() == ClaimKind.RATE_FOLLOWS_SHARPNESS;
    }

    /** supported, inconclusive, contradicted, not tested: the claim-level words everywhere. */
    public static String words(Verdict v) {
        return switch (v) {
            case SUPPORTED -> "supported";
            case NOT_SUPPORTED -> "inconclusive";
            case CONTRADICTED -> "contradicted";
            case NOT_TESTED -> "not tested";
        };
    }
}
