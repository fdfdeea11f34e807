package io.salr.analysis.claims;

import io.salr.analysis.metric.Metric;
import io.salr.analysis.aggregate.Configuration;
import io.salr.analysis.aggregate.Runs;
import io.salr.analysis.compare.Arm;
import io.salr.analysis.compare.Compare;
import io.salr.analysis.compare.Comparison;
import io.salr.analysis.compare.Hypothesis;
import io.salr.analysis.compare.Interval;
import io.salr.analysis.compare.TestKind;
import io.salr.analysis.compare.Verdict;
import io.salr.analysis.compare.Verdicts;
import io.salr.analysis.metric.Direction;
import io.salr.analysis.metric.Metrics;
import io.salr.analysis.format.Numbers;
import io.salr.analysis.published.PublishedRow;
import io.salr.analysis.published.PublishedTable;
import io.salr.analysis.stats.FailureRates;
import io.salr.analysis.stats.Holm;
import io.salr.analysis.stats.Samples;
import io.salr.analysis.tidy.TidyResults;
import io.salr.analysis.tidy.TidyRow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;

/**
 * Tests a paper's claims on a set of runs. Pure function of its arguments.
 *
 * <ul>
 *   <li>{@link ClaimKind#COMPARISON}: every configuration of the method against every configuration of each
 *       baseline on every (dataset, model) that has both, with {@link Compare#of}: the exact one-sided rank test
 *       over every run, a failed run ranked below every finished one, the margin as a shift; beside it the
 *       Welch interval of the finished runs, the failure rates and Fisher's exact test (a claim is not supported
 *       while the method fails significantly more often); at equal gradient calls a note gives the ratio of
 *       iterations whenever the baseline ran more.</li>
 *   <li>{@link ClaimKind#FEWER_EPOCHS}: the same comparisons, tested only where the baseline ran the claimed
 *       ratio of the method's iterations (within 5%); elsewhere the design cannot test the claim: not tested,
 *       with a note giving the ratio and what the rank test alone would say.</li>
 *   <li>{@link ClaimKind#GAMMA}: each gamma of the method against the gamma nearest the reference gamma, the
 *       rest of the configuration equal (two one-sided tests within the margin).</li>
 *   <li>{@link ClaimKind#RATE_FOLLOWS_SHARPNESS}: per run, Spearman's rank correlation of the learning rate with
 *       S-hat over the refreshes; then a one-sample t test that its mean exceeds 0 (an exact sign test when every
 *       run gives the same value). The rule builds this in, so it is a mechanism check, shown apart.</li>
 * </ul>
 * Holm's adjustment runs over the p-values of all tests of the claims that share a family together with the
 * p-values of their opposites (which decide "contradicted"): the error over both directions is alpha. Each test
 * keeps the adjusted p that decides its verdict, and its minimum detectable effect at its Holm step's level.
 */
public final class Claims {

    /** Relative tolerance on the ratio of iterations of a fewer-epochs claim. */
    public static final double RATIO_TOLERANCE = 0.05;

    private Claims() {
    }

    /** A test before its family's adjustment. */
    private record Pending(Claim claim, String dataset, String model, String method, String against, Hypothesis h,
                           Optional<Comparison> comparison, Optional<OneSample> oneSample, String scale,
                           List<String> notes, OptionalDouble iterationRatio, List<Arm> arms,
                           List<ClaimTest.Cost> costs) {

        OptionalDouble p() {
            return comparison.map(Comparison::p).orElseGet(() -> oneSample.map(OneSample::p).orElse(OptionalDouble.empty()));
        }

        OptionalDouble reverse() {
            return comparison.map(Comparison::reverseP)
                    .orElseGet(() -> oneSample.map(OneSample::reverse).orElse(OptionalDouble.empty()));
        }
    }

    /** A one-sample test of a mean against 0. */
    private record OneSample(int n, OptionalDouble mean, Optional<Interval> interval, OptionalDouble p,
                             OptionalDouble reverse, OptionalDouble mde, List<String> notes) {
    }

