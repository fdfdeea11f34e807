package io.salr.optimizers.torch.tools;

import io.salr.optimizers.dl4j.zoo.ModelZoo;
import io.salr.optimizers.torch.TorchEngine;
import io.salr.optimizers.torch.TorchRuntime;
import io.salr.optimizers.engine.HostBatch;
import io.salr.optimizers.engine.ModelSpec;
import io.salr.optimizers.engine.TrainableModel;
import io.salr.optimizers.meter.GradientMeter;
import java.util.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One JVM start for the native-loading experiment ({@code optimizers/torch/load-loop.sh}): loads the natives
 * in the order {@code args[0]} names and runs one LeNet pass on each engine it loaded, then prints
 * {@code OK}. Modes: {@code torch}, {@code nd4j-then-torch}, {@code torch-then-nd4j}, {@code concurrent}
 * (both loaded at once from two threads).
 */
public final class LoadProbe {

    private LoadProbe() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "torch";
        long t0 = System.nanoTime();
        switch (mode) {
            case "torch" -> torch();
            case "nd4j-then-torch" -> {
                nd4j();
                torch();
            }
            case "torch-then-nd4j" -> {
                torch();
                nd4j();
            }
            case "concurrent" -> {
                Thread a = new Thread(LoadProbe::nd4jUnchecked);
                Thread b = new Thread(LoadProbe::torchUnchecked);
                a.start();
                b.start();
                a.join();
                b.join();
            }
            default -> throw new IllegalArgumentException("mode " + mode);
        }
        System.out.println("OK " + mode + " " + (System.nanoTime() - t0) / 1_000_000 + " ms " + TorchRuntime.describe());
    }

    private static void nd4jUnchecked() {
        nd4j();
    }

    private static void torchUnchecked() {
        torch();
    }

    private static void nd4j() {
        Nd4j.create(2, 2).addi(1);
        ModelZoo.build(ModelSpec.of("lenet", new int[] {1, 28, 28}, 10, 1));
    }

    private static void torch() {
        ModelSpec spec = ModelSpec.of("lenet", new int[] {1, 28, 28}, 10, 1);
        TrainableModel m = new TorchEngine().build(spec, new GradientMeter());
        Random r = new Random(1);
        float[] x = new float[8 * 784];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextFloat();
        }
        int[] y = new int[8];
        m.lossAndGradient(m.batch(new HostBatch(HostBatch.Kind.IMAGES, x, new int[0], y, new int[] {1, 28, 28}, 10)));
    }
}
