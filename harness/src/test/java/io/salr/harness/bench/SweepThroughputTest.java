package io.salr.harness.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/** The sweep-throughput run starts real worker JVMs and turns their step times into throughput ratios. */
@Tag("slow")
class SweepThroughputTest {

    @Test
    void twoWorkersReportStepTimesAndConsistentRatios() {
        List<BenchRow> rows = SweepThroughput.measure(2, 1, 3);
        assertEquals(List.of("sweep_workers", "sweep_step_ms_1w_2t", "sweep_step_ms_2w_1t", "sweep_step_ms_2w_2t",
                "sweep_speedup_1t", "sweep_speedup_2t"), rows.stream().map(BenchRow::name).toList());
        assertEquals(2.0, rows.get(0).value());
        for (BenchRow r : rows) {
            assertTrue(r.value() > 0, r.toString());
        }
        // speedup = workers x (one worker's step time) / (step time with all workers running)
        assertEquals(2 * rows.get(1).value() / rows.get(2).value(), rows.get(4).value(), 1e-12);
        assertEquals(2 * rows.get(1).value() / rows.get(3).value(), rows.get(5).value(), 1e-12);
    }
}
