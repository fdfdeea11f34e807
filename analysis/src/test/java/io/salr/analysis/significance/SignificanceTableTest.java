package io.salr.analysis.significance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salr.analysis.stats.Bootstrap;
import io.salr.analysis.tidy.TidyResults;
import io.salr.analysis.tidy.TidyRow;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SignificanceTableTest {

    private static final Bootstrap BOOTSTRAP = new Bootstrap(2000, 0.95);
    private static TidyResults fixture;

    @BeforeAll
    static void load() throws URISyntaxException {
        fixture = TidyResults.read(Path.of(SignificanceTableTest.class
                .getResource("/io/salr/analysis/tidy-fixture.csv").toURI()));
    }

    @Test
    void fixtureRowsMatchScipyAtFullPrecision() {
        SignificanceTable table = SignificanceTable.compute(fixture, Optional.empty(), BOOTSTRAP, 1);
        assertEquals("sgd-salr", table.reference());
        SignificanceRow sgd = row(table, "cifar10", "test_acc", "sgd");
        // computed with SciPy 1.17.1, x = sgd = [0.889, 0.902, 0.894, 0.885, 0.897],
        // y = sgd-salr = [0.912, 0.905, 0.921, 0.899, 0.917]:
        //   ttest_ind(x, y, equal_var=False).pvalue = 0.00911223845420184
        //   ttest_ind(x, y, equal_var=False, alternative='greater').confidence_interval(0.95).low
        //     = -0.026738377163517804
        //   mannwhitneyu(x, y, method='exact').pvalue = 0.015873015873015872, statistic / 25 = 0.04
        //   wilcoxon(x, y, method='exact').pvalue = 0.0625 (seeds 1..5 pair up)
        //   Hedges' g with exact J (see EffectSizesTest) = -1.9988297909359662
        //   np.std(y, ddof=1) = 0.008899438184514804
        assertEquals(0.00911223845420184, sgd.welchP().getAsDouble(), 1e-12);
        assertEquals(-0.026738377163517804, sgd.welchLowerBound().getAsDouble(), 1e-10);
        assertEquals(0.015873015873015872, sgd.mwuP(), 1e-14);
        assertEquals(0.04, sgd.a12(), 1e-15);
        assertEquals(0.0625, sgd.wilcoxonP().getAsDouble(), 1e-14);
        assertEquals(-1.9988297909359662, sgd.hedgesG().getAsDouble(), 1e-10);
        assertEquals(0.008899438184514804, sgd.referenceStd().getAsDouble(), 1e-15);
        assertEquals(0.8934 - 0.9108, sgd.delta(), 1e-12);
        // the Holm family of cifar10/resnet18/test_acc has 4 Welch p-values (entropy-sgd has n = 1)
        assertEquals(4 * 0.00911223845420184, sgd.holmP().getAsDouble(), 1e-12);

        // ties between samples: the exact permutation p-value, SciPy 1.17.1
        // permutation_test((x, y), mannwhitneyu statistic, permutation_type='independent', n_resamples=inf)
        SignificanceRow loss = row(table, "cifar10", "test_loss", "sgd");
        assertEquals(0.03968253968253968, loss.mwuP(), 1e-14);
        assertEquals(0.023188016448602106, loss.welchP().getAsDouble(), 1e-12);
        assertEquals(loss.welchP(), loss.holmP(), "a family of one is not adjusted");
        SignificanceRow sam = row(table, "cifar10", "test_acc", "sam[gamma=0.1;lr=0.1]");
        assertEquals(0.75, sam.mwuP(), 1e-14);
    }

    @Test
    void statisticsThatCannotBeComputedAreEmptyWithANote() {
        SignificanceTable table = SignificanceTable.compute(fixture, Optional.empty(), BOOTSTRAP, 1);
        SignificanceRow single = row(table, "cifar10", "test_acc", "entropy-sgd");
        assertTrue(single.std().isEmpty() && single.welchP().isEmpty() && single.holmP().isEmpty()
                && single.ciLow().isEmpty() && single.ciHigh().isEmpty());
        assertEquals(List.of("n too small: std, ci_low, ci_high, welch_p, holm_p"), single.notes());
        SignificanceRow adam = row(table, "cifar10", "test_acc", "adam");
        assertTrue(adam.wilcoxonP().isEmpty(), "adam ran 4 seeds, the reference 5: no pairing");
        assertTrue(adam.notes().isEmpty());
    }

    @Test
    void explicitReferenceIsUsedAndTheDefaultReferenceGetsARow() {
        SignificanceTable table = SignificanceTable.compute(fixture, Optional.of("sgd"), BOOTSTRAP, 1);
        SignificanceRow salr = row(table, "cifar10", "test_acc", "sgd-salr");
        assertEquals("sgd", salr.reference());
        assertEquals(0.9108 - 0.8934, salr.delta(), 1e-12);
        assertTrue(table.rows().stream().noneMatch(r -> r.method().equals("sgd")));
        assertTrue(table.rows().stream().noneMatch(r -> r.metric().equals(TidyRow.DIVERGED)));
    }

    @Test
    void bootstrapIntervalsAreReproducibleFromTheSeed() {
        SignificanceTable a = SignificanceTable.compute(fixture, Optional.empty(), BOOTSTRAP, 99);
        SignificanceTable b = SignificanceTable.compute(fixture, Optional.empty(), BOOTSTRAP, 99);
        assertEquals(a, b);
        SignificanceRow sgd = row(a, "cifar10", "test_acc", "sgd");
        assertTrue(sgd.ciLow().getAsDouble() <= sgd.delta() && sgd.delta() <= sgd.ciHigh().getAsDouble());
    }

    @Test
    void missingDefaultReferenceIsAnErrorListingMethods() {
        TidyResults noSalr = TidyResults.of(List.of(), List.of(
                new TidyRow("s", "d", "m", "sgd", OptionalDouble.empty(), 1, "acc", 0.5, Map.of()),
                new TidyRow("s", "d", "m", "adam", OptionalDouble.empty(), 1, "acc", 0.6, Map.of())));
        UnknownReferenceException e = assertThrows(UnknownReferenceException.class,
                () -> SignificanceTable.compute(noSalr, Optional.empty(), BOOTSTRAP, 1));
        assertEquals("default reference method 'sgd-salr' is not in the results; methods present: adam, sgd "
                + "(name a reference explicitly)", e.getMessage());
    }

    @Test
    void referenceWithSeveralConfigurationsIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SignificanceTable.compute(fixture, Optional.of("sam"), BOOTSTRAP, 1));
        assertTrue(e.getMessage().contains("reference method 'sam' has 2 hyperparameter configurations")
                && e.getMessage().contains("gamma=0.05;lr=0.1 | gamma=0.1;lr=0.1"), e.getMessage());
    }

    private static SignificanceRow row(SignificanceTable table, String dataset, String metric, String method) {
        return table.rows().stream()
                .filter(r -> r.dataset().equals(dataset) && r.metric().equals(metric) && r.method().equals(method))
                .findFirst().orElseThrow(() -> new AssertionError("no row " + dataset + "/" + metric + "/" + method));
    }
}
