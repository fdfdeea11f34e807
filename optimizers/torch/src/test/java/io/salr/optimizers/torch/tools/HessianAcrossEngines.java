package io.salr.optimizers.torch.tools;

import io.salr.optimizers.dl4j.Dl4jEngine;
import io.salr.optimizers.engine.Batch;
import io.salr.optimizers.engine.HostBatch;
import io.salr.optimizers.engine.ModelSpec;
import io.salr.optimizers.engine.TrainableModel;
import io.salr.optimizers.measures.FinalMeasures;
import io.salr.optimizers.meter.GradientMeter;
import io.salr.optimizers.methods.RandomStreams;
import io.salr.optimizers.methods.TrainingMethod;
import io.salr.optimizers.sharpness.SharpnessConfig;
import io.salr.optimizers.spec.Method;
import io.salr.optimizers.spec.MethodSpec;
import io.salr.optimizers.torch.TorchEngine;
import java.io.DataInputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;

/**
 * The end-of-run measures of the two engines after the same training on real Fashion-MNIST: the MLP of
 * the zoo trained with SGD (harness defaults) for a number of epochs on DL4J, on LibTorch from DL4J's
 * initial weights, and on LibTorch from its own initial weights; then S-hat and the Hessian eigenvalues
 * (at several power-iteration counts) of each, and of DL4J's trained weights measured on LibTorch.
 * Written to find out whether a 3x gap between the engines' hessian_max_eigenvalue in a 2-epoch run was
 * an engine defect or a property of the trained weights.
 *
 * <p>Usage: {@code HessianAcrossEngines DATA_DIR EPOCHS BATCH SEED}
 */
public final class HessianAcrossEngines {

    private HessianAcrossEngines() {
    }

    public static void main(String[] args) throws IOException {
        String dir = args[0];
        int epochs = Integer.parseInt(args[1]);
        int batch = Integer.parseInt(args[2]);
        long seed = Long.parseLong(args[3]);
        float[] x = images(dir + "/train-images-idx3-ubyte.gz");
        int[] y = labels(dir + "/train-labels-idx1-ubyte.gz");
        int n = y.length;
        ModelSpec spec = ModelSpec.of("mlp", new int[] {1, 28, 28}, 10, seed);
        TrainableModel d = new Dl4jEngine().build(spec, new GradientMeter());
        TrainableModel tCopied = new TorchEngine().build(spec, new GradientMeter());
        tCopied.setParams(tCopied.params().like(d.params().toDoubleArray()));
        TrainableModel tOwn = new TorchEngine().build(spec, new GradientMeter());
        int[] order = permutation(n, seed);
        long ipe = (n + batch - 1) / batch;
        MethodSpec method = MethodSpec.defaults(Method.SGD);
        for (TrainableModel m : new TrainableModel[] {d, tCopied, tOwn}) {
            TrainingMethod sgd = method.bind(ipe, ipe * epochs).create(RandomStreams.named(seed, "method").nextLong());
            long k = 0;
            long t0 = System.nanoTime();
            double last = Double.NaN;
            for (int e = 0; e < epochs; e++) {
                for (int from = 0; from < n; from += batch) {
                    int to = Math.min(n, from + batch);
                    last = sgd.step(m, m.batch(slice(x, y, order, from, to)), () -> {
                        throw new IllegalStateException();
                    }, k++).loss();
                }
            }
            System.out.printf(Locale.ROOT, "trained %s: %d steps, last loss %.5f, %.1f s%n", m, k, last,
                    (System.nanoTime() - t0) / 1e9);
        }
        int[] first = new int[1000];
        for (int i = 0; i < first.length; i++) {
            first[i] = i;
        }
        HostBatch fixed = slice(x, y, first, 0, first.length);
        TrainableModel dOnTorch = new TorchEngine().build(spec, new GradientMeter());
        dOnTorch.setParams(dOnTorch.params().like(d.params().toDoubleArray()));
        measure("dl4j, own init", d, fixed, seed);
        measure("torch, dl4j's init", tCopied, fixed, seed);
        measure("torch, own init", tOwn, fixed, seed);
        measure("dl4j's trained weights on torch", dOnTorch, fixed, seed);
        System.out.printf(Locale.ROOT, "relative distance of dl4j's and torch's (same init) trained weights: %.3g%n",
                distance(d.params().toDoubleArray(), tCopied.params().toDoubleArray()));
    }

    private static void measure(String name, TrainableModel m, HostBatch fixed, long seed) {
        TrainableModel copy = m.measurementCopy(new GradientMeter());
        Batch b = copy.batch(fixed);
        var rng = RandomStreams.named(seed, "final-measures");
        double s = FinalMeasures.sharpness(copy, b, new SharpnessConfig(0.01, 5, 5), rng);
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-34s S-hat %.5f", name, s));
        var h = FinalMeasures.hessianEigenvalues(copy, b, 20, rng);
        sb.append(String.format(Locale.ROOT, "  max(20, harness stream) %.4f", h.max()));
        for (int it : new int[] {20, 200}) {
            var hi = FinalMeasures.hessianEigenvalues(copy, b, it, RandomStreams.named(seed + 1, "h"));
            sb.append(String.format(Locale.ROOT, "  max(%d) %.4f", it, hi.max()));
        }
        System.out.println(sb);
    }

    private static double distance(double[] a, double[] b) {
        double d = 0;
        double n = 0;
        for (int i = 0; i < a.length; i++) {
            d += (a[i] - b[i]) * (a[i] - b[i]);
            n += a[i] * a[i];
        }
        return Math.sqrt(d / n);
    }

    private static int[] permutation(int n, long seed) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    private static HostBatch slice(float[] x, int[] y, int[] order, int from, int to) {
        int b = to - from;
        float[] xs = new float[b * 784];
        int[] ys = new int[b];
        for (int i = 0; i < b; i++) {
            System.arraycopy(x, order[from + i] * 784, xs, i * 784, 784);
            ys[i] = y[order[from + i]];
        }
        return new HostBatch(HostBatch.Kind.IMAGES, xs, new int[0], ys, new int[] {1, 28, 28}, 10);
    }

    private static float[] images(String path) throws IOException {
        try (DataInputStream in = new DataInputStream(new GZIPInputStream(new FileInputStream(path)))) {
            in.readInt();
            int n = in.readInt();
            int rows = in.readInt();
            int cols = in.readInt();
            byte[] raw = new byte[n * rows * cols];
            in.readFully(raw);
            float[] out = new float[raw.length];
            for (int i = 0; i < raw.length; i++) {
                out[i] = (raw[i] & 0xff) / 255f;
            }
            return out;
        }
    }

    private static int[] labels(String path) throws IOException {
        try (DataInputStream in = new DataInputStream(new GZIPInputStream(new FileInputStream(path)))) {
            in.readInt();
            int n = in.readInt();
            byte[] raw = new byte[n];
            in.readFully(raw);
            int[] out = new int[n];
            for (int i = 0; i < n; i++) {
                out[i] = raw[i];
            }
            return out;
        }
    }
}
