package io.salr.engine.torch;

import io.salr.engine.torch.Layers.ConvMode;
import io.salr.engine.torch.Layers.WeightInit;
import io.salr.optimizers.engine.ModelSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The networks of the paper's experiments built from this package's layers, with the shapes, parameter
 * layout and initialization scheme of the DL4J zoo ({@code io.salr.datasets.models.ModelZoo}): the same
 * spec gives networks of the same size with the same flat layout on both engines (tested against DL4J).
 * Layer names follow DL4J's: the layer index in a MultiLayerNetwork (activation and dropout layers count),
 * the vertex name in the ResNets' ComputationGraph.
 */
final class TorchZoo {

    private TorchZoo() {
    }

    /** A built network: its forward computation and the facts the model needs about it. */
    record Network(Layer body, List<BatchNormLayer> batchNorms, boolean sequences, boolean hasDropout) {
    }

    /** Declares the parameters of {@code spec}'s network in {@code space} and returns the network. */
    static Network build(ModelSpec spec, ParameterSpace space) {
        return switch (spec.architecture()) {
            case "mlp" -> new Builder(spec, space).mlp();
            case "lenet" -> new Builder(spec, space).lenet();
            case "allcnn-c" -> new Builder(spec, space).allCnnC();
            case "resnet20" -> new Builder(spec, space).resnet(3);
            case "resnet32" -> new Builder(spec, space).resnet(5);
            case "char-lstm" -> new Builder(spec, space).charLstm();
            default -> throw new IllegalStateException("ModelSpec admitted an unknown architecture " + spec.architecture());
        };
    }

    static int scaled(int width, ModelSpec spec) {
        return Math.max(1, (int) Math.round(width * spec.widthMultiplier()));
    }

    /** Tracks the layer index, the current shape and the BatchNorm layers while a network is declared. */
    private static final class Builder {
        private final ModelSpec spec;
        private final ParameterSpace space;
        private final List<Layer> layers = new ArrayList<>();
        private final List<BatchNormLayer> batchNorms = new ArrayList<>();
        private boolean dropout;
        private int index;
        private long channels;
        private long height;
        private long width;

        Builder(ModelSpec spec, ParameterSpace space) {
            this.spec = spec;
            this.space = space;
        }

        private String next() {
            return Integer.toString(index++);
        }

        private Network done(boolean sequences) {
            return new Network(Layers.sequence(layers), List.copyOf(batchNorms), sequences, dropout);
        }

        /** Hidden block as DL4J's ModelZoo.hiddenBlock: the linear layer, [BatchNorm], ReLU, [dropout]. */
        private void hiddenBlock(Layer linear, long outputs, boolean allowDropout) {
            layers.add(linear);
            if (spec.batchNorm()) {
                BatchNormLayer bn = new BatchNormLayer(space, next(), outputs);
                batchNorms.add(bn);
                layers.add(bn);
            }
            layers.add(Layers.relu());
            next();
            if (allowDropout && spec.dropout() > 0) {
                layers.add(Layers.dropout(spec.dropout()));
                dropout = true;
                next();
            }
        }

        private void conv(long out, long kernel, long stride, ConvMode mode, boolean allowDropout) {
            Layers.Conv c = new Layers.Conv(space, next(), channels, out, kernel, stride, mode, height, width,
                    WeightInit.RELU);
            channels = out;
            height = c.outH;
            width = c.outW;
            hiddenBlock(c, out, allowDropout);
        }

        private void maxPool() {
            layers.add(Layers.maxPool2());
            next();
            height = height / 2;
            width = width / 2;
        }

        private void output(long in) {
            layers.add(new Layers.Dense(space, next(), in, spec.numClasses(), WeightInit.XAVIER));
        }

        private void images() {
            int[] s = spec.inputShape();
            channels = s[0];
            height = s[1];
            width = s[2];
        }

        Network mlp() {
            images();
            long in = channels * height * width;
            long w = scaled(spec.hidden(), spec);
            hiddenBlock(new Layers.Dense(space, next(), in, w, WeightInit.RELU), w, true);
            output(w);
            return done(false);
        }

        Network lenet() {
            images();
            conv(20, 5, 1, ConvMode.TRUNCATE, false);
            maxPool();
            conv(50, 5, 1, ConvMode.TRUNCATE, false);
            maxPool();
            long in = channels * height * width;
            hiddenBlock(new Layers.Dense(space, next(), in, 500, WeightInit.RELU), 500, true);
            output(500);
            return done(false);
        }

