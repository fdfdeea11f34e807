package io.salr.analysis.compare;

import io.salr.analysis.metric.Direction;
import io.salr.analysis.format.Numbers;
import io.salr.analysis.stats.EffectSizes;
import io.salr.analysis.stats.InsufficientDataException;
import io.salr.analysis.stats.MannWhitneyExact;
import io.salr.analysis.stats.MinimumDetectableEffect;
import io.salr.analysis.stats.Samples;
import io.salr.analysis.stats.WelchTest;
import io.salr.analysis.stats.WilcoxonSignedRank;
import io.salr.analysis.tidy.OutcomeFlag;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.util.CombinatoricsUtils;

/**
 * Compares a method with a reference: the machinery shared by {@code salr report} (every method against the
 * reference, {@link TestKind#DIFFERENCE}) and the claims of the paper (superiority, non-inferiority,
 * equivalence). Pure functions of their arguments.
 *
 * <p>The test of the hypothesis is Welch's t on the finished runs; its interval is the Welch t interval of the
 * difference, whose coverage is close to nominal from 2 runs per side for normal data (a percentile bootstrap is
 * not: at 3 runs its "95%" covers about 82%). When both sides are constant, Welch's t is undefined: the
 * two-sided question then takes the exact Mann-Whitney p-value, the other kinds are not tested, and a note says
 * so. Beside the survivors-only test, a rank test counts every failed run as the worst outcome.
 */
public final class Compare {

    /** Power at which the minimum detectable effect is computed. */
    public static final double POWER = 0.8;

    private Compare() {
    }

