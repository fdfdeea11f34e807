package io.salr.harness.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The harness-overhead row: evaluations are taken out of the timed span, and the real Trainer run gives it. */
class HarnessOverheadTest {

    @Test
    void theClockTakesEpochEndEvaluationsOutButKeepsEverythingElse() throws Exception {
        HarnessOverhead.Clock withEvaluation = new HarnessOverhead.Clock(3);
        withEvaluation.iterationEnd(0, 1, 1);
        Thread.sleep(200); // an evaluation: between the epoch's last iteration and its end
        withEvaluation.epochEnd(1, Map.of());
        withEvaluation.iterationEnd(1, 1, 2);
        withEvaluation.iterationEnd(2, 1, 3);
        assertTrue(withEvaluation.msPerIteration() < 100, "the evaluation is not in the span: " + withEvaluation.msPerIteration());
        assertTrue(withEvaluation.medianMs() < 100, "the interval with the evaluation is not a step's: " + withEvaluation.medianMs());

        HarnessOverhead.Clock withoutEvaluation = new HarnessOverhead.Clock(3);
        withoutEvaluation.iterationEnd(0, 1, 1);
        Thread.sleep(200); // harness work inside an iteration (a checkpoint, a log write): counted
        withoutEvaluation.iterationEnd(1, 1, 2);
        withoutEvaluation.iterationEnd(2, 1, 3);
        assertTrue(withoutEvaluation.msPerIteration() >= 100, "the harness work is in the span: " + withoutEvaluation.msPerIteration());

        HarnessOverhead.Clock short_ = new HarnessOverhead.Clock(3);
        short_.iterationEnd(0, 1, 1);
        assertThrows(IllegalStateException.class, short_::msPerIteration);
    }

    @Test
    @Tag("slow")
    void aShortTorchRunThroughTheTrainerGivesBothRows() {
        var rows = HarnessOverhead.measure(1.0, 60, "cpu");
        assertEquals("harness_run_ms_per_iteration", rows.get(0).name());
        assertEquals("harness_overhead", rows.get(1).name());
        assertEquals("harness_run_ms_median_iteration", rows.get(2).name());
        assertTrue(rows.get(2).value() > 0, rows.toString());
        assertTrue(rows.get(0).value() > 0, rows.toString());
        assertEquals(rows.get(0).value(), rows.get(1).value(), 1e-12, "over a bare step of 1 ms");
    }
}
