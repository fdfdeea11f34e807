package io.salr.optimizers.dl4j;

import io.salr.optimizers.engine.Batch;
import io.salr.optimizers.engine.HostBatch;
import io.salr.validation.Checks;
import io.salr.validation.InvalidParameterException;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A minibatch as DL4J takes it: a {@link DataSet} of float32 features and one-hot float32 labels.
 * Images come as [B, C, H, W] ({@link Dl4jModel.FeatureLayout#NCHW}) or [B, C*H*W]
 * ({@link Dl4jModel.FeatureLayout#FLAT}); symbol sequences in DL4J's NCW layout, one-hot inputs and
 * one-hot next symbols of shape [B, vocabulary, T].
 *
 * @param data the DataSet
 */
public record Dl4jBatch(DataSet data) implements Batch {

    public Dl4jBatch {
        Checks.present("data", data);
    }

    @Override
    public int size() {
        return Math.toIntExact(data.getFeatures().size(0));
    }

    /** The DataSet behind a batch of this engine. */
    static DataSet unwrap(Batch batch) {
        if (batch instanceof Dl4jBatch b) {
            return b.data;
        }
        throw new InvalidParameterException("batch", batch == null ? "null" : batch.getClass().getName(),
                "must be a batch of the DL4J engine (made by its model's batch(HostBatch))");
    }

    /** Converts a host batch for a network that takes images in {@code layout}. */
    public static Dl4jBatch of(HostBatch host, Dl4jModel.FeatureLayout layout) {
        Checks.present("host", host);
        return new Dl4jBatch(host.kind() == HostBatch.Kind.IMAGES ? images(host, layout) : sequences(host));
    }

    private static DataSet images(HostBatch host, Dl4jModel.FeatureLayout layout) {
        int b = host.size();
        int k = host.numClasses();
        int[] s = host.exampleShape();
        float[] y = new float[b * k];
        int[] targets = host.targets();
        for (int r = 0; r < b; r++) {
            y[r * k + targets[r]] = 1f;
        }
        long[] xShape = layout == Dl4jModel.FeatureLayout.NCHW
                ? new long[] {b, s[0], s[1], s[2]}
                : new long[] {b, (long) s[0] * s[1] * s[2]};
        return new DataSet(Nd4j.create(host.features(), xShape, 'c'), Nd4j.create(y, new long[] {b, k}, 'c'));
    }

    private static DataSet sequences(HostBatch host) {
        int b = host.size();
        int v = host.numClasses();
        int t = host.exampleShape()[1];
        float[] x = new float[b * v * t];
        float[] y = new float[b * v * t];
        int[] tokens = host.tokens();
        int[] targets = host.targets();
        for (int r = 0; r < b; r++) {
            for (int k = 0; k < t; k++) {
                x[(r * v + tokens[r * t + k]) * t + k] = 1f;
                y[(r * v + targets[r * t + k]) * t + k] = 1f;
            }
        }
        long[] shape = {b, v, t};
        return new DataSet(Nd4j.create(x, shape, 'c'), Nd4j.create(y, shape, 'c'));
    }
}
