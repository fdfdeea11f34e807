package io.salr.analysis.gate;

import io.salr.validation.InvalidParameterException;
import io.salr.analysis.metric.Direction;
import io.salr.analysis.metric.Metrics;
import io.salr.analysis.stats.InsufficientDataException;
import io.salr.analysis.tidy.OutcomeFlag;
import io.salr.analysis.tidy.TidyResults;
import io.salr.analysis.tidy.TidyRow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares a candidate's tidy results with a baseline's, configuration by configuration ({@link Group}).
 *
 * <p>For each configuration in both inputs the per-seed values of the metric are compared: paired by seed
 * ({@link DifferenceBounds#paired}) on the seeds both sides have values for, when there are at least 2 of them
 * (a seed present on one side only is listed as a finding and left out of the pairs); Welch
 * ({@link DifferenceBounds#welch}) on all values otherwise. The improvement is {@code candidate - baseline} for metrics
 * where higher is better and {@code baseline - candidate} where lower is better, and {@link Verdict#of}
 * decides against the margin. Two rules come before the statistics:
 * <ul>
 *   <li>a candidate seed that failed (any {@link OutcomeFlag}: diverged, collapsed) where the baseline's same
 *       seed did not is a FAIL (a failed run has no metric values; leaving it out would hide the regression);</li>
 *   <li>fewer than 2 values (or pairs) on a side give INCONCLUSIVE, with the reason in the notes.</li>
 * </ul>
 */
public final class Gate {

    private Gate() {
    }

    /**
     * Runs the gate.
     *
     * @throws InvalidParameterException when the metric is absent from an input or no configuration is in both
     * @throws io.salr.analysis.metric.InvalidMetricException when an accuracy is not a fraction in [0, 1] (the
     *                                   same check as the report's, {@link Metrics#checkFractions})
     */
    public static GateResult compare(TidyResults baseline, String baselineName, TidyResults candidate,
                                     String candidateName, GateSettings settings) {
        Side b = Side.of("baseline", baseline, settings);
        Side c = Side.of("candidate", candidate, settings);
        List<GateRow> rows = new ArrayList<>();
        List<Group> onlyInBaseline = new ArrayList<>();
        for (Group g : b.groups) {
            if (c.groups.contains(g)) {
                rows.add(row(g, b, c, settings));
            } else {
                onlyInBaseline.add(g);
            }
        }
        List<Group> onlyInCandidate = new ArrayList<>();
        for (Group g : c.groups) {
            if (!b.groups.contains(g)) {
                onlyInCandidate.add(g);
            }
        }
        if (rows.isEmpty()) {
            throw new InvalidParameterException("candidate", candidateName, "shares no configuration with the baseline "
                    + baselineName + " (baseline has " + describe(b.groups) + "; candidate has " + describe(c.groups) + ")");
        }
        return new GateResult(settings, baselineName, candidateName, rows, onlyInBaseline, onlyInCandidate);
    }

    private static GateRow row(Group g, Side b, Side c, GateSettings settings) {
        Map<Long, Double> bv = b.values.getOrDefault(g, Map.of());
        Map<Long, Double> cv = c.values.getOrDefault(g, Map.of());
        Map<Long, OutcomeFlag> baseFailed = b.failed.getOrDefault(g, Map.of());
        Map<Long, OutcomeFlag> candFailed = c.failed.getOrDefault(g, Map.of());
        Map<OutcomeFlag, Set<Long>> newlyFailed = new java.util.EnumMap<>(OutcomeFlag.class);
        candFailed.forEach((seed, flag) -> {
            if (!baseFailed.containsKey(seed)) {
                newlyFailed.computeIfAbsent(flag, f -> new TreeSet<>()).add(seed);
            }
        });
        List<String> notes = new ArrayList<>();
        Optional<DifferenceBounds> bounds = Optional.empty();
        Set<Long> shared = new TreeSet<>(bv.keySet());
        shared.retainAll(cv.keySet());
        boolean paired = shared.size() >= 2 || bv.keySet().equals(cv.keySet());
        Set<Long> onlyBase = new TreeSet<>(bv.keySet());
        onlyBase.removeAll(cv.keySet());
        onlyBase.removeAll(candFailed.keySet());
        Set<Long> onlyCand = new TreeSet<>(cv.keySet());
        onlyCand.removeAll(bv.keySet());
        onlyCand.removeAll(baseFailed.keySet());
        boolean higher = settings.direction() == Direction.HIGHER_IS_BETTER;
        try {
            if (paired) {
                double[] base = values(bv, shared);
                double[] cand = values(cv, shared);
                bounds = Optional.of(higher ? DifferenceBounds.paired(cand, base, settings.alpha())
                        : DifferenceBounds.paired(base, cand, settings.alpha()));
                if (!onlyBase.isEmpty() || !onlyCand.isEmpty()) {
                    notes.add("paired on the " + shared.size() + " shared seed(s) " + seeds(shared));
                }
            } else {
                double[] base = values(bv, bv.keySet());
                double[] cand = values(cv, cv.keySet());
                notes.add("seeds differ (baseline " + seeds(bv.keySet()) + ", candidate " + seeds(cv.keySet())
                        + "): unpaired");
                bounds = Optional.of(higher ? DifferenceBounds.welch(cand, base, settings.alpha())
                        : DifferenceBounds.welch(base, cand, settings.alpha()));
            }
        } catch (InsufficientDataException e) {
            notes.add(e.reason() + ": " + (paired ? shared.size() + " paired seed(s), need 2"
                    : "baseline " + bv.size() + " and candidate " + cv.size() + " seed(s), need 2 each"));
        }
        List<String> findings = new ArrayList<>();
        if (!onlyBase.isEmpty()) {
            findings.add("missing from the candidate: seed(s) " + seeds(onlyBase));
        }
        if (!onlyCand.isEmpty()) {
            findings.add("missing from the baseline: seed(s) " + seeds(onlyCand));
        }
        Verdict verdict = bounds.map(x -> Verdict.of(x.lower(), x.upper(), settings.rawMargin()))
                .orElse(Verdict.INCONCLUSIVE);
        bounds.filter(x -> x.standardError() == 0)
                .ifPresent(x -> notes.add("no spread in the differences: bounds = observed difference"));
        if (!newlyFailed.isEmpty()) {
            verdict = Verdict.FAIL;
            List<String> what = new ArrayList<>();
            newlyFailed.forEach((flag, s) -> what.add(flag.metric() + " on seed(s) " + seeds(s)));
            notes.add(0, "candidate " + String.join(" and ", what) + " where the baseline did not");
        }
        notes.addAll(findings);
        double[] allBase = values(bv, bv.keySet());
        double[] allCand = values(cv, cv.keySet());
        return new GateRow(g, bv.size(), cv.size(), mean(allBase), mean(allCand), bounds, verdict, notes, findings);
    }

    private static double[] values(Map<Long, Double> bySeed, Set<Long> seeds) {
        return new TreeSet<>(seeds).stream().mapToDouble(bySeed::get).toArray();
    }

    private static OptionalDouble mean(double[] v) {
        if (v.length == 0) {
            return OptionalDouble.empty();
        }
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return OptionalDouble.of(s / v.length);
    }

    private static String seeds(Set<Long> seeds) {
        return seeds.isEmpty() ? "none" : String.join(" ", new TreeSet<>(seeds).stream().map(String::valueOf).toList());
    }

    private static String describe(Set<Group> groups) {
        return String.join("; ", groups.stream().map(Group::describe).toList());
    }

    /** One input, indexed: its configurations in order, the metric per seed, and the failed seeds with their flag. */
    private record Side(Set<Group> groups, Map<Group, Map<Long, Double>> values,
                        Map<Group, Map<Long, OutcomeFlag>> failed) {

        static Side of(String name, TidyResults results, GateSettings settings) {
            Metrics.checkFractions(results, name);
            Set<Group> groups = new java.util.LinkedHashSet<>();
            Map<Group, Map<Long, Double>> values = new LinkedHashMap<>();
            Map<Group, Map<Long, OutcomeFlag>> failed = new LinkedHashMap<>();
            Set<String> metrics = new TreeSet<>();
            for (TidyRow r : results.rows()) {
                Group g = Group.of(r);
                groups.add(g);
                metrics.add(r.metric());
                r.failure().ifPresent(flag -> failed.computeIfAbsent(g, k -> new TreeMap<>()).putIfAbsent(r.seed(), flag));
                if (!r.metric().equals(settings.metric())) {
                    continue;
                }
                Double previous = values.computeIfAbsent(g, k -> new TreeMap<>()).put(r.seed(), r.value());
                if (previous != null) {
                    throw new InvalidParameterException(name + " seed", r.seed(), "appears twice for metric '"
                            + r.metric() + "' of " + g.describe() + " (rows of several studies mixed?)");
                }
            }
            if (!metrics.contains(settings.metric())) {
                throw new InvalidParameterException("metric", settings.metric(), "is not in the " + name
                        + " (it has " + String.join(", ", metrics) + ")");
            }
            // a failed run's values (if any were recorded) are not samples
            failed.forEach((g, seeds) -> {
                Map<Long, Double> v = values.get(g);
                if (v != null) {
                    v.keySet().removeAll(seeds.keySet());
                }
            });
            return new Side(groups, values, failed);
        }
    }
}