    /**
     * Compares {@code method} with {@code reference}.
     *
     * @param direction which way the metric improves; required for every kind but {@link TestKind#DIFFERENCE}
     * @throws IllegalArgumentException when a one-sided or equivalence test is asked without a direction
     */
    public static Comparison of(Arm method, Arm reference, Optional<Direction> direction, Hypothesis h) {
        if (h.kind() != TestKind.DIFFERENCE && direction.isEmpty()) {
            throw new IllegalArgumentException("a " + h.kind() + " test needs the metric's direction");
        }
        double[] x = method.values();
        double[] y = reference.values();
        Notes notes = new Notes();
        OptionalDouble mean = x.length > 0 ? OptionalDouble.of(Samples.mean(x)) : OptionalDouble.empty();
        OptionalDouble refMean = y.length > 0 ? OptionalDouble.of(Samples.mean(y)) : OptionalDouble.empty();
        OptionalDouble std = x.length >= 2 ? OptionalDouble.of(Samples.std(x)) : OptionalDouble.empty();
        OptionalDouble refStd = y.length >= 2 ? OptionalDouble.of(Samples.std(y)) : OptionalDouble.empty();
        if (std.isEmpty() && x.length == 1) {
            notes.add(Samples.N_TOO_SMALL, "std");
        }
        if (refStd.isEmpty() && y.length == 1) {
            notes.add(Samples.N_TOO_SMALL, "reference_std");
        }
        double sign = direction.map(Direction::sign).orElse(Double.NaN);
        OptionalDouble delta = OptionalDouble.empty();
        OptionalDouble better = OptionalDouble.empty();
        if (mean.isPresent() && refMean.isPresent()) {
            double d = mean.getAsDouble() - refMean.getAsDouble();
            delta = OptionalDouble.of(d);
            better = direction.isPresent() ? OptionalDouble.of(sign * d + 0.0) : OptionalDouble.empty();
        } else {
            notes.add("no finished run", x.length == 0 ? "mean, delta" : "reference_mean, delta");
        }
        if (direction.isEmpty()) {
            notes.free("direction unknown: better, p_better and the verdict need --direction METRIC=lower|higher");
        }
        double twoSidedAlpha = h.kind() == TestKind.DIFFERENCE ? h.alpha() : 2 * h.alpha();
        Optional<Interval> interval = Optional.empty();
        OptionalDouble welchP = OptionalDouble.empty();
        OptionalDouble p = OptionalDouble.empty();
        Optional<PValueSource> source = Optional.empty();
        OptionalDouble reverse = OptionalDouble.empty();
        OptionalDouble g = OptionalDouble.empty();
        OptionalDouble mwuP = OptionalDouble.empty();
        OptionalDouble mwuMin = OptionalDouble.empty();
        int allX = x.length + method.nFailed();
        int allY = y.length + reference.nFailed();
        if (x.length >= 1 && y.length >= 1) {
            mwuP = OptionalDouble.of(MannWhitneyExact.test(x, y).p());
        }
        if (allX >= 1 && allY >= 1) {
            double min = minimumMannWhitneyP(allX, allY);
            mwuMin = OptionalDouble.of(min);
            if (min >= twoSidedAlpha) {
                notes.free("the rank test cannot reach alpha " + Numbers.format(twoSidedAlpha) + " at n = " + allX
                        + " vs " + allY + " runs (smallest two-sided p " + Numbers.format(min) + ")");
            }
        }
        if (direction.isPresent() && allX >= 1 && allY >= 1) {
            // the primary test: exact Mann-Whitney over every run, a failed run below every finished one
            source = Optional.of(PValueSource.RANK_FAILURES_WORST);
            double m = h.margin();
            switch (h.kind()) {
                case DIFFERENCE -> {
                    double[][] s0 = rankScores(method, reference, sign, 0);
                    p = OptionalDouble.of(MannWhitneyExact.test(s0[0], s0[1]).p());
                }
                case SUPERIORITY -> {
                    p = OptionalDouble.of(greater(method, reference, sign, -m));
                    reverse = OptionalDouble.of(less(method, reference, sign, 0));
                }
                case NON_INFERIORITY -> {
                    p = OptionalDouble.of(greater(method, reference, sign, m));
                    reverse = OptionalDouble.of(less(method, reference, sign, m));
                }
                case EQUIVALENCE -> {
                    p = OptionalDouble.of(Math.max(greater(method, reference, sign, m), less(method, reference, sign, -m)));
                    reverse = OptionalDouble.of(Math.min(1, 2 * Math.min(less(method, reference, sign, m),
                            greater(method, reference, sign, -m))));
                }
                default -> throw new IllegalStateException("unreachable");
            }
        } else if (direction.isEmpty() && x.length >= 1 && y.length >= 1 && h.kind() == TestKind.DIFFERENCE) {
            p = mwuP;
            source = Optional.of(PValueSource.MANN_WHITNEY_EXACT);
        }
        boolean bothConstant = x.length >= 2 && y.length >= 2 && Samples.isConstant(x) && Samples.isConstant(y);
        if (x.length < 2 || y.length < 2) {
            notes.add(Samples.N_TOO_SMALL, "ci_low, ci_high, welch_p");
        } else if (bothConstant) {
            notes.free("both constant (zero variance): no t interval");
        } else {
            WelchTest w = WelchTest.test(x, y);
            double[] ci = w.interval(h.coverage());
            interval = Optional.of(new Interval(ci[0], ci[1], h.coverage(), "Welch t"));
            welchP = OptionalDouble.of(w.pTwoSided());
        }
        try {
            g = OptionalDouble.of(EffectSizes.hedgesG(x, y));
        } catch (InsufficientDataException e) {
            notes.add(e.reason(), "hedges_g");
        } catch (IllegalArgumentException e) {
            notes.add("no finished run", "hedges_g");
        }
        OptionalDouble a12 = x.length >= 1 && y.length >= 1 ? OptionalDouble.of(EffectSizes.a12(x, y)) : OptionalDouble.empty();
        OptionalDouble pBetter = OptionalDouble.empty();
        OptionalDouble rankP = OptionalDouble.empty();
        if (direction.isPresent()) {
            double[][] goodness = rankScores(method, reference, sign, 0);
            pBetter = OptionalDouble.of(EffectSizes.a12(goodness[0], goodness[1]));
            rankP = OptionalDouble.of(MannWhitneyExact.test(goodness[0], goodness[1]).p());
        }
        if (method.nFailed() > 0 || reference.nFailed() > 0) {
            notes.free("failed runs: method " + failures(method) + ", reference " + failures(reference)
                    + "; the test and p_better rank failures worst; the mean, interval, g and A12 use finished runs only");
        }
        OptionalDouble wilcoxon = OptionalDouble.empty();
        int pairs = 0;
        if (!method.seeds().isEmpty() && !reference.seeds().isEmpty()) {
            Map<Long, Double> refBySeed = new HashMap<>();
            for (int i = 0; i < y.length; i++) {
                refBySeed.put(reference.seeds().get(i), y[i]);
            }
            List<double[]> paired = new ArrayList<>();
            for (int i = 0; i < x.length; i++) {
                Double r = refBySeed.get(method.seeds().get(i));
                if (r != null) {
                    paired.add(new double[] {x[i], r});
                }
            }
            pairs = paired.size();
            if (pairs >= 1) {
                try {
                    wilcoxon = OptionalDouble.of(WilcoxonSignedRank.test(paired.stream().mapToDouble(a -> a[0]).toArray(),
                            paired.stream().mapToDouble(a -> a[1]).toArray()).p());
                } catch (InsufficientDataException e) {
                    notes.add(e.reason(), "wilcoxon_p");
                }
            }
        }
        OptionalDouble mde = minimumDetectable(x, y, h.alpha(), h.kind() == TestKind.DIFFERENCE);
        OptionalDouble mdeD = OptionalDouble.empty();
        if (mde.isEmpty()) {
            notes.add(Samples.N_TOO_SMALL, "mde");
        } else if (x.length + y.length >= 3 && EffectSizes.pooledStd(x, y) > 0) {
            mdeD = OptionalDouble.of(mde.getAsDouble() / EffectSizes.pooledStd(x, y));
        } else {
            notes.free("zero spread: the minimum detectable effect in units is 0");
        }
        OptionalDouble effect = source.filter(PValueSource.RANK_FAILURES_WORST::equals).isPresent() && pBetter.isPresent()
                ? OptionalDouble.of(pBetter.getAsDouble() - 0.5) : better;
        Verdict verdict = Verdicts.decide(h, effect, p, reverse);
        return new Comparison(h, direction, x.length, method.failures(), y.length, reference.failures(), mean, std,
                refMean, refStd, delta, better, interval, welchP, p, source, reverse, p, g, a12, pBetter, mwuP, mwuMin,
                rankP, wilcoxon, pairs, mdeD, mde, verdict, notes.list());
    }

