package io.salr.analysis.compare;

import io.salr.analysis.metric.Direction;
import io.salr.analysis.output.Numbers;
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
        if (x.length >= 1 && y.length >= 1) {
            mwuP = OptionalDouble.of(MannWhitneyExact.test(x, y).p());
            double min = minimumMannWhitneyP(x.length, y.length);
            mwuMin = OptionalDouble.of(min);
            if (min >= twoSidedAlpha) {
                notes.free("Mann-Whitney cannot reach alpha " + Numbers.format(twoSidedAlpha) + " at n = " + x.length
                        + " vs " + y.length + " (smallest two-sided p " + Numbers.format(min) + ")");
            }
        }
        boolean bothConstant = x.length >= 2 && y.length >= 2 && Samples.isConstant(x) && Samples.isConstant(y);
        if (x.length < 2 || y.length < 2) {
            notes.add(Samples.N_TOO_SMALL, "ci_low, ci_high, welch_p, p, holm_p");
        } else if (bothConstant) {
            notes.free("both constant (zero variance): no t interval; "
                    + (h.kind() == TestKind.DIFFERENCE ? "p from the exact Mann-Whitney test" : "not tested"));
            if (h.kind() == TestKind.DIFFERENCE) {
                p = mwuP;
                source = Optional.of(PValueSource.MANN_WHITNEY_EXACT);
            }
        } else {
            WelchTest w = WelchTest.test(x, y);
            double[] ci = w.interval(h.coverage());
            interval = Optional.of(new Interval(ci[0], ci[1], h.coverage(), "Welch t"));
            welchP = OptionalDouble.of(w.pTwoSided());
            source = Optional.of(PValueSource.WELCH_T);
            if (h.kind() == TestKind.DIFFERENCE) {
                p = welchP;
            } else {
                double b = sign * w.meanDifference();
                TDistribution t = new TDistribution(null, w.df());
                double se = w.standardError();
                double m = h.margin();
                // P(better > c) is tested by pAbove(c) = P(T >= (b - c)/se); pBelow(c) tests better < c
                switch (h.kind()) {
                    case SUPERIORITY -> {
                        p = OptionalDouble.of(above(t, b, m, se));
                        reverse = OptionalDouble.of(below(t, b, 0, se));
                    }
                    case NON_INFERIORITY -> {
                        p = OptionalDouble.of(above(t, b, -m, se));
                        reverse = OptionalDouble.of(below(t, b, -m, se));
                    }
                    case EQUIVALENCE -> {
                        p = OptionalDouble.of(Math.max(above(t, b, -m, se), below(t, b, m, se)));
                        reverse = OptionalDouble.of(Math.min(1, 2 * Math.min(below(t, b, -m, se), above(t, b, m, se))));
                    }
                    default -> throw new IllegalStateException("unreachable");
                }
            }
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
            double[][] goodness = withFailuresWorst(method, reference, sign);
            pBetter = OptionalDouble.of(EffectSizes.a12(goodness[0], goodness[1]));
            rankP = OptionalDouble.of(MannWhitneyExact.test(goodness[0], goodness[1]).p());
        }
        if (method.nFailed() > 0 || reference.nFailed() > 0) {
            notes.free("failed runs: method " + failures(method) + ", reference " + failures(reference)
                    + "; the t test, interval, g and A12 use finished runs only; p_better and rank_p rank failures worst");
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
        OptionalDouble mdeD = OptionalDouble.empty();
        OptionalDouble mde = OptionalDouble.empty();
        if (x.length >= 1 && y.length >= 1 && x.length + y.length >= 3) {
            double d = MinimumDetectableEffect.standardized(x.length, y.length, twoSidedAlpha, POWER);
            double sp = EffectSizes.pooledStd(x, y);
            mdeD = OptionalDouble.of(d);
            mde = OptionalDouble.of(d * sp);
            if (sp == 0) {
                notes.free("zero spread: the minimum detectable effect in units is 0");
            }
        } else {
            notes.add(Samples.N_TOO_SMALL, "mde");
        }
        Verdict verdict = Verdicts.decide(h, better, p, reverse);
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

    private static double above(TDistribution t, double b, double c, double se) {
        return t.cumulativeProbability(-(b - c) / se);
    }

    private static double below(TDistribution t, double b, double c, double se) {
        return t.cumulativeProbability((b - c) / se);
    }

    /** Oriented values (higher is better), failed runs tied below every finished run. */
    private static double[][] withFailuresWorst(Arm method, Arm reference, double sign) {
        double[] x = method.values();
        double[] y = reference.values();
        double worst = 0;
        boolean any = false;
        for (double v : x) {
            worst = any ? Math.min(worst, sign * v) : sign * v;
            any = true;
        }
        for (double v : y) {
            worst = any ? Math.min(worst, sign * v) : sign * v;
            any = true;
        }
        double failedScore = any ? worst - 1 - Math.abs(worst) : 0;
        return new double[][] {oriented(x, method.nFailed(), sign, failedScore), oriented(y, reference.nFailed(), sign, failedScore)};
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
