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
        assertThrows(IllegalArgumentException.class, () -> new BenchRow("a", 1, "ms (mlp, cpu)"));
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
    void ratioRowsAreTheQuotientsOfTheRowsTheyName() {
        List<BenchRow> measured = List.of(
                new BenchRow("step_ms_sgd_torch", 2.0, "ms"), new BenchRow("step_ms_sgd-salr_torch", 21.0, "ms"),
                new BenchRow("gradcalls_sgd_torch", 1.0, "calls"), new BenchRow("gradcalls_sgd-salr_torch", 9.5, "calls"),
                new BenchRow("lenet_step_ms_torch", 60.0, "ms"), new BenchRow("lenet_roofline_ms_torch", 24.0, "ms"),
                new BenchRow("lenet_step_ms_pytorch", 50.0, "ms"), new BenchRow("mlp_step_ms_torch", 1.5, "ms"),
                new BenchRow("mlp_step_ms_pytorch", 1.2, "ms"), new BenchRow("mlp_step_ms_dl4j", 6.0, "ms"));
        java.util.Map<String, BenchRow> r = new java.util.HashMap<>();
        Bench.ratios(measured, true).forEach(x -> r.put(x.name(), x));
        assertEquals(10.5, r.get("salr_time_ratio_torch").value(), 1e-12);
        assertEquals(9.5, r.get("salr_gradcall_ratio_torch").value(), 1e-12);
        assertEquals(10.5 / 9.5, r.get("salr_overhead_torch").value(), 1e-12);
        assertTrue(r.get("salr_overhead_torch").unit().contains("salr_time_ratio_torch / salr_gradcall_ratio_torch"));
        assertTrue(r.get("salr_overhead_torch").unit().endsWith("target <= 1.05"), r.get("salr_overhead_torch").unit());
        assertEquals(2.5, r.get("lenet_torch_vs_roofline").value(), 1e-12);
        assertTrue(r.get("lenet_torch_vs_roofline").unit().endsWith("target <= 3"));
        assertEquals(1.2, r.get("lenet_torch_vs_pytorch").value(), 1e-12);
        assertEquals(1.25, r.get("mlp_torch_vs_pytorch").value(), 1e-12);
        assertTrue(r.get("mlp_torch_vs_pytorch").unit().endsWith("target <= 1.1"));
        assertEquals(0.25, r.get("mlp_torch_vs_dl4j").value(), 1e-12);
        // rows that were not measured give no ratio: DL4J's methods, the batch variant, DL4J's LeNet
        assertTrue(!r.containsKey("salr_overhead") && !r.containsKey("salr_batch_overhead_torch")
                && !r.containsKey("lenet_torch_vs_dl4j"), r.keySet().toString());
        // a peer on another device than the engine is not compared
        assertTrue(Bench.ratios(measured, false).stream().noneMatch(x -> x.name().contains("pytorch")));
    }

    @Test
    void aMissingPeerInterpreterIsSkippedWithWhatToInstall(@TempDir Path dir) {
        TorchPeer.Result res = TorchPeer.run(dir.resolve("no-python").toString(), 128, 1, 1, 1, 1);
        assertEquals(List.of(), res.rows());
        assertTrue(res.message().contains("PyTorch peer skipped") && res.message().contains("python3-torch"), res.message());
    }

    @Test
    void medianOfOddAndEvenCounts() {
        assertEquals(2.0, Bench.median(new double[] {3, 1, 2}));
        assertEquals(2.5, Bench.median(new double[] {4, 1, 3, 2}));
    }
}
