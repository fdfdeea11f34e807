package io.salr.optimizers.torch.tools;

import io.salr.optimizers.torch.TorchEngine;
import io.salr.optimizers.torch.TorchRuntime;
import io.salr.optimizers.engine.Batch;
import io.salr.optimizers.engine.FlatVector;
import io.salr.optimizers.engine.HostBatch;
import io.salr.optimizers.engine.LossGradient;
import io.salr.optimizers.engine.ModelSpec;
import io.salr.optimizers.engine.TrainableModel;
import io.salr.optimizers.meter.GradientMeter;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * Median time of one SGD step (forward, backward, momentum update through the engine boundary:
 * {@code lossAndGradient}, FlatVector arithmetic, {@code setParams}) on the torch engine, for the MLP
 * (784-256-10) and LeNet of the zoo at batch 128 on 28x28 inputs, the same step as the Python peer
 * (the bench's peer {@code harness/.../bench/torch_bench.py}: SGD, momentum 0.9, lr 0.05). Also the float32 GEMM rate of LibTorch in this
 * process and the LeNet roofline it implies (the step's multiply-adds counted as {@code salr bench} counts
 * them). The thread count is the engine's ({@code OMP_NUM_THREADS} or {@code salr.torch.threads}).
 * Prints {@code name,value,unit} lines: medians (as the peer and {@code salr bench}) and means (which include
 * the occasional collection that {@link io.salr.optimizers.torch.TorchRuntime}'s memory budget triggers).
 *
 * <p>Usage: {@code StepBench WARMUP LENET_REPEATS MLP_REPEATS}
 */
public final class StepBench {

    private static final int BATCH = 128;

    private StepBench() {
    }

    public static void main(String[] args) {
        int warmup = Integer.parseInt(args[0]);
        int lenetRepeats = Integer.parseInt(args[1]);
        int mlpRepeats = Integer.parseInt(args[2]);
        TorchRuntime.Settings settings = TorchRuntime.ensureLoaded();
        double[] lenetMs = stepMs("lenet", warmup, lenetRepeats);
        double[] mlpMs = stepMs("mlp", warmup, mlpRepeats);
        double lenet = median(lenetMs);
        double mlp = median(mlpMs);
        double gflops = gemmGflops(1024, 3, 10);
        double lenetFlops = lenetStepFlops();
        print("lenet_step_ms_torch", lenet, "ms");
        print("mlp_step_ms_torch", mlp, "ms");
        print("lenet_step_mean_ms_torch", mean(lenetMs), "ms");
        print("mlp_step_mean_ms_torch", mean(mlpMs), "ms");
        print("torch_gemm_gflops", gflops, "GFLOP/s");
        print("lenet_roofline_ms", lenetFlops / (gflops * 1e9) * 1e3, "ms");
        print("lenet_vs_roofline", lenet / (lenetFlops / (gflops * 1e9) * 1e3), "ratio");
        print("torch_threads", settings.threads(), "threads");
        System.err.println("torch engine: " + TorchRuntime.describe());
    }

    private static void print(String name, double value, String unit) {
        System.out.println(String.format(Locale.ROOT, "%s,%.4f,%s", name, value, unit));
    }

    /** Every timed step's milliseconds (after the warm-up). */
    static double[] stepMs(String architecture, int warmup, int repeats) {
        ModelSpec spec = ModelSpec.of(architecture, new int[] {1, 28, 28}, 10, 0);
        TrainableModel model = new TorchEngine().build(spec, new GradientMeter());
        Random r = new Random(0);
        float[] x = new float[BATCH * 784];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextFloat();
        }
        int[] y = new int[BATCH];
        for (int i = 0; i < BATCH; i++) {
            y[i] = i % 10;
        }
        Batch batch = model.batch(new HostBatch(HostBatch.Kind.IMAGES, x, new int[0], y, new int[] {1, 28, 28}, 10));
        FlatVector velocity = model.zeros();
        double[] ms = new double[repeats];
        for (int i = -warmup; i < repeats; i++) {
            long t0 = System.nanoTime();
            LossGradient g = model.lossAndGradient(batch);
            velocity.muli(0.9).addi(g.gradient());
            model.setParams(model.params().subi(velocity.mul(0.05)));
            model.applyStatistics(g.statistics());
            double elapsed = (System.nanoTime() - t0) / 1e6;
            if (i >= 0) {
                ms[i] = elapsed;
            }
        }
        return ms;
    }

    static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    /** Multiply-adds of a LeNet step x 2 flops x 3 (forward, input gradient, weight gradient), as salr bench counts. */
    static double lenetStepFlops() {
        double f = 2.0 * 5 * 5 * 1 * 20 * 24 * 24 + 2.0 * 5 * 5 * 20 * 50 * 8 * 8 + 2.0 * 800 * 500 + 2.0 * 500 * 10;
        return 3 * f * BATCH;
    }

    static double gemmGflops(int n, int warmup, int repeats) {
        double[] ms = new double[repeats];
        try (PointerScope scope = new PointerScope()) {
            torch.manual_seed(3);
            Tensor a = torch.rand(n, n);
            Tensor b = torch.rand(n, n);
            for (int i = -warmup; i < repeats; i++) {
                long t0 = System.nanoTime();
                try (PointerScope inner = new PointerScope()) {
                    torch.mm(a, b);
                }
                double elapsed = (System.nanoTime() - t0) / 1e6;
                if (i >= 0) {
                    ms[i] = elapsed;
                }
            }
        }
        return 2.0 * n * n * n / (median(ms) * 1e6);
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