    /**
     * The verdict of every claim of {@code set}, in the file's order.
     *
     * @param results the runs' tidy results
     * @param series  S-hat and learning-rate series of SALR runs (empty when the input has none, e.g. an export)
     */
    public static List<ClaimVerdict> evaluate(ClaimSet set, TidyResults results, List<RunSeries> series) {
        Index index = new Index(Runs.of(results));
        Map<Claim, List<Pending>> pending = new LinkedHashMap<>();
        Map<Claim, List<String>> missing = new LinkedHashMap<>();
        for (Claim claim : set.claims()) {
            List<String> absent = new ArrayList<>();
            Index on = index;
            List<RunSeries> seriesOn = series;
            if (claim.datasets().isPresent()) {
                // a claim about some data only (fine-tuning): the other datasets' runs are not its evidence
                List<TidyRow> mine = results.rows().stream().filter(r -> claim.testsDataset(r.dataset())).toList();
                if (mine.isEmpty()) {
                    absent.add(claim.datasets().get().words());
                    pending.put(claim, List.of());
                    missing.put(claim, absent);
                    continue;
                }
                on = new Index(Runs.of(new TidyResults(results.hyperparameterColumns(), mine)));
                seriesOn = series.stream().filter(r -> claim.testsDataset(r.dataset())).toList();
            }
            List<Pending> tests = switch (claim.kind()) {
                case COMPARISON, FEWER_EPOCHS -> comparisons(claim, on, absent);
                case GAMMA -> gamma(claim, on, absent);
                case RATE_FOLLOWS_SHARPNESS -> rate(claim, seriesOn, absent);
            };
            pending.put(claim, tests);
            missing.put(claim, absent);
        }
        Map<String, List<Pending>> families = new TreeMap<>();
        pending.values().forEach(list -> list.forEach(t -> families.computeIfAbsent(t.claim().family(), f -> new ArrayList<>()).add(t)));
        Map<Pending, ClaimTest> done = new LinkedHashMap<>();
        families.forEach((family, tests) -> adjust(family, tests, done));
        List<ClaimVerdict> out = new ArrayList<>();
        for (Claim claim : set.claims()) {
            List<ClaimTest> tests = pending.get(claim).stream().map(done::get).toList();
            out.add(verdict(claim, tests, missing.get(claim), paperFigure(claim)));
        }
        return out;
    }

    // ---- the kinds ----

    private static List<Pending> comparisons(Claim claim, Index index, List<String> absent) {
        Direction direction = direction(claim);
        Hypothesis h = new Hypothesis(claim.test(), claim.margin(), claim.alpha());
        List<Pending> out = new ArrayList<>();
        for (Claim.Comparisons c : claim.comparisons()) {
            if (!index.hasMethod(c.method(), claim.metric())) {
                absent.add(c.method() + " runs with " + claim.metric());
                continue;
            }
            for (String baseline : c.against()) {
                if (!index.hasMethod(baseline, claim.metric())) {
                    absent.add(baseline + " runs with " + claim.metric());
                    continue;
                }
                String horizon = claim.at() == Claim.At.EQUAL_ITERATIONS ? Claim.controlHorizon(c.method()) : "";
                boolean anyControl = false;
                for (List<String> network : index.networks()) {
                    for (Configuration m : index.configurations(network, c.method())) {
                        if (!horizon(m).isEmpty()) {
                            continue;
                        }
                        for (Configuration b : index.configurations(network, baseline)) {
                            if (!horizon(b).equals(horizon)) {
                                continue;
                            }
                            anyControl = true;
                            Optional<Arm> ma = index.arm(m, claim.metric());
                            Optional<Arm> ba = index.arm(b, claim.metric());
                            if (ma.isEmpty() || ba.isEmpty()) {
                                continue;
                            }
                            Comparison cmp = Compare.of(ma.get(), ba.get(), Optional.of(direction), h);
                            List<String> notes = new ArrayList<>(cmp.notes());
                            OptionalDouble ratio = OptionalDouble.empty();
                            OptionalDouble itM = index.mean(m, "iterations");
                            OptionalDouble itB = index.mean(b, "iterations");
                            if (itM.isPresent() && itB.isPresent() && itM.getAsDouble() > 0) {
                                ratio = OptionalDouble.of(itB.getAsDouble() / itM.getAsDouble());
                            } else if (claim.kind() == ClaimKind.FEWER_EPOCHS) {
                                notes.add("the input has no iterations metric, so the ratio of epochs is unknown");
                            }
                            if (claim.at() == Claim.At.EQUAL_ITERATIONS && ratio.isPresent()
                                    && Math.abs(ratio.getAsDouble() - 1) > RATIO_TOLERANCE) {
                                notes.add("the control ran " + Numbers.format(round(ratio.getAsDouble(), 3))
                                        + " times the method's iterations, not the same number");
                            }
                            out.add(new Pending(claim, network.get(0), network.get(1), label(m), label(b), h,
                                    Optional.of(cmp), Optional.empty(), scale(index, m, b, ratio, cmp.n(), cmp.referenceN()),
                                    notes, ratio, List.of(ma.get(), ba.get()), costs(index, m, b)));
                        }
                    }
                }
                if (!horizon.isEmpty() && !anyControl) {
                    absent.add(baseline + " control runs at " + c.method() + "'s iterations (" + Claim.HORIZON + " "
                            + horizon + ")");
                }
            }
        }
        return out;
    }

