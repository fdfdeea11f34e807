package io.salr.analysis.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.salr.analysis.metric.Direction;
import io.salr.analysis.stats.Bootstrap;
import io.salr.analysis.tidy.TidyResults;
import io.salr.analysis.tidy.TidyRow;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/**
 * The rliable-style aggregates against the rliable library's own results on a held-out input
 * ({@code rliable-input.csv}: 3 methods, 4 tasks, 5 runs), written by
 * {@code analysis/src/test/python/rliable_reference.py} with rliable 1.2.0 (commit 3ccd9f4), arch 7.2.0's
 * bootstrap, SciPy 1.10.1 and NumPy 1.24.2: point estimates to 1e-12; 95% percentile stratified-bootstrap
 * intervals (rliable: 50 000 replicates for the aggregates, 20 000 for the probability of improvement and the
 * profiles; here 20 000) to Monte Carlo error: 0.003 for the aggregates, one grid step (0.05) for the discrete
 * profile and probability-of-improvement ends.
 */
class TaskAggregatesTest {

    private static final Bootstrap BOOTSTRAP = new Bootstrap(20_000, 0.95);

    private static List<String> lines(String name) throws IOException {
        try (InputStream in = TaskAggregatesTest.class.getResourceAsStream("/io/salr/analysis/aggregate/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().skip(1).toList();
        }
    }

    private static Map<String, List<double[]>> input() throws IOException {
        Map<String, List<List<Double>>> raw = new LinkedHashMap<>();
        for (String line : lines("rliable-input.csv")) {
            String[] f = line.split(",");
            List<List<Double>> tasks = raw.computeIfAbsent(f[0], k -> new ArrayList<>());
            int task = Integer.parseInt(f[1]);
            while (tasks.size() <= task) {
                tasks.add(new ArrayList<>());
            }
            tasks.get(task).add(Double.parseDouble(f[3]));
        }
        Map<String, List<double[]>> out = new LinkedHashMap<>();
        raw.forEach((m, tasks) -> out.put(m, tasks.stream()
                .map(t -> t.stream().mapToDouble(Double::doubleValue).toArray()).toList()));
        return out;
    }

    @Test
    void matchesRliableOnAHeldOutInput() throws IOException {
        Map<String, List<double[]>> scores = input();
        int checked = 0;
        for (String line : lines("rliable-expected.csv")) {
            String[] f = line.startsWith("\"") ? splitQuoted(line) : line.split(",", -1);
            String statistic = f[1];
            double value = Double.parseDouble(f[3]);
            double low = Double.parseDouble(f[4]);
            double high = Double.parseDouble(f[5]);
            TaskAggregates.Estimate e;
            double tolerance;
            if (statistic.equals("probability_of_improvement")) {
                String[] pair = f[0].split(",");
                e = TaskAggregates.probabilityOfImprovement(scores.get(pair[0]), scores.get(pair[1]), BOOTSTRAP, 5);
                tolerance = 0.05 + 1e-9;
            } else if (statistic.equals("profile")) {
                double tau = Double.parseDouble(f[2]);
                e = TaskAggregates.profile(scores.get(f[0]), new double[] {tau}, BOOTSTRAP, 6)[0];
                tolerance = 0.05 + 1e-9;
            } else {
                List<double[]> s = scores.get(f[0]);
                e = TaskAggregates.estimate(s, switch (statistic) {
                    case "mean" -> TaskAggregates::mean;
                    case "median" -> TaskAggregates::median;
                    case "iqm" -> TaskAggregates::iqm;
                    case "optimality_gap" -> TaskAggregates::optimalityGap;
                    default -> throw new AssertionError(statistic);
                }, BOOTSTRAP, 7);
                tolerance = 0.003;
            }
            assertEquals(value, e.value(), 1e-12, line);
            assertEquals(low, e.low(), tolerance, line);
            assertEquals(high, e.high(), tolerance, line);
            checked++;
        }
        assertEquals(23, checked);
    }

    @Test
    void normalizesPerTaskByTheReferenceOrStatedBoundsAndOrientsLowerIsBetter() {
        List<TidyRow> rows = new ArrayList<>();
        String[][] tasks = {{"d1", "m"}, {"d2", "m"}};
        for (String[] t : tasks) {
            for (long s = 1; s <= 2; s++) {
                rows.add(new TidyRow("s", t[0], t[1], "ref", OptionalDouble.empty(), s, "test_loss", t[0].equals("d1") ? 0.5 : 2.0, Map.of()));
                rows.add(new TidyRow("s", t[0], t[1], "new", OptionalDouble.empty(), s, "test_loss", t[0].equals("d1") ? 0.4 : 2.2, Map.of()));
            }
        }
        TaskAggregates byRef = TaskAggregates.of(TidyResults.of(List.of(), rows), "test_loss", Direction.LOWER_IS_BETTER,
                TaskAggregates.Normalization.byReference("ref"));
        assertEquals(List.of("d1/m", "d2/m"), byRef.tasks());
        // lower is better: 0.4 against 0.5 is 20% better (1.2), 2.2 against 2.0 is 10% worse (0.9)
        assertEquals(1.2, byRef.methods().get("new").perTask().get(0)[0], 1e-12);
        assertEquals(0.9, byRef.methods().get("new").perTask().get(1)[0], 1e-12);
        assertEquals(1.0, TaskAggregates.mean(byRef.methods().get("ref").perTask()), 1e-12);
        TaskAggregates minMax = TaskAggregates.of(TidyResults.of(List.of(), rows), "test_loss", Direction.LOWER_IS_BETTER,
                TaskAggregates.Normalization.minMax(0, 4));
        assertEquals(0.9, minMax.methods().get("new").perTask().get(0)[0], 1e-12);
        assertThrows(IllegalArgumentException.class, () -> TaskAggregates.Normalization.minMax(1, 1));
    }

    private static String[] splitQuoted(String line) {
        int close = line.indexOf('"', 1);
        String first = line.substring(1, close);
        String[] rest = line.substring(close + 2).split(",", -1);
        String[] out = new String[rest.length + 1];
        out[0] = first;
        System.arraycopy(rest, 0, out, 1, rest.length);
        return out;
    }
}
