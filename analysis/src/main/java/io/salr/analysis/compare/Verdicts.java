package io.salr.analysis.compare;

import java.util.OptionalDouble;

/** The decision rule, in one place: a verdict from the (adjusted) p-values and the sign of the improvement. */
public final class Verdicts {

    private Verdicts() {
    }

    /**
     * SUPPORTED when the adjusted p of the claim is below alpha; CONTRADICTED when the adjusted p of the opposite
     * is (for {@link TestKind#DIFFERENCE}, when the two-sided p is below alpha and the improvement is negative);
     * NOT_SUPPORTED otherwise; NOT_TESTED without a p-value or, for the difference test, without a direction.
     */
    public static Verdict decide(Hypothesis h, OptionalDouble better, OptionalDouble p, OptionalDouble reverse) {
        if (p.isEmpty()) {
            return Verdict.NOT_TESTED;
        }
        if (h.kind() == TestKind.DIFFERENCE) {
            if (better.isEmpty()) {
                return Verdict.NOT_TESTED;
            }
            if (p.getAsDouble() < h.alpha() && better.getAsDouble() != 0) {
                return better.getAsDouble() > 0 ? Verdict.SUPPORTED : Verdict.CONTRADICTED;
            }
            return Verdict.NOT_SUPPORTED;
        }
        if (p.getAsDouble() < h.alpha()) {
            return Verdict.SUPPORTED;
        }
        if (reverse.isPresent() && reverse.getAsDouble() < h.alpha()) {
            return Verdict.CONTRADICTED;
        }
        return Verdict.NOT_SUPPORTED;
    }
}