    private static List<Pending> gamma(Claim claim, Index index, List<String> absent) {
        Direction direction = direction(claim);
        Hypothesis h = new Hypothesis(claim.test(), claim.margin(), claim.alpha());
        double target = claim.referenceGamma().orElseThrow();
        List<Pending> out = new ArrayList<>();
        for (Claim.Comparisons c : claim.comparisons()) {
            if (!index.hasMethod(c.method(), claim.metric())) {
                absent.add(c.method() + " runs with " + claim.metric());
                continue;
            }
            for (List<String> network : index.networks()) {
                // configurations that differ in gamma only
                Map<Map<String, String>, List<Configuration>> byRest = new LinkedHashMap<>();
                for (Configuration cfg : index.configurations(network, c.method())) {
                    if (cfg.gamma().isPresent() && index.arm(cfg, claim.metric()).isPresent()) {
                        byRest.computeIfAbsent(cfg.hyperparameters(), k -> new ArrayList<>()).add(cfg);
                    }
                }
                for (List<Configuration> group : byRest.values()) {
                    if (group.size() < 2) {
                        continue;
                    }
                    Configuration ref = group.get(0);
                    for (Configuration cfg : group) {
                        if (Math.abs(Math.log(cfg.gamma().getAsDouble() / target))
                                < Math.abs(Math.log(ref.gamma().getAsDouble() / target))) {
                            ref = cfg;
                        }
                    }
                    for (Configuration cfg : group) {
                        if (cfg.equals(ref)) {
                            continue;
                        }
                        Comparison cmp = Compare.of(index.arm(cfg, claim.metric()).get(), index.arm(ref, claim.metric()).get(),
                                Optional.of(direction), h);
                        List<String> notes = new ArrayList<>(cmp.notes());
                        if (ref.gamma().getAsDouble() != target) {
                            notes.add("no runs at gamma " + Numbers.format(target) + "; the nearest gamma, "
                                    + Configuration.gammaText(ref.gamma()) + ", is the reference");
                        }
                        out.add(new Pending(claim, network.get(0), network.get(1), label(cfg), label(ref), h,
                                Optional.of(cmp), Optional.empty(),
                                scale(index, cfg, ref, OptionalDouble.empty(), cmp.n(), cmp.referenceN()), notes,
                                OptionalDouble.empty(), List.of(index.arm(cfg, claim.metric()).get(),
                                        index.arm(ref, claim.metric()).get()), costs(index, cfg, ref)));
                    }
                }
            }
        }
        if (out.isEmpty() && absent.isEmpty()) {
            absent.add("a second gamma of " + String.join(", ", claim.comparisons().stream().map(Claim.Comparisons::method).toList())
                    + " (run a gamma study, e.g. --preset gamma)");
        }
        return out;
    }

    private static List<Pending> rate(Claim claim, List<RunSeries> series, List<String> absent) {
        Hypothesis h = new Hypothesis(claim.test(), claim.margin(), claim.alpha());
        List<Pending> out = new ArrayList<>();
        for (Claim.Comparisons c : claim.comparisons()) {
            Map<List<String>, List<Double>> rhos = new TreeMap<>(java.util.Comparator.comparing(Object::toString));
            Map<List<String>, Integer> skipped = new LinkedHashMap<>();
            for (RunSeries s : series) {
                if (!s.method().equals(c.method())) {
                    continue;
                }
                List<String> key = List.of(s.dataset(), s.model());
                double rho = spearman(s.sHat(), s.learningRate());
                if (Double.isFinite(rho)) {
                    rhos.computeIfAbsent(key, k -> new ArrayList<>()).add(rho);
                } else {
                    skipped.merge(key, 1, Integer::sum);
                }
            }
            if (rhos.isEmpty()) {
                absent.add("iteration logs of " + c.method() + " runs (a store, not an export)");
                continue;
            }
            rhos.forEach((key, values) -> {
                OneSample t = oneSample(values.stream().mapToDouble(Double::doubleValue).toArray(), claim.margin(), claim.alpha());
                List<String> notes = new ArrayList<>(t.notes());
                if (skipped.containsKey(key)) {
                    notes.add(skipped.get(key) + " run(s) left out: fewer than 3 refreshes or a constant series");
                }
                out.add(new Pending(claim, key.get(0), key.get(1), c.method(), "no association (rank correlation 0)", h,
                        Optional.empty(), Optional.of(t), t.n() + " runs, one correlation per run over its sharpness refreshes",
                        notes, OptionalDouble.empty(), List.of(), List.of()));
            });
        }
        return out;
    }

