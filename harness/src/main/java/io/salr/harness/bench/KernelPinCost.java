package io.salr.harness.bench;

import io.salr.optimizers.dl4j.zoo.Execution;
import io.salr.harness.run.Kernels;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the kernel pin ({@link Kernels#PINNED}) costs in speed: the same measurements (sgemm rate, the
 * MLP and LeNet SGD steps) in two fresh JVMs one after the other, one pinned and one native, since the
 * libraries read the pin when they load. On an AVX2-only CPU (or an AMD CPU, where OpenBLAS 0.3.19 takes
 * its Haswell kernels anyway) the two should agree; on an AVX-512 Intel CPU the native one may be faster.
 */
final class KernelPinCost {

    private KernelPinCost() {
    }

    /**
     * The figures {@code pin_gemm_gflops_pinned/native}, {@code pin_mlp_step_ms_pinned/native},
     * {@code pin_lenet_step_ms_pinned/native} and the ratios {@code pin_cost_mlp}, {@code pin_cost_lenet}
     * (pinned time over native time; above 1 means the pin is slower).
     */
    static List<BenchRow> measure(int warmup, int mlpSteps, int lenetSteps, int gemmSize) {
        Map<String, Double> pinned = run(Kernels.PINNED, warmup, mlpSteps, lenetSteps, gemmSize);
        Map<String, Double> nativeK = run(Kernels.NATIVE, warmup, mlpSteps, lenetSteps, gemmSize);
        List<BenchRow> rows = new ArrayList<>();
        rows.add(new BenchRow("pin_gemm_gflops_pinned", pinned.get("gemm"), "GFLOP/s"));
        rows.add(new BenchRow("pin_gemm_gflops_native", nativeK.get("gemm"), "GFLOP/s"));
        rows.add(new BenchRow("pin_mlp_step_ms_pinned", pinned.get("mlp"), "ms"));
        rows.add(new BenchRow("pin_mlp_step_ms_native", nativeK.get("mlp"), "ms"));
        rows.add(new BenchRow("pin_lenet_step_ms_pinned", pinned.get("lenet"), "ms"));
        rows.add(new BenchRow("pin_lenet_step_ms_native", nativeK.get("lenet"), "ms"));
        rows.add(new BenchRow("pin_cost_mlp", pinned.get("mlp") / nativeK.get("mlp"), "ratio"));
        rows.add(new BenchRow("pin_cost_lenet", pinned.get("lenet") / nativeK.get("lenet"), "ratio"));
        return rows;
    }

    private static Map<String, Double> run(Kernels kernels, int warmup, int mlpSteps, int lenetSteps, int gemmSize) {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-Dorg.bytedeco.javacpp.maxbytes=1g", "-Dorg.bytedeco.javacpp.maxphysicalbytes=2g",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", System.getProperty("java.class.path"), KernelPinCost.class.getName(),
                Integer.toString(warmup), Integer.toString(mlpSteps), Integer.toString(lenetSteps),
                Integer.toString(gemmSize));
        kernels.applyTo(pb.environment());
        pb.environment().putIfAbsent("OMP_WAIT_POLICY", "PASSIVE");
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        try {
            Process p = pb.start();
            String out;
            try (InputStream in = p.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            }
            if (p.waitFor() != 0) {
                throw new IllegalStateException("kernel-pin worker (" + kernels.label() + ") failed: " + out);
            }
            Map<String, Double> values = new LinkedHashMap<>();
            for (String line : out.split("\n")) {
                String[] kv = line.trim().split(",");
                if (kv.length == 2) {
                    values.put(kv[0], Double.parseDouble(kv[1]));
                }
            }
            if (!values.keySet().containsAll(List.of("gemm", "mlp", "lenet"))) {
                throw new IllegalStateException("kernel-pin worker (" + kernels.label() + ") printed: " + out);
            }
            return values;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a kernel-pin worker", e);
        }
    }

    /** A worker: {@code WARMUP MLP_STEPS LENET_STEPS GEMM_N}; prints {@code gemm,V}, {@code mlp,V}, {@code lenet,V}. */
    public static void main(String[] args) {
        int warmup = Integer.parseInt(args[0]);
        int mlpSteps = Integer.parseInt(args[1]);
        int lenetSteps = Integer.parseInt(args[2]);
        int n = Integer.parseInt(args[3]);
        double gemm = Bench.gemmGflops(n, warmup, 10);
        double mlp = Bench.medianStepMs(new Workload("mlp", "sgd", Execution.FAST, Bench.BATCH, 1_000_000), warmup, mlpSteps);
        double lenet = Bench.medianStepMs(new Workload("lenet", "sgd", Execution.FAST, Bench.BATCH, 1_000_000), warmup,
                lenetSteps);
        System.out.println(String.format(Locale.ROOT, "gemm,%.4f%nmlp,%.4f%nlenet,%.4f", gemm, mlp, lenet));
    }
}