    /**
     * Compares from summary statistics alone (a paper's table: mean, std and n per method): Welch's test and
     * interval ({@code scipy.stats.ttest_ind_from_stats(..., equal_var=False)}), Hedges' g from the pooled
     * standard deviation, and the minimum detectable effect. Rank statistics and pairing need the runs and are empty.
     */
    public static Comparison ofStatistics(double mean, double std, int n, double refMean, double refStd, int refN,
                                          Optional<Direction> direction, Hypothesis h) {
        if (n < 1 || refN < 1) {
            throw new IllegalArgumentException("n must be >= 1 on each side, got " + n + " and " + refN);
        }
        Notes notes = new Notes();
        double d = mean - refMean;
        OptionalDouble better = direction.isPresent() ? OptionalDouble.of(direction.get().sign() * d + 0.0)
                : OptionalDouble.empty();
        Optional<Interval> interval = Optional.empty();
        OptionalDouble welchP = OptionalDouble.empty();
        OptionalDouble p = OptionalDouble.empty();
        Optional<PValueSource> source = Optional.empty();
        try {
            WelchTest w = WelchTest.fromStatistics(mean, std, n, refMean, refStd, refN);
            double[] ci = w.interval(h.coverage());
            interval = Optional.of(new Interval(ci[0], ci[1], h.coverage(), "Welch t"));
            welchP = OptionalDouble.of(w.pTwoSided());
            p = welchP;
            source = Optional.of(PValueSource.WELCH_T);
        } catch (InsufficientDataException e) {
            notes.add(e.reason(), "ci_low, ci_high, welch_p, p, holm_p");
        }
        OptionalDouble g = OptionalDouble.empty();
        OptionalDouble mdeD = OptionalDouble.empty();
        OptionalDouble mde = OptionalDouble.empty();
        int df = n + refN - 2;
        if (df >= 1) {
            double sp = Math.sqrt(((n - 1) * std * std + (refN - 1) * refStd * refStd) / df);
            double md = MinimumDetectableEffect.standardized(n, refN, h.alpha(), POWER);
            mdeD = OptionalDouble.of(md);
            mde = OptionalDouble.of(md * sp);
            if (df >= 2 && sp > 0) {
                g = OptionalDouble.of(EffectSizes.correctionJ(df) * d / sp);
            } else {
                notes.add(sp > 0 ? Samples.N_TOO_SMALL : Samples.ZERO_VARIANCE, "hedges_g");
            }
        }
        if (h.kind() != TestKind.DIFFERENCE) {
            throw new IllegalArgumentException("from summary statistics only the two-sided difference is tested");
        }
        Verdict verdict = Verdicts.decide(h, better, p, OptionalDouble.empty());
        return new Comparison(h, direction, n, Map.of(), refN, Map.of(), OptionalDouble.of(mean),
                n >= 2 ? OptionalDouble.of(std) : OptionalDouble.empty(), OptionalDouble.of(refMean),
                refN >= 2 ? OptionalDouble.of(refStd) : OptionalDouble.empty(), OptionalDouble.of(d), better, interval,
                welchP, p, source, OptionalDouble.empty(), p, g, OptionalDouble.empty(), OptionalDouble.empty(),
                OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(), 0,
                mdeD, mde, verdict, notes.list());
    }

    /**
     * The smallest two-sided p-value the exact Mann-Whitney test can return for samples of n and m untied
     * values: {@code 2 / C(n + m, n)}, capped at 1 (0.1 at 3 vs 3, 0.0079 at 5 vs 5).
     */
    public static double minimumMannWhitneyP(int n, int m) {
        if (n < 1 || m < 1) {
            throw new IllegalArgumentException("sample sizes must be >= 1, got " + n + " and " + m);
        }
        return Math.min(1.0, 2.0 / CombinatoricsUtils.binomialCoefficientDouble(n + m, n));
    }

