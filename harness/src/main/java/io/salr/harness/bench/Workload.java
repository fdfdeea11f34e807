package io.salr.harness.bench;

import io.salr.datasets.models.Execution;
import io.salr.optimizers.engine.ModelSpec;
import io.salr.datasets.models.ModelZoo;
import io.salr.harness.run.MethodCatalog;
import io.salr.optimizers.dl4j.NetworkAdapter;
import io.salr.optimizers.meter.GradientMeter;
import io.salr.optimizers.methods.StepRecord;
import io.salr.optimizers.methods.TrainingMethod;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One model trained by one method as {@link io.salr.harness.run.Trainer} trains it - a network from
 * {@link ModelZoo}, a {@link NetworkAdapter} with its meter, a method from {@link MethodCatalog} with
 * default parameters, DL4J's generator reseeded before each step - on synthetic Fashion-MNIST-shaped
 * batches (28x28 grey images, 10 classes; the data's values do not change the work of a step).
 */
final class Workload {

    /** Batches cycled through, so that consecutive steps do not see the same arrays. */
    private static final int POOL = 4;

    private final String model;
    private final MultiLayerNetwork network;
    private final NetworkAdapter adapter;
    private final GradientMeter meter = new GradientMeter();
    private final TrainingMethod method;
    private final List<DataSet> batches = new ArrayList<>();
    private final int batchSize;
    private long iteration;
    private int nextFresh;

    Workload(String model, String methodName, Execution execution, int batchSize, long plannedIterations) {
        this.model = model;
        this.batchSize = batchSize;
        this.network = (MultiLayerNetwork) ModelZoo.build(ModelSpec.of(model, new int[] {1, 28, 28}, 10, 42L),
                DataType.FLOAT, execution);
        this.adapter = NetworkAdapter.of(network, meter);
        long iterationsPerEpoch = (60_000 + batchSize - 1) / batchSize;
        this.method = MethodCatalog.build(methodName, MethodCatalog.defaults(methodName), iterationsPerEpoch,
                plannedIterations, batchSize).create(7L);
        Nd4j.getRandom().setSeed(11L);
        for (int i = 0; i < POOL; i++) {
            batches.add(randomBatch());
        }
    }

    /** A new random batch: uniform pixels, labels cycling through the classes. */
    DataSet randomBatch() {
        INDArray x = model.equals("mlp") ? Nd4j.rand(DataType.FLOAT, batchSize, 784)
                : Nd4j.rand(DataType.FLOAT, batchSize, 1, 28, 28);
        INDArray y = Nd4j.zeros(DataType.FLOAT, batchSize, 10);
        for (int i = 0; i < batchSize; i++) {
            y.putScalar(i, i % 10, 1.0);
        }
        return new DataSet(x, y);
    }

    /** One training iteration on the next pooled batch. */
    StepRecord step() {
        return step(batches.get((int) (iteration % POOL)));
    }

    /** One training iteration on {@code batch}. */
    StepRecord step(DataSet batch) {
        Nd4j.getRandom().setSeed(0x5EEDL ^ (iteration * 0x9E3779B97F4A7C15L));
        StepRecord r = method.step(adapter, batch, this::fresh, iteration);
        iteration++;
        return r;
    }

    private DataSet fresh() {
        return batches.get(nextFresh++ % POOL);
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
     * Floating-point operations of one training step at this batch size, counting each convolution and
     * dense layer's multiply-adds three times (forward, gradient of the input, gradient of the weights),
     * as a matrix product of the same size would; activations, pooling and the loss are left out.
     */
    double stepFlops() {
        var conf = network.getLayerWiseConfigurations();
        // the input types ModelZoo configures: flat 28x28 images for the MLP, 1x28x28 for LeNet
        InputType in = model.equals("mlp") ? InputType.convolutionalFlat(28, 28, 1) : InputType.convolutional(28, 28, 1);
        List<InputType> outputs = conf.getLayerActivationTypes(in);
        double flops = 0;
        for (int i = 0; i < conf.getConfs().size(); i++) {
            var layer = conf.getConf(i).getLayer();
            if (layer instanceof ConvolutionLayer c) {
                InputType.InputTypeConvolutional out = (InputType.InputTypeConvolutional) outputs.get(i);
                flops += 2.0 * c.getKernelSize()[0] * c.getKernelSize()[1] * c.getNIn() * c.getNOut()
                        * out.getHeight() * out.getWidth();
            } else if (layer instanceof FeedForwardLayer f) {
                flops += 2.0 * f.getNIn() * f.getNOut();
            }
        }
        return 3 * flops * batchSize;
    }
}
