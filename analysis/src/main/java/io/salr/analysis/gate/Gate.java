package io.salr.analysis.gate;

import io.salr.analysis.output.Numbers;
import io.salr.analysis.stats.InsufficientDataException;
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
 * ({@link DifferenceBounds#paired}) when both sides have values for exactly the same seeds, Welch
 * ({@link DifferenceBounds#welch}) otherwise. The improvement is {@code candidate - baseline} for metrics
 * where higher is better and {@code baseline - candidate} where lower is better, and {@link Verdict#of}
 * decides against the margin. Two rules come before the statistics:
 * <ul>
 *   <li>a candidate seed that diverged where the baseline's same seed did not is a FAIL (a diverged run has
 *       no metric values; leaving it out would hide the regression);</li>
 *   <li>fewer than 2 values (or pairs) on a side give INCONCLUSIVE, with the reason in the notes.</li>
 * </ul>
 */
public final class Gate {

    private Gate() {
    }

    /**
     * Runs the gate.
     *
     * @throws InvalidGateInputException when the metric is absent from an input, an accuracy is not a fraction
     *                                   in [0, 1], or no configuration is in both inputs
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
            throw new InvalidGateInputException("candidate", candidateName, "shares no configuration with the baseline "
                    + baselineName + " (baseline has " + describe(b.groups) + "; candidate has " + describe(c.groups) + ")");
        }
        return new GateResult(settings, baselineName, candidateName, rows, onlyInBaseline, onlyInCandidate);
    }

    private static GateRow row(Group g, Side b, Side c, GateSettings settings) {
        Map<Long, Double> bv = b.values.getOrDefault(g, Map.of());
        Map<Long, Double> cv = c.values.getOrDefault(g, Map.of());
        Set<Long> newlyDiverged = new TreeSet<>(c.diverged.getOrDefault(g, Set.of()));
        newlyDiverged.removeAll(b.diverged.getOrDefault(g, Set.of()));
        List<String> notes = new ArrayList<>();
        Optional<DifferenceBounds> bounds = Optional.empty();
        boolean paired = bv.keySet().equals(cv.keySet());
        double[] base = values(bv);
        double[] cand = values(cv);
        boolean higher = settings.direction() == Direction.HIGHER_IS_BETTER;
        try {
            if (paired) {
                double[] x = higher ? cand : base;
                double[] y = higher ? base : cand;
                bounds = Optional.of(DifferenceBounds.paired(x, y, settings.alpha()));
            } else {
                notes.add("seeds differ (baseline " + seeds(bv.keySet()) + ", candidate " + seeds(cv.keySet())
                        + "): unpaired");
                bounds = Optional.of(higher ? DifferenceBounds.welch(cand, base, settings.alpha())
                        : DifferenceBounds.welch(base, cand, settings.alpha()));
            }
        } catch (InsufficientDataException e) {
            notes.add(e.reason() + ": " + (paired ? bv.size() + " paired seed(s), need 2"
                    : "baseline " + bv.size() + " and candidate " + cv.size() + " seed(s), need 2 each"));
        }
        Verdict verdict = bounds.map(x -> Verdict.of(x.lower(), x.upper(), settings.rawMargin()))
                .orElse(Verdict.INCONCLUSIVE);
        bounds.filter(x -> x.standardError() == 0)
                .ifPresent(x -> notes.add("no spread in the differences: bounds = observed difference"));
        if (!newlyDiverged.isEmpty()) {
            verdict = Verdict.FAIL;
            notes.add(0, "candidate diverged on seed(s) " + seeds(newlyDiverged) + " where the baseline did not");
        }
        return new GateRow(g, bv.size(), cv.size(), mean(base), mean(cand), bounds, verdict, notes);
    }

    private static double[] values(Map<Long, Double> bySeed) {
        return bySeed.values().stream().mapToDouble(Double::doubleValue).toArray();
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

    /** One input, indexed: its configurations in order, the metric per seed, and the diverged seeds. */
    private record Side(Set<Group> groups, Map<Group, Map<Long, Double>> values, Map<Group, Set<Long>> diverged) {

        static Side of(String name, TidyResults results, GateSettings settings) {
            Set<Group> groups = new java.util.LinkedHashSet<>();
            Map<Group, Map<Long, Double>> values = new LinkedHashMap<>();
            Map<Group, Set<Long>> diverged = new LinkedHashMap<>();
            Set<String> metrics = new TreeSet<>();
            for (TidyRow r : results.rows()) {
                Group g = Group.of(r);
                groups.add(g);
                metrics.add(r.metric());
                if (r.isDivergedFlag()) {
                    diverged.computeIfAbsent(g, k -> new TreeSet<>()).add(r.seed());
                }
                if (!r.metric().equals(settings.metric())) {
                    continue;
                }
                if (settings.fractions() && !(r.value() >= 0 && r.value() <= 1)) {
                    throw new InvalidGateInputException(name + " value", Numbers.format(r.value()), "of metric '"
                            + r.metric() + "' (" + g.describe() + ", seed " + r.seed() + ") must be a fraction in [0, 1]: "
                            + "accuracies are stored as fractions, the margin is in percentage points");
                }
                Double previous = values.computeIfAbsent(g, k -> new TreeMap<>()).put(r.seed(), r.value());
                if (previous != null) {
                    throw new InvalidGateInputException(name + " seed", r.seed(), "appears twice for metric '"
                            + r.metric() + "' of " + g.describe() + " (rows of several studies mixed?)");
                }
            }
            if (!metrics.contains(settings.metric())) {
                throw new InvalidGateInputException("metric", settings.metric(), "is not in the " + name
                        + " (it has " + String.join(", ", metrics) + ")");
            }
            return new Side(groups, values, diverged);
        }
    }
}
