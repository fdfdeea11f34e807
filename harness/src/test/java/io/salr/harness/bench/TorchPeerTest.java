package io.salr.harness.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PyTorch peer is a yardstick only on an optimized BLAS. Stand-in interpreters print what the real
 * torch_bench.py printed on this machine's Debian python3-torch 1.13 (the JSON lines under
 * src/test/resources, captured with OpenBLAS as the libblas.so.3 alternative, and with Debian's libblas3
 * put first on LD_LIBRARY_PATH, where the script measured 1.1 GFLOP/s on one thread against 21.9 with OpenBLAS; the machine was loaded), and the
 * real script describes the real peer.
 */
class TorchPeerTest {

    /** A stand-in interpreter: prints {@code fixture}'s JSON line (if any), then fixed timing rows. */
    private static Path stubPeer(Path bin, String fixture) throws IOException {
        String json = "";
        if (fixture != null) {
            try (InputStream in = TorchPeerTest.class.getResourceAsStream(fixture)) {
                json = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            }
            Files.writeString(bin.resolve("peer.json"), json + "\n");
        }
        Path peer = bin.resolve("python3");
        Files.writeString(peer, "#!/bin/sh\n" + (fixture == null ? "" : "cat '" + bin.resolve("peer.json") + "'\n")
                + "echo lenet_step_ms_pytorch,40,ms\necho mlp_step_ms_pytorch,2,ms\necho pytorch_threads,$6,threads\n"
                + "echo 'stand-in peer' >&2\n");
        assertTrue(peer.toFile().setExecutable(true));
        return peer;
    }

    /** The engine's rows a bench would have, next to the peer's. */
    private static List<BenchRow> withEngineRows(List<BenchRow> peerRows) {
        List<BenchRow> rows = new ArrayList<>(peerRows);
        rows.add(new BenchRow("lenet_step_ms_torch", 50, "ms"));
        rows.add(new BenchRow("mlp_step_ms_torch", 2.5, "ms"));
        rows.add(new BenchRow("lenet_step_ms_dl4j", 100, "ms"));
        rows.add(new BenchRow("mlp_step_ms_dl4j", 7, "ms"));
        return rows;
    }

    private static boolean anyPeerRatio(List<BenchRow> ratios) {
        return ratios.stream().anyMatch(r -> r.name().endsWith("_vs_pytorch"));
    }

    @Test
    void aPeerOnTheReferenceBlasKeepsItsRowsButEveryRatioAgainstItIsWithheld(@TempDir Path bin) throws IOException {
        TorchPeer.Result peer = TorchPeer.run(stubPeer(bin, "peer-reference-blas.json").toString(), 128, 1, 1, 1, 2);
        Map<String, Double> v = values(peer.rows());
        assertEquals(40.0, v.get("lenet_step_ms_pytorch"));
        assertEquals(2.0, v.get("mlp_step_ms_pytorch"));
        assertEquals(0.0, v.get("pytorch_blas_optimized"));
        assertEquals(1.144, v.get("pytorch_sgemm_gflops_1thread"), 1e-9); // the fixture's figure
        assertEquals(TorchPeer.PeerBlas.REFERENCE, peer.blas());
        String why = peer.unfairBecause().orElseThrow();
        assertTrue(why.contains("reference BLAS (libblas.so.3 loaded from /tmp/refblas/usr/lib/x86_64-linux-gnu/blas/libblas.so.3.11.0;")
                && why.contains("1.1 GFLOP/s") && why.contains("apt-get install libopenblas0-pthread"), why);
        assertFalse(Bench.peerComparable(Optional.of(peer), "cpu"));
        assertFalse(anyPeerRatio(Bench.ratios(withEngineRows(peer.rows()), Bench.peerComparable(Optional.of(peer), "cpu"))));
        Map<String, Object> record = Bench.peerRecord("/usr/bin/python3", peer);
        assertEquals("reference", record.get("blas"));
        assertTrue(String.valueOf(record.get("ratios")).startsWith("withheld: the peer's torch runs on the reference BLAS"),
                String.valueOf(record.get("ratios")));
        @SuppressWarnings("unchecked")
        Map<String, Object> description = (Map<String, Object>) record.get("description");
        assertTrue(String.valueOf(description.get("config")).contains("BLAS_INFO=generic"), description.toString());
        assertTrue(String.valueOf(description.get("parallel_info")).contains("ATen/Parallel"), description.toString());
    }

