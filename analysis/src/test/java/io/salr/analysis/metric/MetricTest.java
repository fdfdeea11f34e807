package io.salr.analysis.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salr.analysis.gate.GateSettings;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The metrics a run records carry their direction and kind; the analysis reads them from there. */
class MetricTest {

    @Test
    void everyRecordedMetricHasOneNameAndItsFacts() {
        for (Metric m : Metric.values()) {
            assertEquals(Optional.of(m), Metric.byId(m.id()), m.name());
            assertEquals(m.direction(), Metrics.builtIn(m.id()), m.id());
            assertEquals(m.kind() == Metric.Kind.COST, Metrics.isCost(m.id()), m.id());
            assertFalse(m.unit().isBlank(), m.id());
        }
        assertEquals(Optional.empty(), Metric.byId("no_such_metric"));
        // the gate's default is a compile-time constant (annotations name it): it must stay the accuracy's name
        assertEquals(Metric.TEST_ACCURACY.id(), GateSettings.DEFAULT_METRIC);
        // the tidy format sits below this package (no cycle), so it spells the outcome flags itself: the same names
        assertEquals(Metric.DIVERGED.id(), io.salr.analysis.tidy.OutcomeFlag.DIVERGED.metric());
        assertEquals(Metric.COLLAPSED.id(), io.salr.analysis.tidy.OutcomeFlag.COLLAPSED.metric());
        assertEquals(Metric.DIVERGED.id(), io.salr.analysis.tidy.TidyRow.DIVERGED);
    }

    @Test
    void costsAreTheSpendingMetricsPaperCallsIncluded() {
        assertEquals(List.of("grad_calls", "paper_calls", "forward_calls", "iterations", "epochs", "wall_seconds"),
                Metric.ids(Metric.Kind.COST));
        // paper_calls, the claims' own currency, is a cost and so is never tested as a result
        assertTrue(Metrics.isCost("paper_calls"));
        assertFalse(Metrics.isCost("test_accuracy"));
        assertEquals(Optional.of(Direction.HIGHER_IS_BETTER), Metrics.builtIn("test_accuracy"));
        assertEquals(Optional.of(Direction.LOWER_IS_BETTER), Metrics.builtIn("perplexity"));
        // outcome flags and plain counts have no direction; other names follow their suffix
        assertEquals(Optional.empty(), Metrics.builtIn("diverged"));
        assertEquals(Optional.empty(), Metrics.builtIn("iterations"));
        assertEquals(Optional.of(Direction.HIGHER_IS_BETTER), Metrics.builtIn("val_top5_accuracy"));
        assertEquals(Optional.of(Direction.LOWER_IS_BETTER), Metrics.builtIn("sharpness"));
    }
}