    // ---- statistics ----

    /** Spearman's rank correlation over the finite pairs; NaN with fewer than 3 or a constant side. */
    static double spearman(double[] x, double[] y) {
        List<double[]> pairs = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                pairs.add(new double[] {x[i], y[i]});
            }
        }
        if (pairs.size() < 3) {
            return Double.NaN;
        }
        double[] a = pairs.stream().mapToDouble(p -> p[0]).toArray();
        double[] b = pairs.stream().mapToDouble(p -> p[1]).toArray();
        if (Samples.isConstant(a) || Samples.isConstant(b)) {
            return Double.NaN;
        }
        return new SpearmansCorrelation().correlation(a, b);
    }

    /** One-sided test that the mean of {@code x} exceeds {@code margin}, interval of coverage 1 - 2 alpha. */
    static OneSample oneSample(double[] x, double margin, double alpha) {
        int n = x.length;
        List<String> notes = new ArrayList<>();
        OptionalDouble mean = n > 0 ? OptionalDouble.of(Samples.mean(x)) : OptionalDouble.empty();
        if (n < 2) {
            notes.add(Samples.N_TOO_SMALL + ": one run gives no test");
            return new OneSample(n, mean, Optional.empty(), OptionalDouble.empty(), OptionalDouble.empty(),
                    OptionalDouble.empty(), notes);
        }
        double m = mean.getAsDouble();
        double sd = Samples.std(x);
        TDistribution t = new TDistribution(null, n - 1);
        if (sd == 0) {
            int above = 0;
            int below = 0;
            for (double v : x) {
                above += v > margin ? 1 : 0;
                below += v < margin ? 1 : 0;
            }
            BinomialDistribution sign = new BinomialDistribution(null, n, 0.5);
            notes.add("every run gives the same value: exact sign test, no interval");
            return new OneSample(n, mean, Optional.empty(), OptionalDouble.of(1 - sign.cumulativeProbability(above - 1)),
                    OptionalDouble.of(1 - sign.cumulativeProbability(below - 1)), OptionalDouble.of(0.0), notes);
        }
        double se = sd / Math.sqrt(n);
        double q = t.inverseCumulativeProbability(1 - alpha);
        double stat = (m - margin) / se;
        double mde = (q + t.inverseCumulativeProbability(Compare.POWER)) * se;
        return new OneSample(n, mean, Optional.of(new Interval(m - q * se, m + q * se, 1 - 2 * alpha, "one-sample t")),
                OptionalDouble.of(1 - t.cumulativeProbability(stat)), OptionalDouble.of(t.cumulativeProbability(stat)),
                OptionalDouble.of(mde), notes);
    }

    /**
     * Holm over the family's p-values and their opposites' together (so the error over both directions is
     * alpha), then each test's verdict; the Holm step's level (alpha / (m - rank)) gives its MDE.
     */
    private static void adjust(String family, List<Pending> tests, Map<Pending, ClaimTest> done) {
        List<Double> all = new ArrayList<>();
        Map<Pending, Integer> at = new LinkedHashMap<>();
        Map<Pending, Integer> reverseAt = new LinkedHashMap<>();
        for (Pending t : tests) {
            if (t.p().isPresent()) {
                at.put(t, all.size());
                all.add(t.p().getAsDouble());
                if (t.reverse().isPresent()) {
                    reverseAt.put(t, all.size());
                    all.add(t.reverse().getAsDouble());
                }
            }
        }
        double[] raw = all.stream().mapToDouble(Double::doubleValue).toArray();
        double[] adjusted = Holm.adjust(raw);
        int m = raw.length;
        for (Pending t : tests) {
            OptionalDouble adj = at.containsKey(t) ? OptionalDouble.of(adjusted[at.get(t)]) : OptionalDouble.empty();
            OptionalDouble adjRev = reverseAt.containsKey(t) ? OptionalDouble.of(adjusted[reverseAt.get(t)])
                    : OptionalDouble.empty();
            double level = at.containsKey(t) ? t.h().alpha() / (m - rank(raw, at.get(t))) : t.h().alpha();
            done.put(t, finish(t, family, m, adj, adjRev, level));
        }
    }

    /** The 0-based position of {@code raw[i]} in Holm's ascending order (ties by index). */
    static int rank(double[] raw, int i) {
        int k = 0;
        for (int j = 0; j < raw.length; j++) {
            if (raw[j] < raw[i] || (raw[j] == raw[i] && j < i)) {
                k++;
            }
        }
        return k;
    }

    private static ClaimTest finish(Pending t, String family, int familySize, OptionalDouble adj, OptionalDouble adjRev,
                                    double level) {
        List<String> notes = new ArrayList<>(t.notes());
        String metric = t.claim().metric();
        if (t.comparison().isPresent()) {
            Comparison c = t.comparison().get();
            Verdict v = adj.isPresent() ? Verdicts.decide(t.h(), c.decisionEffect(), adj, adjRev) : c.verdict();
            OptionalDouble failureP = OptionalDouble.empty();
            int runs = c.n() + c.nFailed();
            int runsAgainst = c.referenceN() + c.referenceNFailed();
            if (runs > 0 && runsAgainst > 0) {
                failureP = OptionalDouble.of(FailureRates.fisherGreater(c.nFailed(), runs, c.referenceNFailed(), runsAgainst));
                v = failureVerdict(v, failureP.getAsDouble(), t.h().alpha(), notes);
            }
            if (t.claim().kind() == ClaimKind.FEWER_EPOCHS) {
                v = epochsVerdict(t.claim(), v, t.iterationRatio(), notes);
            } else if (t.claim().kind() == ClaimKind.COMPARISON && t.claim().at() == Claim.At.EQUAL_CALLS) {
                iterationCaveat(t.iterationRatio(), notes);
            }
            OptionalDouble mde = t.arms().size() == 2
                    ? Compare.minimumDetectable(t.arms().get(0).values(), t.arms().get(1).values(), level, false)
                    : c.mde();
            return new ClaimTest(t.claim().id(), t.dataset(), t.model(), t.method(), t.against(), metric, t.h().kind(),
                    t.h().margin(), t.h().alpha(), family, familySize, c.n(), c.referenceN(), c.nFailed(),
                    c.referenceNFailed(), c.mean(), c.referenceMean(), c.better(), c.betterInterval(), c.p(), adj, mde,
                    v, t.scale(), notes, adjRev, deciding(v, adj, adjRev), failureP, t.costs());
        }
        OneSample s = t.oneSample().orElseThrow();
        Verdict v = Verdicts.decide(t.h(), s.mean(), adj, adjRev);
        return new ClaimTest(t.claim().id(), t.dataset(), t.model(), t.method(), t.against(), metric, t.h().kind(),
                t.h().margin(), t.h().alpha(), family, familySize, s.n(), 0, 0, 0, s.mean(), OptionalDouble.of(0),
                s.mean(), s.interval(), s.p(), adj, s.mde(), v, t.scale(), notes, adjRev, deciding(v, adj, adjRev),
                OptionalDouble.empty(), List.of());
    }

    /** The adjusted p the verdict rests on: the opposite's for a contradiction, else the claim's; none untested. */
    static OptionalDouble deciding(Verdict v, OptionalDouble adj, OptionalDouble adjRev) {
        if (v == Verdict.NOT_TESTED) {
            return OptionalDouble.empty();
        }
        return v == Verdict.CONTRADICTED && adjRev.isPresent() ? adjRev : adj;
    }

    /** A claim is not supported while the method fails significantly more often than its baseline. */
    static Verdict failureVerdict(Verdict v, double failureP, double alpha, List<String> notes) {
        if (failureP < alpha) {
            notes.add("the method fails significantly more often than the baseline (Fisher's exact p "
                    + Numbers.format(round(failureP, 3)) + ")" + (v == Verdict.SUPPORTED ? ": not supported whatever the rank test says" : ""));
            if (v == Verdict.SUPPORTED) {
                return Verdict.NOT_SUPPORTED;
            }
        }
        return v;
    }

    /** At equal gradient calls the method may have run far fewer iterations than its baseline: say so. */
    static void iterationCaveat(OptionalDouble ratio, List<String> notes) {
        if (ratio.isPresent() && ratio.getAsDouble() > 1 + RATIO_TOLERANCE) {
            notes.add("at equal gradient calls the baseline ran " + Numbers.format(round(ratio.getAsDouble(), 3))
                    + " times the method's iterations: the verdict is about equal calls in the engine's count, not equal training length");
        }
    }

    /**
     * The fewer-epochs claim is tested only where the baseline ran the claimed ratio of the method's iterations
     * (within {@link #RATIO_TOLERANCE}); elsewhere the design cannot test it.
     */
    static Verdict epochsVerdict(Claim claim, Verdict v, OptionalDouble ratio, List<String> notes) {
        double claimed = claim.epochRatio().orElseThrow();
        if (ratio.isEmpty()) {
            return Verdict.NOT_TESTED;
        }
        double r = ratio.getAsDouble();
        if (r < claimed * (1 - RATIO_TOLERANCE) || r > claimed * (1 + RATIO_TOLERANCE)) {
            notes.add("not tested: the baseline ran " + Numbers.format(round(r, 3)) + " times the method's iterations, not the claimed "
                    + Numbers.format(claimed) + " (within " + Numbers.format(100 * RATIO_TOLERANCE) + "%); the rank test alone would say "
                    + v.describe(claim.test()));
            return Verdict.NOT_TESTED;
        }
        return v;
    }

    /** A configuration's horizon, empty for an ordinary run. */
    static String horizon(Configuration c) {
        return c.hyperparameters().getOrDefault(Claim.HORIZON, "");
    }

    private static List<ClaimTest.Cost> costs(Index index, Configuration m, Configuration b) {
        List<ClaimTest.Cost> out = new ArrayList<>();
        for (String metric : ClaimTest.COST_METRICS) {
            OptionalDouble a = index.mean(m, metric);
            OptionalDouble c = index.mean(b, metric);
            if (a.isPresent() || c.isPresent()) {
                out.add(new ClaimTest.Cost(metric, a, c));
            }
        }
        return out;
    }

    // ---- verdicts and words ----

    private static ClaimVerdict verdict(Claim claim, List<ClaimTest> tests, List<String> absent, String paper) {
        List<ClaimTest> tested = tests.stream().filter(t -> t.verdict() != Verdict.NOT_TESTED).toList();
        Verdict v;
        if (tested.isEmpty()) {
            v = Verdict.NOT_TESTED;
        } else if (tested.stream().anyMatch(t -> t.verdict() == Verdict.CONTRADICTED)) {
            v = Verdict.CONTRADICTED;
        } else if (tested.size() == tests.size() && absent.isEmpty()
                && tested.stream().allMatch(t -> t.verdict() == Verdict.SUPPORTED)) {
            v = Verdict.SUPPORTED;
        } else {
            v = Verdict.NOT_SUPPORTED;
        }
        boolean partly = v == Verdict.NOT_SUPPORTED && !absent.isEmpty()
                && tested.stream().allMatch(t -> t.verdict() == Verdict.SUPPORTED);
        StringBuilder s = new StringBuilder(partly ? "inconclusive as a whole (partly tested; what was run supports it)"
                : ClaimVerdict.words(v));
        if (claim.at() == Claim.At.EQUAL_ITERATIONS) {
            s.append(" at equal iterations");
        }
        Set<String> networks = new LinkedHashSet<>();
        tests.forEach(t -> networks.add(t.network()));
        if (!networks.isEmpty()) {
            s.append(" on ").append(String.join(", ", networks));
            Set<String> scales = new LinkedHashSet<>();
            tests.forEach(t -> scales.add(t.scale()));
            if (scales.size() == 1) {
                s.append(" (").append(scales.iterator().next()).append(")");
            }
        }
        Map<String, List<ClaimTest>> byPair = new LinkedHashMap<>();
        for (ClaimTest t : tests) {
            byPair.computeIfAbsent(shortName(t.method()) + " vs " + shortName(t.against()), k -> new ArrayList<>()).add(t);
        }
        List<String> parts = new ArrayList<>();
        byPair.forEach((pair, list) -> parts.add(list.size() == 1 ? phrase(list.get(0)) : phrase(pair, list)));
        if (!parts.isEmpty()) {
            s.append(": ").append(String.join("; ", parts));
        }
        if (!absent.isEmpty()) {
            s.append(tests.isEmpty() ? ": " : ". ").append("the input lacks ").append(String.join(", ", new LinkedHashSet<>(absent)));
        }
        return new ClaimVerdict(claim, v, s.toString(), paper, tests);
    }

    /** Several configuration pairs of one method pair, counted by verdict, with the range of the improvement. */
    private static String phrase(String pair, List<ClaimTest> list) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (ClaimTest t : list) {
            counts.merge(t.verdict().describe(t.test()), 1, Integer::sum);
            if (t.improvement().isPresent()) {
                lo = Math.min(lo, t.improvement().getAsDouble());
                hi = Math.max(hi, t.improvement().getAsDouble());
            }
        }
        List<String> c = new ArrayList<>();
        counts.forEach((word, k) -> c.add(k + " " + word));
        String metric = list.get(0).metric();
        return pair + " (" + list.size() + " configuration pairs): " + String.join(", ", c)
                + (lo <= hi ? " (" + signed(metric, lo) + " to " + signed(metric, hi) + ")" : "");
    }

    /** One test in words, e.g. {@code sgd-salr vs sgd: worse, -1.2 pp [-1.5, -0.9]}. */
    static String phrase(ClaimTest t) {
        StringBuilder s = new StringBuilder(shortName(t.method())).append(" vs ").append(shortName(t.against())).append(": ")
                .append(t.verdict().describe(t.test()));
        if (t.improvement().isPresent()) {
            s.append(", ").append(signed(t.metric(), t.improvement().getAsDouble()));
            t.interval().ifPresent(i -> s.append(" [").append(signed(t.metric(), i.low())).append(", ")
                    .append(signed(t.metric(), i.high())).append("]"));
        }
        return s.toString();
    }

    private static String shortName(String label) {
        int paren = label.indexOf(" (");
        return paren < 0 ? label : label.substring(0, paren);
    }

    /** An improvement in the metric's display units: percentage points for accuracies. */
    static String signed(String metric, double value) {
        if (Metrics.isFraction(metric)) {
            return (value >= 0 ? "+" : "") + Numbers.format(round(100 * value, 3)) + " pp";
        }
        return (value >= 0 ? "+" : "") + Numbers.format(round(value, 4));
    }

    private static double round(double v, int significant) {
        if (v == 0 || !Double.isFinite(v)) {
            return v;
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(significant)).doubleValue();
    }

    private static String paperFigure(Claim claim) {
        List<String> parts = new ArrayList<>();
        if (!claim.paperText().isEmpty()) {
            parts.add(claim.paperText());
        }
        if (claim.kind() == ClaimKind.COMPARISON || claim.kind() == ClaimKind.FEWER_EPOCHS) {
            Direction direction = direction(claim);
            for (Claim.PaperTable table : claim.paperTables()) {
                PublishedTable published = PublishedTable.read(table.file());
                for (Claim.Comparisons c : claim.comparisons()) {
                    for (String b : c.against()) {
                        String summary = faceValue(published, table, c.method(), b, claim.metric(), direction);
                        if (!summary.isEmpty()) {
                            parts.add(summary);
                        }
                    }
                }
            }
        }
        return String.join(" ", parts);
    }

    /** The paper's table read at face value for one pair, e.g. "At face value: sgd-salr vs sgd better on 4 of 4 networks (+0.07 to +1.69 pp)." */
    private static String faceValue(PublishedTable table, Claim.PaperTable names, String method, String against,
            String metric, Direction direction) {
        Map<List<String>, PublishedRow> rows = new LinkedHashMap<>();
        for (PublishedRow r : table.rows()) {
            if (r.metric().equals(metric)) {
                rows.put(List.of(r.dataset(), r.model(), r.method()), r);
            }
        }
        int networks = 0;
        int better = 0;
        int worse = 0;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        Set<List<String>> seen = new LinkedHashSet<>();
        for (PublishedRow r : table.rows()) {
            List<String> network = List.of(r.dataset(), r.model());
            if (!seen.add(network)) {
                continue;
            }
            PublishedRow m = rows.get(List.of(r.dataset(), r.model(), names.name(method)));
            PublishedRow b = rows.get(List.of(r.dataset(), r.model(), names.name(against)));
            if (m == null || b == null) {
                continue;
            }
            Comparison c = Compare.ofStatistics(m.mean(), m.std(), m.n(), b.mean(), b.std(), b.n(),
                    Optional.of(direction), Hypothesis.DIFFERENCE);
            networks++;
            better += c.verdict() == Verdict.SUPPORTED ? 1 : 0;
            worse += c.verdict() == Verdict.CONTRADICTED ? 1 : 0;
            double d = c.better().getAsDouble();
            lo = Math.min(lo, d);
            hi = Math.max(hi, d);
        }
        if (networks == 0) {
            return "";
        }
        String dataset = seen.iterator().next().get(0);
        return "At face value (" + dataset + ", Welch, alpha 0.05): " + method + " vs " + against + " significantly better on "
                + better + " of " + networks + " networks" + (worse > 0 ? ", worse on " + worse : "") + " ("
                + signed(metric, lo) + " to " + signed(metric, hi) + ").";
    }

    private static Direction direction(Claim claim) {
        return Metrics.builtIn(claim.metric()).orElseThrow(() -> new io.salr.validation.InvalidParameterException(
                "claim " + claim.id() + " metric", claim.metric(), "has no known direction (accuracy, loss, sharpness, ...)"));
    }

    private static String label(Configuration c) {
        String h = c.hyperparameterLabel();
        return h.isEmpty() ? c.method() : c.method() + " (" + h + ")";
    }

    private static String scale(Index index, Configuration m, Configuration b, OptionalDouble ratio, int n, int nb) {
        StringBuilder s = new StringBuilder();
        OptionalDouble calls = index.mean(m, Metric.GRAD_CALLS.id());
        OptionalDouble callsB = index.mean(b, Metric.GRAD_CALLS.id());
        if (calls.isPresent() && callsB.isPresent()) {
            if (Math.abs(calls.getAsDouble() - callsB.getAsDouble()) <= 0.01 * Math.max(calls.getAsDouble(), callsB.getAsDouble())) {
                s.append(Numbers.format(Math.round(calls.getAsDouble()))).append(" gradient calls per run, ");
            } else {
                s.append(Numbers.format(Math.round(calls.getAsDouble()))).append(" vs ")
                        .append(Numbers.format(Math.round(callsB.getAsDouble()))).append(" gradient calls per run, ");
            }
        }
        OptionalDouble it = index.mean(m, "iterations");
        OptionalDouble itB = index.mean(b, "iterations");
        if (it.isPresent() && itB.isPresent()) {
            s.append(Numbers.format(Math.round(it.getAsDouble()))).append(" vs ")
                    .append(Numbers.format(Math.round(itB.getAsDouble()))).append(" iterations");
            ratio.ifPresent(r -> s.append(" (ratio ").append(Numbers.format(round(r, 3))).append(")"));
            s.append(", ");
        }
        s.append(n).append(" vs ").append(nb).append(" seeds");
        return s.toString();
    }

    /** The runs by network, method and configuration. */
    private static final class Index {
        private final Map<Configuration, Map<String, Arm>> arms = new TreeMap<>();
        private final Set<List<String>> networks = new LinkedHashSet<>();

        Index(Runs runs) {
            for (Runs.Group g : runs.groups()) {
                arms.computeIfAbsent(g.configuration(), c -> new TreeMap<>()).put(g.metric(), g.arm());
                networks.add(List.of(g.configuration().dataset(), g.configuration().model()));
            }
        }

        Set<List<String>> networks() {
            return networks;
        }

        boolean hasMethod(String method, String metric) {
            return arms.entrySet().stream().anyMatch(e -> e.getKey().method().equals(method) && e.getValue().containsKey(metric));
        }

        List<Configuration> configurations(List<String> network, String method) {
            return arms.keySet().stream().filter(c -> c.dataset().equals(network.get(0)) && c.model().equals(network.get(1))
                    && c.method().equals(method)).toList();
        }

        Optional<Arm> arm(Configuration c, String metric) {
            return Optional.ofNullable(arms.getOrDefault(c, Map.of()).get(metric));
        }

        OptionalDouble mean(Configuration c, String metric) {
            return arm(c, metric).filter(a -> a.n() > 0).map(a -> OptionalDouble.of(Samples.mean(a.values())))
                    .orElse(OptionalDouble.empty());
        }
    }
}
