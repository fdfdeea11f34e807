package io.salr.optimizers.torch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Bitwise replay across JVMs: the same training run in fresh JVMs gives the same bits when ATen's kernels
 * are pinned (avx2, the default), and the pin is what a run on an AVX2-only CPU would use. On an AVX-512
 * machine the test also runs with {@code avx512} and reports whether those bits differ (they may: other
 * vector widths sum in other orders), which is why the pin is the default.
 */
@Tag("slow")
class ForkedDeterminismTest {

    private static String run(String capability, int threads) throws IOException, InterruptedException {
        return run(capability, threads, null);
    }

    private static String run(String capability, int threads, Path cacheDir) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx1g");
        if (cacheDir != null) {
            cmd.add("-Dorg.bytedeco.javacpp.cachedir=" + cacheDir);
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("io.salr.optimizers.torch.tools.DeterminismProbe");
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("ATEN_CPU_CAPABILITY", capability);
        pb.environment().put("OMP_NUM_THREADS", Integer.toString(threads));
        pb.redirectErrorStream(false);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "probe finished");
        assertEquals(0, p.exitValue(), "probe failed: " + err);
        String[] lines = out.split("\n");
        return lines[lines.length - 1];
    }

    /**
     * A JVM whose JavaCPP cache is empty extracts and loads LibTorch without picking up a system LibTorch
     * (before TorchRuntime extracted the libraries first, this crashed every time on a machine with Debian's
     * python3-torch, see README-torch.md), and computes the same bits as a JVM with a warm cache.
     */
    @Test
    void aColdJavacppCacheLoadsTheRightLibTorch(@org.junit.jupiter.api.io.TempDir Path cache) throws Exception {
        String cold = run("avx2", 1, cache);
        String warm = run("avx2", 1);
        assertEquals(warm, cold);
    }

    @Test
    void pinnedKernelsReplayBitForBitAcrossJvms() throws Exception {
        String first = run("avx2", 1);
        String second = run("avx2", 1);
        assertTrue(first.startsWith("AVX2 "), first);
        assertEquals(first, second, "two JVMs, same settings, same bits");
        boolean avx512 = new String(java.nio.file.Files.readAllBytes(Path.of("/proc/cpuinfo")),
                StandardCharsets.US_ASCII).contains("avx512f");
        if (avx512) {
            String wide = run("avx512", 1);
            assertTrue(wide.startsWith("AVX512 "), wide);
            System.out.println("ForkedDeterminismTest: avx2 " + first.substring(5, 17) + "..., avx512 "
                    + wide.substring(7, 19) + "... -> " + (wide.substring(7).equals(first.substring(5))
                    ? "identical" : "different bits"));
        }
    }
}
