package io.salr.analysis.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salr.analysis.tidy.OutcomeFlag;
import io.salr.analysis.tidy.TidyResults;
import io.salr.analysis.tidy.TidyRow;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SummaryTest {

    private static TidyResults fixture;

    @BeforeAll
    static void load() throws URISyntaxException {
        fixture = TidyResults.read(Path.of(SummaryTest.class.getResource("/io/salr/analysis/tidy-fixture.csv").toURI()));
    }

    @Test
    void descriptiveStatisticsMatchNumpy() {
        SummaryRow salr = row(Summary.of(fixture), "sgd-salr", "test_accuracy");
        // computed with NumPy 2.4.6 on [0.912, 0.905, 0.921, 0.899, 0.917]:
        // mean 0.9108, std(ddof=1) 0.008899438184514804, median 0.912;
        // IQM with fractional weights (0.75 * 0.905 + 0.912 + 0.75 * 0.917) / 2.5 = 0.9114;
        // the 95% interval of the mean: mean -/+ t.ppf(0.975, 4) * std / sqrt(5), t.ppf(0.975, 4) = 2.7764451051977987
        // (SciPy 1.10.1)
        assertEquals(5, salr.n());
        assertEquals(0.9108, salr.mean().getAsDouble(), 1e-12);
        assertEquals(0.008899438184514804, salr.std().getAsDouble(), 1e-12);
        assertEquals(0.912, salr.median().getAsDouble(), 1e-15);
        assertEquals(0.9114, salr.iqm().getAsDouble(), 1e-12);
        assertEquals(0.899, salr.min().getAsDouble(), 0.0);
        assertEquals(0.921, salr.max().getAsDouble(), 0.0);
        assertEquals(0.9108 - 2.7764451051977987 * 0.008899438184514804 / Math.sqrt(5), salr.ciLow().getAsDouble(), 1e-12);
        // MDE for 5 + 5 seeds: 2.0206281650809057 pooled SDs (SciPy, see MinimumDetectableEffectTest)
        assertEquals(2.0206281650809057, salr.mdeStandardized().getAsDouble(), 1e-9);
        assertEquals(2.0206281650809057 * 0.008899438184514804, salr.mde().getAsDouble(), 1e-9);
    }

    @Test
    void failedRunsAreCountedForEveryMetricAndNeverSamples() {
        Summary summary = Summary.of(fixture);
        assertEquals(1, row(summary, "sgd", "test_accuracy").failed().get(OutcomeFlag.DIVERGED));
        assertEquals(1, row(summary, "sgd", "test_loss").failed().get(OutcomeFlag.DIVERGED));
        assertEquals(4, row(summary, "sgd", "test_accuracy").n());
        assertEquals(0, row(summary, "sgd-salr", "test_accuracy").nFailed());
        assertTrue(summary.rows().stream().noneMatch(r -> OutcomeFlag.isFlag(r.metric())), "flags are counts, not rows");
        // a collapsed run that still recorded an accuracy and a cost: neither is a sample
        List<TidyRow> rows = new ArrayList<>();
        for (long s = 1; s <= 3; s++) {
            rows.add(new TidyRow("s", "d", "m", "sgd", OptionalDouble.empty(), s, "test_accuracy", s == 3 ? 0.1 : 0.8, Map.of()));
            rows.add(new TidyRow("s", "d", "m", "sgd", OptionalDouble.empty(), s, "wall_seconds", s == 3 ? 99 : 10, Map.of()));
            rows.add(new TidyRow("s", "d", "m", "sgd", OptionalDouble.empty(), s, "collapsed", s == 3 ? 1 : 0, Map.of()));
        }
        Summary c = Summary.of(TidyResults.of(List.of(), rows));
        assertEquals(0.8, c.rows().get(0).mean().getAsDouble(), 0.0);
        assertEquals(1, c.rows().get(0).failed().get(OutcomeFlag.COLLAPSED));
        assertEquals(10, c.rows().get(1).mean().getAsDouble(), 0.0);
    }

    @Test
    void aConstantMetricHasStandardDeviationExactlyZero() {
        // three copies of 0.1: the two-pass variance alone gives about 1e-37 (issue 11, item 7)
        List<TidyRow> rows = new ArrayList<>();
        for (long s = 1; s <= 3; s++) {
            rows.add(new TidyRow("s", "d", "m", "sgd", OptionalDouble.empty(), s, "test_accuracy", 0.1, Map.of()));
        }
        SummaryRow r = Summary.of(TidyResults.of(List.of(), rows)).rows().get(0);
        assertEquals(0.0, r.std().getAsDouble(), 0.0);
        assertEquals(0.1, r.mean().getAsDouble(), 0.0);
        assertEquals(0.1, r.ciLow().getAsDouble(), 0.0);
    }

    @Test
    void singleSeedHasNoSpreadAndSaysSo() {
        SummaryRow single = row(Summary.of(fixture), "entropy-sgd", "test_accuracy");
        assertEquals(1, single.n());
        assertTrue(single.std().isEmpty() && single.ciLow().isEmpty() && single.mde().isEmpty());
        assertEquals(List.of("n too small"), single.notes());
        assertEquals(0.87, single.iqm().getAsDouble(), 0.0);
    }

    @Test
    void configurationsWithDifferentGammaAreSeparateGroupsInOrder() {
        Summary summary = Summary.of(fixture);
        List<SummaryRow> sam = summary.rows().stream().filter(r -> r.configuration().method().equals("sam")).toList();
        assertEquals(2, sam.size());
        assertEquals("gamma=0.05;lr=0.1", sam.get(0).configuration().hyperparameterLabel());
        assertEquals("gamma=0.1;lr=0.1", sam.get(1).configuration().hyperparameterLabel());
    }

    private static SummaryRow row(Summary summary, String method, String metric) {
        return summary.rows().stream()
                .filter(r -> r.configuration().dataset().equals("cifar10") && r.configuration().method().equals(method)
                        && r.metric().equals(metric))
                .findFirst().orElseThrow(() -> new AssertionError("no row " + method + "/" + metric));
    }
}
