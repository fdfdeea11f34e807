package io.salr.optimizers.dl4j.zoo;

import io.salr.optimizers.engine.ModelSpec;
import io.salr.optimizers.engine.Network;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.NoOp;

/**
 * Builds the networks of the paper's experiments as initialized DL4J networks (a
 * {@link MultiLayerNetwork}, or a {@link ComputationGraph} for the ResNets). The model zoo lives in the
 * datasets module, next to the data the models are shaped for.
 *
 * <p>Every network is built without a DL4J updater ({@link NoOp}) and without DL4J regularization:
 * the optimizers module applies the update rules and weight decay itself. Hidden layers are
 * followed, when the spec asks for it, by BatchNorm and by dropout, as in Section VI. Output layers
 * score with {@link SoftmaxCrossEntropy}, DL4J's softmax cross-entropy without its cap at -log(1e-10).
 *
 * <p>Networks execute in {@link Execution#FAST} mode unless asked otherwise: how a network is built
 * and run for speed is decided in {@link Execution} and nowhere else.
 *
 * <p>Each {@link Network} of the catalogue has its builder registered here, keyed by the network; the class
 * refuses to load if one has none, so a network added to the catalogue cannot reach a run without a DL4J build.
 */
public final class ModelZoo {

    /** Declares and initializes one network of the catalogue. */
    @FunctionalInterface
    private interface Builder {
        Model build(ModelSpec spec, DataType dataType, Execution execution);
    }

    private static final Map<Network, Builder> BUILDERS = register();

    private ModelZoo() {
    }

    private static Map<Network, Builder> register() {
        Map<Network, Builder> m = new EnumMap<>(Network.class);
        m.put(Network.MLP, (s, d, e) -> init(new MultiLayerNetwork(mlp(s, d, e))));
        m.put(Network.LENET, (s, d, e) -> init(new MultiLayerNetwork(lenet(s, d, e))));
        m.put(Network.ALL_CNN_C, (s, d, e) -> init(new MultiLayerNetwork(allCnnC(s, d, e))));
        m.put(Network.RESNET20, (s, d, e) -> init(new ComputationGraph(resnet(s, d, e, 3))));
        m.put(Network.RESNET32, (s, d, e) -> init(new ComputationGraph(resnet(s, d, e, 5))));
        m.put(Network.CHAR_LSTM, (s, d, e) -> init(new MultiLayerNetwork(charLstm(s, d, e))));
        EnumSet<Network> missing = EnumSet.complementOf(EnumSet.copyOf(m.keySet()));
        if (!missing.isEmpty()) {
            throw new IllegalStateException("the DL4J zoo has no builder for " + missing);
        }
        return Collections.unmodifiableMap(m);
    }

    /** The networks this zoo builds: every network of the catalogue. */
    public static java.util.Set<Network> networks() {
        return Collections.unmodifiableSet(EnumSet.copyOf(BUILDERS.keySet()));
    }

    /** Builds and initializes the network a spec describes, in float32, in {@link Execution#FAST} mode. */
    public static Model build(ModelSpec spec) {
        return build(spec, DataType.FLOAT);
    }

    /** Builds and initializes the network a spec describes, in the given floating-point type, FAST mode. */
    public static Model build(ModelSpec spec, DataType dataType) {
        return build(spec, dataType, Execution.FAST);
    }

    /**
     * Builds and initializes the network a spec describes, in the given floating-point type and execution
     * mode. The mode changes how the network computes, not what: the same spec and seed give the same
     * initial parameters in every mode.
     */
    public static Model build(ModelSpec spec, DataType dataType, Execution execution) {
        Builder builder = BUILDERS.get(spec.network());
        return execution.initialize(() -> builder.build(spec, dataType, execution));
    }

    private static MultiLayerNetwork init(MultiLayerNetwork net) {
        net.init();
        return net;
    }

    private static ComputationGraph init(ComputationGraph net) {
        net.init();
        return net;
    }

    private static NeuralNetConfiguration.Builder base(ModelSpec spec, DataType dataType, Execution execution) {
        return execution.configure(new NeuralNetConfiguration.Builder())
                .seed(spec.seed())
                .dataType(dataType)
                .updater(new NoOp())
                .weightInit(WeightInit.RELU);
    }

