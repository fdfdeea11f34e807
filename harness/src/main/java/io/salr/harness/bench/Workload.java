package io.salr.harness.bench;

import io.salr.optimizers.dl4j.Dl4jEngine;
import io.salr.optimizers.dl4j.zoo.Execution;
import io.salr.optimizers.engine.Batch;
import io.salr.optimizers.engine.Engine;
import io.salr.optimizers.engine.HostBatch;
import io.salr.optimizers.engine.ModelSpec;
import io.salr.optimizers.engine.TrainableModel;
import io.salr.optimizers.meter.GradientMeter;
import io.salr.optimizers.methods.StepRecord;
import io.salr.optimizers.methods.TrainingMethod;
import io.salr.optimizers.spec.Method;
import io.salr.optimizers.spec.MethodSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One model trained by one method as {@link io.salr.harness.run.Trainer} trains it - a model of the
 * zoo built by an engine, its meter, a method with its default parameters ({@link MethodSpec#defaults}), the
 * dropout masks reseeded before each step - on synthetic Fashion-MNIST-shaped batches (28x28 grey
 * images, 10 classes; the data's values do not change the work of a step).
 */
final class Workload {

    /** Batches cycled through, so that consecutive steps do not see the same arrays. */
    private static final int POOL = 4;

    private final ModelSpec spec;
    private final TrainableModel net;
    private final GradientMeter meter = new GradientMeter();
    private final TrainingMethod method;
    private final List<Batch> batches = new ArrayList<>();
    private final SplittableRandom pixels = new SplittableRandom(11L);
    private final int batchSize;
    private long iteration;
    private int nextFresh;

    /** A workload on the DL4J engine in the given execution mode. */
    Workload(String model, String methodName, Execution execution, int batchSize, long plannedIterations) {
        this(new Dl4jEngine(execution), model, methodName, batchSize, plannedIterations);
    }

    Workload(Engine engine, String model, String methodName, int batchSize, long plannedIterations) {
        this(engine, model, MethodSpec.defaults(Method.parse("method", methodName)), batchSize, plannedIterations);
    }

    Workload(Engine engine, String model, MethodSpec methodSpec, int batchSize, long plannedIterations) {
        this.spec = ModelSpec.of(model, new int[] {1, 28, 28}, 10, 42L);
        this.batchSize = batchSize;
        this.net = engine.build(spec, meter);
        long iterationsPerEpoch = (60_000 + batchSize - 1) / batchSize;
        this.method = methodSpec.bind(iterationsPerEpoch, plannedIterations).create(7L);
        for (int i = 0; i < POOL; i++) {
            batches.add(randomBatch());
        }
    }

    /** A new random batch: uniform pixels, labels cycling through the classes. */
    Batch randomBatch() {
        float[] x = new float[batchSize * 784];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) pixels.nextDouble();
        }
        int[] y = new int[batchSize];
        for (int i = 0; i < batchSize; i++) {
            y[i] = i % 10;
        }
        return net.batch(new HostBatch(HostBatch.Kind.IMAGES, x, new int[0], y, new int[] {1, 28, 28}, 10));
    }

    /** One training iteration on the next pooled batch. */
    StepRecord step() {
        return step(batches.get((int) (iteration % POOL)));
    }

    /** One training iteration on {@code batch}. */
    StepRecord step(Batch batch) {
        net.seedStochasticLayers(0x5EEDL ^ (iteration * 0x9E3779B97F4A7C15L));
        StepRecord r = method.step(net, batch, this::fresh, iteration);
        iteration++;
        return r;
    }

    private Batch fresh() {
        return batches.get(nextFresh++ % POOL);
    }

    /** The model the method trains. */
    TrainableModel model() {
        return net;
    }

    /** Gradient calls spent so far, on the method's own meter. */
    long gradientCalls() {
        return meter.gradientCalls();
    }

    /** Iterations taken so far. */
    long iterations() {
        return iteration;
    }

    /**
     * Floating-point operations of one training step at this batch size, counting each convolution, dense and
     * recurrent layer's multiply-adds three times (forward, gradient of the input, gradient of the weights), as
     * a matrix product of the same size would; activations, pooling and the loss are left out. The multiply-adds
     * of one example's forward pass are the catalogue's ({@link io.salr.optimizers.engine.Network#forwardMultiplyAdds}):
     * for the MLP (784-256-10) 784 x 256 + 256 x 10, for LeNet (5x5 convolutions with 20 and 50 channels on 28x28
     * input, 2x2 pooling, 800-500-10) 25 x 20 x 24^2 + 25 x 20 x 50 x 8^2 + 800 x 500 + 500 x 10.
     */
    double stepFlops() {
        double macs = spec.network().forwardMultiplyAdds(spec);
        return 3 * 2 * macs * batchSize;
    }
}
