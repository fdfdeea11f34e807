package io.salr.optimizers.torch.tools;

import io.salr.optimizers.torch.TorchEngine;
import io.salr.optimizers.torch.TorchRuntime;
import io.salr.optimizers.engine.Batch;
import io.salr.optimizers.engine.HostBatch;
import io.salr.optimizers.engine.LossGradient;
import io.salr.optimizers.engine.ModelSpec;
import io.salr.optimizers.engine.TrainableModel;
import io.salr.optimizers.meter.GradientMeter;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;

/**
 * Trains a LeNet with BatchNorm and dropout for a few SGD steps and prints the CPU capability LibTorch ran
 * with and a SHA-256 of the final parameters' bits: {@code capability sha256}. Run in a fresh JVM per
 * setting by {@code ForkedDeterminismTest}.
 */
public final class DeterminismProbe {

    private DeterminismProbe() {
    }

    public static void main(String[] args) throws Exception {
        TorchRuntime.Settings s = TorchRuntime.ensureLoaded();
        ModelSpec spec = new ModelSpec("lenet", new int[] {1, 28, 28}, 10, 0.5, true, 1.0, 256, 17);
        TrainableModel m = new TorchEngine().build(spec, new GradientMeter());
        Random r = new Random(5);
        for (int step = 0; step < 4; step++) {
            float[] x = new float[32 * 784];
            for (int i = 0; i < x.length; i++) {
                x[i] = r.nextFloat();
            }
            int[] y = new int[32];
            for (int i = 0; i < y.length; i++) {
                y[i] = r.nextInt(10);
            }
            Batch b = m.batch(new HostBatch(HostBatch.Kind.IMAGES, x, new int[0], y, new int[] {1, 28, 28}, 10));
            m.seedStochasticLayers(100 + step);
            LossGradient g = m.lossAndGradient(b);
            m.setParams(m.params().subi(g.gradient().mul(0.1)));
            m.applyStatistics(g.statistics());
        }
        double[] p = m.params().toDoubleArray();
        ByteBuffer bytes = ByteBuffer.allocate(8 * p.length);
        for (double v : p) {
            bytes.putLong(Double.doubleToRawLongBits(v));
        }
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.array()));
        System.out.println(s.cpuCapability() + " " + hash);
    }
}