    private static int scaled(int width, ModelSpec spec) {
        return Math.max(1, (int) Math.round(width * spec.widthMultiplier()));
    }

    /** Hidden block: the layer (linear), then BatchNorm and ReLU, then dropout, as the spec asks. */
    private static List<Layer> hiddenBlock(Layer linear, ModelSpec spec, boolean allowDropout) {
        List<Layer> layers = new ArrayList<>();
        layers.add(linear);
        if (spec.batchNorm()) {
            layers.add(new BatchNormalization.Builder().build());
        }
        layers.add(new ActivationLayer.Builder().activation(Activation.RELU).build());
        if (allowDropout && spec.dropout() > 0) {
            // DL4J's dropOut takes the probability of RETAINING an activation.
            layers.add(new DropoutLayer.Builder(1.0 - spec.dropout()).build());
        }
        return layers;
    }

    private static MultiLayerConfiguration mlp(ModelSpec spec, DataType dataType, Execution execution) {
        int[] s = spec.inputShape();
        int width = scaled(spec.hidden(), spec);
        var list = base(spec, dataType, execution).list();
        for (Layer l : hiddenBlock(new DenseLayer.Builder().nOut(width).activation(Activation.IDENTITY).build(), spec, true)) {
            list.layer(l);
        }
        list.layer(new OutputLayer.Builder(new SoftmaxCrossEntropy()).nOut(spec.numClasses())
                .activation(Activation.SOFTMAX).weightInit(WeightInit.XAVIER).build());
        list.setInputType(InputType.convolutionalFlat(s[1], s[2], s[0]));
        return list.build();
    }

    private static MultiLayerConfiguration lenet(ModelSpec spec, DataType dataType, Execution execution) {
        int[] s = spec.inputShape();
        var list = base(spec, dataType, execution).convolutionMode(ConvolutionMode.Truncate).list();
        for (Layer l : hiddenBlock(conv(5, 1, 20), spec, false)) {
            list.layer(l);
        }
        list.layer(maxPool());
        for (Layer l : hiddenBlock(conv(5, 1, 50), spec, false)) {
            list.layer(l);
        }
        list.layer(maxPool());
        for (Layer l : hiddenBlock(new DenseLayer.Builder().nOut(500).activation(Activation.IDENTITY).build(), spec, true)) {
            list.layer(l);
        }
        list.layer(new OutputLayer.Builder(new SoftmaxCrossEntropy()).nOut(spec.numClasses())
                .activation(Activation.SOFTMAX).weightInit(WeightInit.XAVIER).build());
        list.setInputType(InputType.convolutional(s[1], s[2], s[0]));
        return list.build();
    }