        /** All-CNN-C (Springenberg et al. 2015, Table 2), as ModelZoo.allCnnC. */
        Network allCnnC() {
            images();
            long a = scaled(96, spec);
            long b = scaled(192, spec);
            long[][] convs = { // kernel, stride, channels, dropout after?
                {3, 1, a, 0}, {3, 1, a, 0}, {3, 2, a, 1},
                {3, 1, b, 0}, {3, 1, b, 0}, {3, 2, b, 1},
                {3, 1, b, 0}, {1, 1, b, 0}, {1, 1, spec.numClasses(), 0},
            };
            for (long[] c : convs) {
                conv(c[2], c[0], c[1], ConvMode.SAME, c[3] == 1);
            }
            layers.add(Layers.globalAvgPool());
            next();
            output(channels);
            return done(false);
        }

        private BatchNormLayer bn(String name, long ch) {
            BatchNormLayer bn = new BatchNormLayer(space, name, ch);
            batchNorms.add(bn);
            return bn;
        }

        private Layers.Conv graphConv(String name, long in, long out, long kernel, long stride) {
            Layers.Conv c = new Layers.Conv(space, name, in, out, kernel, stride, ConvMode.SAME, height, width,
                    WeightInit.RELU);
            return c;
        }

        /** The CIFAR ResNets of He et al. (2016, Section 4.2), vertex names as ModelZoo.resnet. */
        Network resnet(int n) {
            images();
            long[] widths = {scaled(16, spec), scaled(32, spec), scaled(64, spec)};
            Layers.Conv stem = graphConv("stem_conv", channels, widths[0], 3, 1);
            layers.add(stem);
            layers.add(bn("stem_bn", widths[0]));
            layers.add(Layers.relu());
            channels = widths[0];
            for (int stage = 0; stage < 3; stage++) {
                for (int block = 0; block < n; block++) {
                    long stride = (stage > 0 && block == 0) ? 2 : 1;
                    String id = "s" + stage + "b" + block;
                    long out = widths[stage];
                    Layers.Conv conv1 = graphConv(id + "_conv1", channels, out, 3, stride);
                    Layer shortcut = null;
                    Layers.Conv proj = null;
                    if (stride != 1 || channels != out) {
                        proj = graphConv(id + "_proj", channels, out, 1, stride);
                    }
                    BatchNormLayer bn1 = bn(id + "_bn1", out);
                    BatchNormLayer projBn = proj == null ? null : bn(id + "_proj_bn", out);
                    long inH = height;
                    long inW = width;
                    height = conv1.outH;
                    width = conv1.outW;
                    Layers.Conv conv2 = graphConv(id + "_conv2", out, out, 3, 1);
                    BatchNormLayer bn2 = bn(id + "_bn2", out);
                    if (proj != null) {
                        shortcut = Layers.sequence(List.of(proj, projBn));
                    }
                    Layer main = Layers.sequence(List.of(conv1, bn1, Layers.relu(), conv2, bn2));
                    layers.add(Layers.residual(main, shortcut));
                    channels = out;
                    if (inH == height && inW == width && proj == null && stride != 1) {
                        throw new IllegalStateException("a strided block without projection");
                    }
                }
                if (spec.dropout() > 0) {
                    layers.add(Layers.dropout(spec.dropout()));
                    dropout = true;
                }
            }
            layers.add(Layers.globalAvgPool());
            layers.add(new Layers.Dense(space, "output", channels, spec.numClasses(), WeightInit.XAVIER));
            return done(false);
        }

        /** The character LSTM (Table V), as ModelZoo.charLstm: LSTM, [dropout], LSTM, per-step softmax output. */
        Network charLstm() {
            long vocab = spec.inputShape()[0];
            long w = scaled(spec.hidden(), spec);
            layers.add(new Layers.Lstm(space, next(), vocab, w));
            if (spec.dropout() > 0) {
                layers.add(Layers.dropout(spec.dropout()));
                dropout = true;
                next();
            }
            layers.add(new Layers.Lstm(space, next(), w, w));
            Layers.Dense out = new Layers.Dense(space, next(), w, spec.numClasses(), WeightInit.XAVIER);
            layers.add(out);
            return done(true);
        }
    }
}