    /**
     * The improvement the primary test detects with {@link #POWER} power at one-sided (or, with
     * {@code twoSided}, two-sided) level {@code alpha}, in the metric's units: Welch's standard error and
     * degrees of freedom of the finished runs, {@code (t(1 - alpha') + t(power)) se}, divided by the square root
     * of the Mann-Whitney test's asymptotic relative efficiency against the t test under normality, 3 / pi
     * (the rank test needs about 1 / 0.955 times the runs). Empty with fewer than 2 finished runs a side.
     * Failed runs are not counted: they only make a shift harder to see.
     */
    public static OptionalDouble minimumDetectable(double[] x, double[] y, double alpha, boolean twoSided) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must lie in (0, 1), got " + alpha);
        }
        if (x.length < 2 || y.length < 2) {
            return OptionalDouble.empty();
        }
        double vx = Samples.variance(x) / x.length;
        double vy = Samples.variance(y) / y.length;
        double se = Math.sqrt(vx + vy);
        if (se == 0) {
            return OptionalDouble.of(0);
        }
        double df = (vx + vy) * (vx + vy)
                / (vx * vx / (x.length - 1) + vy * vy / (y.length - 1));
        TDistribution t = new TDistribution(null, df);
        double level = twoSided ? alpha / 2 : alpha;
        double d = (t.inverseCumulativeProbability(1 - level) + t.inverseCumulativeProbability(POWER)) * se;
        return OptionalDouble.of(d / Math.sqrt(3 / Math.PI));
    }

    /** One-sided p of "the method, shifted by {@code shift} in the good direction, beats the reference". */
    private static double greater(Arm method, Arm reference, double sign, double shift) {
        double[][] s = rankScores(method, reference, sign, shift);
        return MannWhitneyExact.greaterP(s[0], s[1]);
    }

    /** One-sided p of "the method, shifted by {@code shift}, falls below the reference". */
    private static double less(Arm method, Arm reference, double sign, double shift) {
        double[][] s = rankScores(method, reference, sign, shift);
        return MannWhitneyExact.greaterP(s[1], s[0]);
    }

    /**
     * Oriented values (higher is better), the method's shifted by {@code shift}, every failed run tied below
     * every finished run of either side.
     */
    static double[][] rankScores(Arm method, Arm reference, double sign, double shift) {
        double[] x = oriented(method.values(), 0, sign, 0);
        for (int i = 0; i < x.length; i++) {
            x[i] += shift;
        }
        double[] y = oriented(reference.values(), 0, sign, 0);
        double worst = Double.POSITIVE_INFINITY;
        for (double v : x) {
            worst = Math.min(worst, v);
        }
        for (double v : y) {
            worst = Math.min(worst, v);
        }
        double failedScore = Double.isInfinite(worst) ? 0 : worst - 1 - Math.abs(worst);
        return new double[][] {withFailed(x, method.nFailed(), failedScore), withFailed(y, reference.nFailed(), failedScore)};
    }

    private static double[] withFailed(double[] finished, int failed, double score) {
        double[] out = java.util.Arrays.copyOf(finished, finished.length + failed);
        java.util.Arrays.fill(out, finished.length, out.length, score);
        return out;
    }

    private static double[] oriented(double[] values, int failed, double sign, double failedScore) {
        double[] out = new double[values.length + failed];
        for (int i = 0; i < values.length; i++) {
            out[i] = sign * values[i] + 0.0;
        }
        for (int i = values.length; i < out.length; i++) {
            out[i] = failedScore;
        }
        return out;
    }

    private static String failures(Arm arm) {
        List<String> parts = new ArrayList<>();
        for (OutcomeFlag f : OutcomeFlag.values()) {
            if (arm.failed(f) > 0) {
                parts.add(f.metric() + " " + arm.failed(f));
            }
        }
        int total = arm.n() + arm.nFailed();
        return arm.nFailed() + " of " + total + (parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")");
    }

    /** Notes grouped by reason, in first-seen order: {@code "n too small: std, ci_low"}. */
    static final class Notes {
        private final Map<String, List<String>> byReason = new java.util.LinkedHashMap<>();

        void add(String reason, String fields) {
            byReason.computeIfAbsent(reason, r -> new ArrayList<>()).add(fields);
        }

        void free(String text) {
            byReason.putIfAbsent(text, null);
        }

        List<String> list() {
            List<String> out = new ArrayList<>();
            byReason.forEach((reason, fields) -> out.add(fields == null ? reason : reason + ": " + String.join(", ", fields)));
            return out;
        }
    }
}