    /**
     * All-CNN-C of Springenberg et al. (2015, Table 2), with BatchNorm after each convolution when
     * asked (the paper's All-CNN-BN) and channel counts 96 and 192 scaled by the width multiplier.
     */
    private static MultiLayerConfiguration allCnnC(ModelSpec spec, DataType dataType, Execution execution) {
        int[] s = spec.inputShape();
        int a = scaled(96, spec);
        int b = scaled(192, spec);
        var list = base(spec, dataType, execution).convolutionMode(ConvolutionMode.Same).list();
        int[][] convs = { // kernel, stride, channels, dropout after?
            {3, 1, a, 0}, {3, 1, a, 0}, {3, 2, a, 1},
            {3, 1, b, 0}, {3, 1, b, 0}, {3, 2, b, 1},
            {3, 1, b, 0}, {1, 1, b, 0}, {1, 1, spec.numClasses(), 0},
        };
        for (int[] c : convs) {
            for (Layer l : hiddenBlock(conv(c[0], c[1], c[2]), spec, c[3] == 1)) {
                list.layer(l);
            }
        }
        list.layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).build());
        list.layer(new OutputLayer.Builder(new SoftmaxCrossEntropy()).nOut(spec.numClasses())
                .activation(Activation.SOFTMAX).weightInit(WeightInit.XAVIER).build());
        list.setInputType(InputType.convolutional(s[1], s[2], s[0]));
        return list.build();
    }

    /**
     * The CIFAR ResNets of He et al. (2016, Section 4.2): a 3x3 convolution with 16 channels, three
     * stages of {@code n} basic blocks with 16, 32 and 64 channels (scaled by the width multiplier),
     * global average pooling and a softmax layer; depth 6n + 2 (20 for n = 3, 32 for n = 5). Where a
     * stage halves the resolution the shortcut is a strided 1x1 convolution (option B). BatchNorm is
     * part of the architecture, so it is always present; dropout, when asked, follows each stage.
     */
    private static ComputationGraphConfiguration resnet(ModelSpec spec, DataType dataType, Execution execution, int n) {
        int[] s = spec.inputShape();
        var g = base(spec, dataType, execution).convolutionMode(ConvolutionMode.Same).graphBuilder().addInputs("input");
        String prev = "stem";
        g.addLayer("stem_conv", conv(3, 1, scaled(16, spec)), "input")
                .addLayer("stem_bn", new BatchNormalization.Builder().build(), "stem_conv")
                .addLayer(prev, new ActivationLayer.Builder().activation(Activation.RELU).build(), "stem_bn");
        int[] widths = {scaled(16, spec), scaled(32, spec), scaled(64, spec)};
        int inWidth = widths[0];
        for (int stage = 0; stage < 3; stage++) {
            for (int block = 0; block < n; block++) {
                int stride = (stage > 0 && block == 0) ? 2 : 1;
                String id = "s" + stage + "b" + block;
                g.addLayer(id + "_conv1", conv(3, stride, widths[stage]), prev)
                        .addLayer(id + "_bn1", new BatchNormalization.Builder().build(), id + "_conv1")
                        .addLayer(id + "_relu1", new ActivationLayer.Builder().activation(Activation.RELU).build(), id + "_bn1")
                        .addLayer(id + "_conv2", conv(3, 1, widths[stage]), id + "_relu1")
                        .addLayer(id + "_bn2", new BatchNormalization.Builder().build(), id + "_conv2");
                String shortcut = prev;
                if (stride != 1 || inWidth != widths[stage]) {
                    g.addLayer(id + "_proj", conv(1, stride, widths[stage]), prev)
                            .addLayer(id + "_proj_bn", new BatchNormalization.Builder().build(), id + "_proj");
                    shortcut = id + "_proj_bn";
                }
                g.addVertex(id + "_add", new ElementWiseVertex(ElementWiseVertex.Op.Add), id + "_bn2", shortcut)
                        .addLayer(id, new ActivationLayer.Builder().activation(Activation.RELU).build(), id + "_add");
                prev = id;
                inWidth = widths[stage];
            }
            if (spec.dropout() > 0) {
                g.addLayer("drop" + stage, new DropoutLayer.Builder(1.0 - spec.dropout()).build(), prev);
                prev = "drop" + stage;
            }
        }
        g.addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), prev)
                .addLayer("output", new OutputLayer.Builder(new SoftmaxCrossEntropy()).nOut(spec.numClasses())
                        .activation(Activation.SOFTMAX).weightInit(WeightInit.XAVIER).build(), "pool")
                .setOutputs("output")
                .setInputTypes(InputType.convolutional(s[1], s[2], s[0]));
        return g.build();
    }

    /** A character LSTM (Table V): two LSTM layers and a softmax over the vocabulary at every step. */
    private static MultiLayerConfiguration charLstm(ModelSpec spec, DataType dataType, Execution execution) {
        int vocab = spec.inputShape()[0];
        int width = scaled(spec.hidden(), spec);
        var list = base(spec, dataType, execution).weightInit(WeightInit.XAVIER).list()
                .layer(new LSTM.Builder().nIn(vocab).nOut(width).activation(Activation.TANH).build());
        if (spec.dropout() > 0) {
            list.layer(new DropoutLayer.Builder(1.0 - spec.dropout()).build());
        }
        list.layer(new LSTM.Builder().nOut(width).activation(Activation.TANH).build());
        list.layer(new RnnOutputLayer.Builder(new SoftmaxCrossEntropy()).nOut(spec.numClasses())
                .activation(Activation.SOFTMAX).build());
        list.setInputType(InputType.recurrent(vocab, spec.inputShape()[1]));
        return list.build();
    }

    private static ConvolutionLayer conv(int kernel, int stride, int channels) {
        return new ConvolutionLayer.Builder(kernel, kernel).stride(stride, stride).nOut(channels)
                .activation(Activation.IDENTITY).build();
    }

    private static SubsamplingLayer maxPool() {
        return new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build();
    }
}
