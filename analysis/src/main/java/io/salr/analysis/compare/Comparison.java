package io.salr.analysis.compare;

import io.salr.analysis.metric.Direction;
import io.salr.analysis.tidy.OutcomeFlag;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A method compared with a reference on one metric: everything a table row, a claim verdict or a gate needs.
 * Statistics that cannot be computed are empty and {@link #notes()} says why; none is ever NaN.
 *
 * <p>Signs: {@code delta}, {@code hedgesG}, {@code a12} and {@code interval} are about
 * {@code method - reference} whatever the metric; {@code better} and {@code pBetter} are oriented by the
 * metric's {@link Direction}, so positive (or above 1/2) is always good for the method.
 *
 * @param hypothesis       the question and its alpha
 * @param direction        which way the metric improves, empty when unknown
 * @param n                the method's finished runs (the samples)
 * @param failed           the method's failed runs per outcome flag
 * @param referenceN       the reference's finished runs
 * @param referenceFailed  the reference's failed runs per outcome flag
 * @param mean             the method's mean, empty when no run finished
 * @param std              its sample standard deviation (exactly 0 for a constant sample), empty when n &lt; 2
 * @param referenceMean    the reference's mean, empty when no run finished
 * @param referenceStd     its sample standard deviation, empty when referenceN &lt; 2
 * @param delta            mean - referenceMean
 * @param better           the improvement, {@code sign * delta}; empty without a direction
 * @param interval         the Welch t interval of {@code delta}, coverage {@link Hypothesis#coverage()}
 * @param welchP           Welch's two-sided p-value
 * @param p                the p-value of the hypothesis test (before adjustment)
 * @param pSource          which test gave {@code p}
 * @param reverseP         the one-sided p-value of the opposite claim (for the one-sided kinds and equivalence)
 * @param adjustedP        {@code p} Holm-adjusted over the comparison's family ({@link Family}), one family over
 *                         both directions
 * @param hedgesG          Hedges' g of method against reference (exact small-sample correction)
 * @param a12              Vargha-Delaney A12 = P(method &gt; reference) + P(equal)/2 over the finished runs
 * @param pBetter          probability of improvement: P(a run of the method beats a run of the reference) + ties/2,
 *                         over all runs, a failed run losing to every finished run and tying with failed runs
 * @param mwuP             exact Mann-Whitney two-sided p on the finished runs
 * @param mwuMinP          the smallest two-sided p the exact Mann-Whitney test can give at these sizes
 * @param rankP            exact Mann-Whitney two-sided p over all runs with failures ranked worst
 * @param wilcoxonP        paired Wilcoxon signed-rank p on the seeds both sides finished
 * @param pairs            the number of such seeds
 * @param mdeStandardized  {@code mde} in pooled standard deviations of the finished runs
 * @param mde              the effect the primary test detects with 80% power at its alpha, in the metric's units
 *                         ({@link Compare#minimumDetectable})
 * @param verdict          the conclusion after adjustment
 * @param notes            why statistics are empty, what was substituted, what the reader must know
 */
public record Comparison(Hypothesis hypothesis, Optional<Direction> direction, int n, Map<OutcomeFlag, Integer> failed,
                         int referenceN, Map<OutcomeFlag, Integer> referenceFailed, OptionalDouble mean,
                         OptionalDouble std, OptionalDouble referenceMean, OptionalDouble referenceStd,
                         OptionalDouble delta, OptionalDouble better, Optional<Interval> interval,
                         OptionalDouble welchP, OptionalDouble p, Optional<PValueSource> pSource,
                         OptionalDouble reverseP, OptionalDouble adjustedP, OptionalDouble hedgesG,
                         OptionalDouble a12, OptionalDouble pBetter, OptionalDouble mwuP, OptionalDouble mwuMinP,
                         OptionalDouble rankP, OptionalDouble wilcoxonP, int pairs, OptionalDouble mdeStandardized,
                         OptionalDouble mde, Verdict verdict, List<String> notes) {

    public Comparison {
        Objects.requireNonNull(hypothesis, "hypothesis");
        Objects.requireNonNull(direction, "direction");
        failed = copy(failed);
        referenceFailed = copy(referenceFailed);
        Objects.requireNonNull(verdict, "verdict");
        for (OptionalDouble prob : List.of(welchP, p, reverseP, adjustedP, a12, pBetter, mwuP, mwuMinP, rankP, wilcoxonP)) {
            if (prob.isPresent() && !(prob.getAsDouble() >= 0 && prob.getAsDouble() <= 1)) {
                throw new IllegalArgumentException("probabilities must lie in [0, 1], got " + prob.getAsDouble());
            }
        }
        notes = List.copyOf(notes);
    }

    private static Map<OutcomeFlag, Integer> copy(Map<OutcomeFlag, Integer> m) {
        Map<OutcomeFlag, Integer> c = new EnumMap<>(OutcomeFlag.class);
        for (OutcomeFlag f : OutcomeFlag.values()) {
            c.put(f, m.getOrDefault(f, 0));
        }
        return Collections.unmodifiableMap(c);
    }

    /** The method's failed runs, all flags. */
    public int nFailed() {
        return failed.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** The reference's failed runs, all flags. */
    public int referenceNFailed() {
        return referenceFailed.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** The interval of the improvement ({@code better}), when both exist. */
    public Optional<Interval> betterInterval() {
        return direction.flatMap(d -> interval.map(i -> i.times(d.sign())));
    }

    /**
     * The signed effect whose sign says which way a significant two-sided test points: for the rank test,
     * {@code pBetter - 1/2} (failed runs count, so a few good survivors cannot turn many failures into a win);
     * else {@code better}.
     */
    public OptionalDouble decisionEffect() {
        if (pSource.filter(PValueSource.RANK_FAILURES_WORST::equals).isPresent() && pBetter.isPresent()) {
            return OptionalDouble.of(pBetter.getAsDouble() - 0.5);
        }
        return better;
    }

    /** A copy with the adjusted p-values of its family and the verdict they give. */
    public Comparison adjusted(double adjusted, OptionalDouble adjustedReverse) {
        Verdict v = Verdicts.decide(hypothesis, decisionEffect(), OptionalDouble.of(adjusted), adjustedReverse);
        return new Comparison(hypothesis, direction, n, failed, referenceN, referenceFailed, mean, std, referenceMean,
                referenceStd, delta, better, interval, welchP, p, pSource, reverseP, OptionalDouble.of(adjusted),
                hedgesG, a12, pBetter, mwuP, mwuMinP, rankP, wilcoxonP, pairs, mdeStandardized, mde, v, notes);
    }
}
