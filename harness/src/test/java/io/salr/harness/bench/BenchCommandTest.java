package io.salr.harness.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salr.harness.cli.SalrCommand;
import io.salr.harness.run.EngineChoice;
import io.salr.optimizers.spec.Method;
import io.salr.optimizers.spec.MethodSpec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;
import picocli.CommandLine;

/**
 * {@code salr bench --quick} end to end: every figure of the issue is in bench.csv with a sane value.
 * No timing is asserted (speed is checked by the bench itself, on a quiet machine); gradient calls are
 * counts and are asserted exactly.
 */
@Tag("slow")
class BenchCommandTest {

    @Test
    void quickBenchWritesEveryFigure(@TempDir Path out, @TempDir Path bin) throws Exception {
        // a stand-in for the Python peer: what the real script said about a torch on OpenBLAS (TorchPeerTest),
        // fixed step times, and the thread count it was given as its own
        Path json = bin.resolve("peer.json");
        try (java.io.InputStream in = getClass().getResourceAsStream("peer-openblas.json")) {
            Files.write(json, in.readAllBytes());
        }
        Path peer = bin.resolve("python3");
        Files.writeString(peer, "#!/bin/sh\n# args: script batch warmup lenet_repeats mlp_repeats threads\n"
                + "cat '" + json + "'\n"
                + "echo lenet_step_ms_pytorch,40,ms\necho mlp_step_ms_pytorch,2,ms\necho pytorch_threads,$6,threads\n"
                + "echo 'stand-in peer' >&2\n");
        assertTrue(peer.toFile().setExecutable(true));
        CommandLine cmd = SalrCommand.commandLine();
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        cmd.setOut(new PrintWriter(stdout, true));
        cmd.setErr(new PrintWriter(stderr, true));
        int code = cmd.execute("bench", "--quick", "--long-run", "20", "--python", peer.toString(),
                "--out", out.toString());
        assertEquals(0, code, stderr.toString());
        List<String> lines = Files.readAllLines(out.resolve("bench.csv"));
        assertEquals("name,value,unit", lines.get(0));
        Map<String, Double> v = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            assertEquals(3, f.length, line);
            v.put(f[0], Double.parseDouble(f[1]));
        }
        for (String name : List.of("lenet_step_ms_dl4j", "mlp_step_ms_dl4j", "gemm_gflops", "lenet_roofline_ms",
                "mlp_roofline_ms", "lenet_step_ms_dl4j_plain", "mlp_step_ms_dl4j_plain", "salr_time_ratio",
                "peak_rss_mb_start", "peak_rss_mb_end")) {
            assertTrue(v.containsKey(name) && v.get(name) > 0, name + " in " + v);
        }
        for (String method : Method.cliNames()) {
            assertTrue(v.get("step_ms_" + method) > 0, method);
            assertTrue(v.get("step_ms_" + method + "_torch") > 0, method + " on the torch engine");
        }
        for (String name : List.of("lenet_step_ms_torch", "mlp_step_ms_torch", "gemm_gflops_torch", "lenet_roofline_ms_torch",
                "mlp_roofline_ms_torch", "salr_overhead_torch", "salr_batch_overhead_torch", "torch_threads")) {
            assertTrue(v.containsKey(name) && v.get(name) > 0, name + " in " + v);
        }
        // the ratio rows are the quotients of the rows they name (bench.csv keeps 4 decimals)
        assertEquals(v.get("lenet_step_ms_torch") / 40, v.get("lenet_torch_vs_pytorch"), 1e-3 * v.get("lenet_torch_vs_pytorch") + 1e-4);
        assertEquals(v.get("mlp_step_ms_torch") / 2, v.get("mlp_torch_vs_pytorch"), 1e-3 * v.get("mlp_torch_vs_pytorch") + 1e-4);
        assertEquals(v.get("lenet_step_ms_torch") / v.get("lenet_roofline_ms_torch"), v.get("lenet_torch_vs_roofline"),
                1e-3 * v.get("lenet_torch_vs_roofline"));
        assertEquals(v.get("salr_time_ratio_torch") / v.get("salr_gradcall_ratio_torch"), v.get("salr_overhead_torch"),
                1e-3 * v.get("salr_overhead_torch"));
        // the peer ran with the torch engine's threads
        assertEquals(v.get("torch_threads"), v.get("pytorch_threads"));
        // the same counts on the torch engine: its per-example directions also take 1 pass without BatchNorm
        assertEquals(1.0, v.get("gradcalls_sgd_torch"));
        assertEquals(5.0, v.get("gradcalls_sgd-salr-batch_torch"));
        assertEquals(5.0, v.get("gradcalls_sgd-salr_torch"));
        // Algorithm 2's direction in SGD-step equivalents, with the targets in the units
        for (String name : List.of("per_example_direction_pass_equiv_torch", "per_example_direction_pass_equiv_dl4j")) {
            assertTrue(v.containsKey(name) && v.get(name) > 0, name + " in " + v);
        }
        String csv = String.join("\n", lines);
        assertTrue(csv.contains("salr_time_ratio_torch,") && csv.matches("(?s).*salr_time_ratio_torch,[^\n]*target <= 6\\.5.*"), csv);
        assertTrue(csv.matches("(?s).*salr_batch_time_ratio_torch,[^\n]*target <= 5\\.3.*"), csv);
        assertTrue(csv.matches("(?s).*per_example_direction_pass_equiv_torch,[^\n]*target <= 1\\.4.*"), csv);
        assertEquals(2.0, v.get("gradcalls_sam_torch"));
        // LeNet at batch 128, three passes of 2 flops per multiply-add: conv 5x5x1->20 on 24x24 outputs,
        // conv 5x5x20->50 on 8x8, dense 800->500, dense 500->10 (the "about 1.8 GFLOP")
        double lenet = 3 * 128 * 2.0 * (25 * 20 * 24 * 24 + 25 * 20 * 50 * 8 * 8 + 800 * 500 + 500 * 10) / 1e9;
        assertEquals(lenet, v.get("lenet_step_gflop"), 1e-4);
        assertEquals(3 * 2.0 * 128 * (784 * 256 + 256 * 10) / 1e9, v.get("mlp_step_gflop"), 1e-4);
        // counts, from the meter: SGD 1; SGD-SALR with batch-normalized probes 1 + (n1 - 1 + n2 - 1) / c = 5 (the
        // paper's); with Algorithm 2's per-example directions (1 pass each) also 5; SAM 2; Entropy-SGD L = 5
        assertEquals(1.0, v.get("gradcalls_sgd"));
        assertEquals(5.0, v.get("gradcalls_sgd-salr-batch"));
        assertEquals(5.0, v.get("salr_batch_gradcall_ratio"));
        assertEquals(5.0, v.get("gradcalls_sgd-salr"));
        assertEquals(5.0, v.get("salr_gradcall_ratio"));
        assertEquals(2.0, v.get("gradcalls_sam"));
        assertEquals(5.0, v.get("gradcalls_entropy-sgd"));
        assertTrue(stderr.toString().contains("PyTorch peer ran: stand-in peer"), stderr.toString());
        assertTrue(stdout.toString().contains("lenet_step_ms_dl4j") && stdout.toString().contains("lenet_step_ms_torch"));
        String provenance = Files.readString(out.resolve("bench-provenance.json"));
        assertTrue(provenance.contains("OMP_WAIT_POLICY") && provenance.contains("\"torch_threads\""), provenance);
        // the peer's BLAS and the verdict on its ratios are recorded
        assertTrue(provenance.contains("\"pytorch_peer\"") && provenance.contains("\"blas\" : \"openblas\"")
                && provenance.contains("\"ratios\" : \"reported\"") && provenance.contains("libopenblasp"), provenance);
        assertEquals(1.0, v.get("pytorch_blas_optimized"));
    }

    @Test
    void aCudaDeviceWithoutTheCudaBuildIsRefusedBeforeMeasuring(@TempDir Path out) {
        CommandLine cmd = SalrCommand.commandLine();
        StringWriter stderr = new StringWriter();
        cmd.setErr(new PrintWriter(stderr, true));
        int code = cmd.execute("bench", "--quick", "--device", "cuda", "--python", "none", "--out", out.toString());
        assertEquals(2, code, stderr.toString());
        assertTrue(stderr.toString().contains("device needs the CUDA build of LibTorch (SALR_BACKEND=torch-gpu"),
                stderr.toString());
        assertTrue(stderr.toString().endsWith("got cuda" + System.lineSeparator()), stderr.toString());
        assertTrue(!Files.exists(out.resolve("bench.csv")));
        assertEquals(2, cmd.execute("bench", "--device", "gpu", "--out", out.toString()));
    }
}
