package io.salr.analysis.compare;

import java.util.Objects;

/**
 * A test kind with its margin and error rate, validated here.
 *
 * <p>The interval reported with a comparison has the coverage that matches its test: {@code 1 - alpha}
 * two-sided for {@link TestKind#DIFFERENCE}; {@code 1 - 2 alpha} two-sided (its ends are the one-sided
 * {@code 1 - alpha} bounds) for the one-sided kinds and for the two one-sided tests of equivalence.
 *
 * @param kind   the question
 * @param margin the margin in the metric's stored units, finite and &gt;= 0 (0 for the difference and
 *               superiority tests unless a minimum improvement is asked for); &gt; 0 for equivalence
 * @param alpha  the error rate, in (0, 0.5): two-sided for {@link TestKind#DIFFERENCE}, one-sided otherwise
 */
public record Hypothesis(TestKind kind, double margin, double alpha) {

    /** The report's default: two-sided difference at alpha 0.05. */
    public static final Hypothesis DIFFERENCE = new Hypothesis(TestKind.DIFFERENCE, 0, 0.05);

    public Hypothesis {
        Objects.requireNonNull(kind, "kind");
        if (!(Double.isFinite(margin) && margin >= 0)) {
            throw new IllegalArgumentException("margin must be a finite number >= 0, got " + margin);
        }
        if (kind == TestKind.EQUIVALENCE && margin == 0) {
            throw new IllegalArgumentException("margin of an equivalence test must be > 0, got 0");
        }
        if (!(alpha > 0 && alpha < 0.5)) {
            throw new IllegalArgumentException("alpha must lie in (0, 0.5), got " + alpha);
        }
    }

    /** The two-sided coverage of the reported interval: {@code 1 - alpha} or {@code 1 - 2 alpha}. */
    public double coverage() {
        return kind == TestKind.DIFFERENCE ? 1 - alpha : 1 - 2 * alpha;
    }
}
