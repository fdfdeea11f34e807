package io.salr.optimizers.torch;

import io.salr.optimizers.engine.HostBatch;
import io.salr.optimizers.engine.ModelSpec;
import java.util.SplittableRandom;

/** Small specs and random batches shared by the tests. */
final class Fixtures {

    private Fixtures() {
    }

    static ModelSpec mlp(boolean batchNorm, double dropout) {
        return new ModelSpec("mlp", new int[] {1, 4, 4}, 3, dropout, batchNorm, 1.0, 5, 42);
    }

    static ModelSpec lenet(boolean batchNorm, double dropout) {
        return new ModelSpec("lenet", new int[] {1, 16, 16}, 3, dropout, batchNorm, 1.0, 5, 43);
    }

    static ModelSpec allCnn(boolean batchNorm, double dropout) {
        return new ModelSpec("allcnn-c", new int[] {3, 7, 7}, 3, dropout, batchNorm, 1.0 / 24, 5, 44);
    }

    static ModelSpec resnet(double dropout) {
        return new ModelSpec("resnet20", new int[] {3, 8, 8}, 3, dropout, true, 0.25, 5, 45);
    }

    static ModelSpec charLstm(double dropout) {
        return new ModelSpec("char-lstm", new int[] {5, 4}, 5, dropout, false, 1.0, 3, 46);
    }

    /** A batch of {@code b} random examples for {@code spec}. */
    static HostBatch batch(ModelSpec spec, int b, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] s = spec.inputShape();
        if (spec.architecture().equals("char-lstm")) {
            int t = s[1];
            int[] tokens = new int[b * t];
            int[] targets = new int[b * t];
            for (int i = 0; i < tokens.length; i++) {
                tokens[i] = r.nextInt(s[0]);
                targets[i] = r.nextInt(spec.numClasses());
            }
            return new HostBatch(HostBatch.Kind.SEQUENCES, new float[0], tokens, targets, new int[] {s[0], t},
                    spec.numClasses());
        }
        float[] x = new float[b * s[0] * s[1] * s[2]];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextDouble(-1, 1);
        }
        int[] y = new int[b];
        for (int i = 0; i < b; i++) {
            y[i] = r.nextInt(spec.numClasses());
        }
        return new HostBatch(HostBatch.Kind.IMAGES, x, new int[0], y, s, spec.numClasses());
    }
}
