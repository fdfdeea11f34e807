package io.salr.harness.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bench's files and parsers: CSV against a golden file, the table, /proc status and the peer's lines. */
class BenchOutputTest {

    private static final List<BenchRow> ROWS = List.of(
            new BenchRow("gemm_gflops", 118.25, "GFLOP/s"),
            new BenchRow("lenet_step_ms_dl4j", 77.0, "ms"),
            new BenchRow("salr_time_ratio", 6.123456, "ratio"),
            new BenchRow("peak_rss_mb_end", 1024.00009, "MB"));

    @Test
    void csvMatchesTheGoldenFile() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("bench-golden.csv")) {
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), BenchOutput.csv(ROWS));
        }
    }

    @Test
    void tableHasOneAlignedLinePerRowAfterTheHeader() {
        List<String> lines = BenchOutput.table(ROWS).lines().toList();
        assertEquals(ROWS.size() + 1, lines.size());
        assertTrue(lines.get(0).startsWith("name "));
        assertTrue(lines.get(2).matches("lenet_step_ms_dl4j\\s+77\\s+ms"), lines.get(2));
        int valueEnd = lines.get(1).indexOf("118.25") + "118.25".length();
        assertEquals(valueEnd, lines.get(2).indexOf("77") + 2, "values are right-aligned in one column");
    }

    @Test
    void rowsRejectNonFiniteValuesAndOddNames() {
        assertThrows(IllegalArgumentException.class, () -> new BenchRow("x", Double.NaN, "ms"));
        assertThrows(IllegalArgumentException.class, () -> new BenchRow("a,b", 1, "ms"));
    }

    @Test
    void readsKilobyteFieldsOfAProcStatusFileAsMegabytes(@TempDir Path dir) throws IOException {
        Path status = dir.resolve("status");
        Files.writeString(status, "Name:\tjava\nVmHWM:\t  2097152 kB\nVmRSS:\t   1048576 kB\n");
        assertEquals(OptionalDouble.of(2048.0), Memory.field(status, "VmHWM"));
        assertEquals(OptionalDouble.of(1024.0), Memory.field(status, "VmRSS"));
        assertEquals(OptionalDouble.empty(), Memory.field(status, "VmSwap"));
        assertEquals(OptionalDouble.empty(), Memory.field(dir.resolve("absent"), "VmRSS"));
    }

    @Test
    void parsesThePeersLinesAndRejectsAnythingElse() {
        List<BenchRow> rows = TorchPeer.parse("lenet_step_ms_pytorch,64.5,ms\nmlp_step_ms_pytorch,2.25,ms\n");
        assertEquals(List.of(new BenchRow("lenet_step_ms_pytorch", 64.5, "ms"), new BenchRow("mlp_step_ms_pytorch", 2.25, "ms")), rows);
        assertThrows(IllegalStateException.class, () -> TorchPeer.parse("Traceback (most recent call last):"));
    }

    @Test
    void medianOfOddAndEvenCounts() {
        assertEquals(2.0, Bench.median(new double[] {3, 1, 2}));
        assertEquals(2.5, Bench.median(new double[] {4, 1, 3, 2}));
    }
}
