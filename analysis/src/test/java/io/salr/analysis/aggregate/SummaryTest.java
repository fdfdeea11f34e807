package io.salr.analysis.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salr.analysis.stats.Bootstrap;
import io.salr.analysis.tidy.TidyResults;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SummaryTest {

    private static final Bootstrap BOOTSTRAP = new Bootstrap(1000, 0.95);
    private static TidyResults fixture;

    @BeforeAll
    static void load() throws URISyntaxException {
        fixture = TidyResults.read(Path.of(SummaryTest.class.getResource("/io/salr/analysis/tidy-fixture.csv").toURI()));
    }

    @Test
    void descriptiveStatisticsMatchNumpy() {
        SummaryRow salr = row(Summary.of(fixture, BOOTSTRAP, 1), "sgd-salr", "test_acc");
        // computed with NumPy 2.4.6 on [0.912, 0.905, 0.921, 0.899, 0.917]:
        // mean 0.9108, std(ddof=1) 0.008899438184514804, median 0.912;
        // IQM with fractional weights (0.75 * 0.905 + 0.912 + 0.75 * 0.917) / 2.5 = 0.9114
        assertEquals(5, salr.n());
        assertEquals(0.9108, salr.mean(), 1e-12);
        assertEquals(0.008899438184514804, salr.std().getAsDouble(), 1e-12);
        assertEquals(0.912, salr.median(), 1e-15);
        assertEquals(0.9114, salr.iqm(), 1e-12);
        assertEquals(0.899, salr.min(), 0.0);
        assertEquals(0.921, salr.max(), 0.0);
        // MDE for 5 + 5 seeds: 2.0206281650809057 pooled SDs (SciPy, see MinimumDetectableEffectTest)
        assertEquals(2.0206281650809057, salr.mdeStandardized().getAsDouble(), 1e-9);
        assertEquals(2.0206281650809057 * 0.008899438184514804, salr.mde().getAsDouble(), 1e-9);
        assertTrue(salr.iqmCiLow().getAsDouble() >= 0.899 && salr.iqmCiHigh().getAsDouble() <= 0.921);
    }

    @Test
    void divergedCountsRunsOfTheConfigurationForEveryMetric() {
        Summary summary = Summary.of(fixture, BOOTSTRAP, 1);
        assertEquals(1, row(summary, "sgd", "test_acc").diverged());
        assertEquals(1, row(summary, "sgd", "test_loss").diverged());
        assertEquals(1, row(summary, "sgd", "diverged").diverged());
        assertEquals(0, row(summary, "sgd-salr", "test_acc").diverged());
    }

    @Test
    void singleSeedHasNoSpreadAndSaysSo() {
        SummaryRow single = row(Summary.of(fixture, BOOTSTRAP, 1), "entropy-sgd", "test_acc");
        assertEquals(1, single.n());
        assertTrue(single.std().isEmpty() && single.iqmCiLow().isEmpty() && single.mde().isEmpty());
        assertEquals(List.of("n too small"), single.notes());
        assertEquals(0.87, single.iqm(), 0.0);
    }

    @Test
    void configurationsWithDifferentGammaAreSeparateGroupsInOrder() {
        Summary summary = Summary.of(fixture, BOOTSTRAP, 1);
        List<SummaryRow> sam = summary.rows().stream().filter(r -> r.configuration().method().equals("sam")).toList();
        assertEquals(2, sam.size());
        assertEquals("gamma=0.05;lr=0.1", sam.get(0).configuration().hyperparameterLabel());
        assertEquals("gamma=0.1;lr=0.1", sam.get(1).configuration().hyperparameterLabel());
        assertEquals(summary, Summary.of(fixture, BOOTSTRAP, 1), "same seed, same summary");
    }

    private static SummaryRow row(Summary summary, String method, String metric) {
        return summary.rows().stream()
                .filter(r -> r.configuration().dataset().equals("cifar10") && r.configuration().method().equals(method)
                        && r.metric().equals(metric))
                .findFirst().orElseThrow(() -> new AssertionError("no row " + method + "/" + metric));
    }
}