    @Test
    void aPeerOnOpenBlasGetsItsRatios(@TempDir Path bin) throws IOException {
        TorchPeer.Result peer = TorchPeer.run(stubPeer(bin, "peer-openblas.json").toString(), 128, 1, 1, 1, 2);
        assertEquals(TorchPeer.PeerBlas.OPENBLAS, peer.blas());
        assertEquals(Optional.empty(), peer.unfairBecause());
        assertEquals(1.0, values(peer.rows()).get("pytorch_blas_optimized"));
        assertTrue(Bench.peerComparable(Optional.of(peer), "cpu"));
        List<BenchRow> ratios = Bench.ratios(withEngineRows(peer.rows()), true);
        assertEquals(2.5 / 2, values(ratios).get("mlp_torch_vs_pytorch"), 1e-12);
        assertEquals(50.0 / 40, values(ratios).get("lenet_torch_vs_pytorch"), 1e-12);
        assertEquals("reported", Bench.peerRecord("p", peer).get("ratios"));
        // the engine on another device is not compared with a CPU peer, however fair
        assertFalse(Bench.peerComparable(Optional.of(peer), "cuda"));
    }

    @Test
    void aPeerThatDoesNotSayWhichBlasItUsesIsNotCompared(@TempDir Path bin) throws IOException {
        TorchPeer.Result peer = TorchPeer.run(stubPeer(bin, null).toString(), 128, 1, 1, 1, 2);
        assertEquals(40.0, values(peer.rows()).get("lenet_step_ms_pytorch"));
        assertEquals(TorchPeer.PeerBlas.UNKNOWN, peer.blas());
        String why = peer.unfairBecause().orElseThrow();
        assertTrue(why.contains("did not say which BLAS") && why.contains("libopenblas0-pthread"), why);
        assertFalse(Bench.peerComparable(Optional.of(peer), "cpu"));
        assertFalse(Bench.peerComparable(Optional.empty(), "cpu"));
    }

    @Test
    void aJsonLineThatDoesNotParseIsAnError() {
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> TorchPeer.description("{\"peer\": {\"blas\": \n"));
        assertTrue(e.getMessage().contains("not JSON"), e.getMessage());
        assertEquals(TorchPeer.PeerBlas.UNKNOWN, TorchPeer.PeerBlas.parse("openblas-ish"));
        assertEquals(TorchPeer.PeerBlas.MKL, TorchPeer.PeerBlas.parse("mkl"));
    }

    /**
     * The real script on the real peer (Debian's python3-torch, which `./salr test` and .ci/run install with
     * libopenblas0-pthread): it names OpenBLAS, the file libblas.so.3 was loaded from, torch's configuration
     * and a one-thread sgemm rate well above the reference BLAS's (~1-2 GFLOP/s; OpenBLAS 17-32 here).
     */
    @Test
    void theRealPeerDescribesAnOptimizedBlas() throws Exception {
        Path python = Path.of("/usr/bin/python3");
        assertTrue(Files.isExecutable(python), "the tests need Debian's python3 with python3-torch (./salr test installs it)");
        Path script = Files.createTempFile("torch_bench", ".py");
        try (InputStream in = TorchPeer.class.getResourceAsStream(TorchPeer.SCRIPT)) {
            Files.write(script, in.readAllBytes());
        }
        try {
            Process p = new ProcessBuilder(python.toString(), script.toString(), "--describe").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(5, TimeUnit.MINUTES));
            assertEquals(0, p.exitValue(), "torch_bench.py --describe: " + out
                    + " (the tests need python3-torch and libopenblas0-pthread: ./salr test installs them)");
            Map<String, Object> d = TorchPeer.description(out);
            assertEquals("openblas", d.get("blas"), "the peer's BLAS, with libopenblas0-pthread installed: " + d);
            assertTrue(String.valueOf(d.get("blas_libraries")).contains("libblas.so.3"), d.toString());
            assertTrue(String.valueOf(d.get("config")).contains("TORCH_VERSION="), d.toString());
            assertTrue(((Number) d.get("sgemm_gflops_1thread")).doubleValue() > 3.0, d.toString());
        } finally {
            Files.deleteIfExists(script);
        }
    }

    private static Map<String, Double> values(List<BenchRow> rows) {
        Map<String, Double> m = new java.util.LinkedHashMap<>();
        rows.forEach(r -> m.put(r.name(), r.value()));
        return m;
    }
}
