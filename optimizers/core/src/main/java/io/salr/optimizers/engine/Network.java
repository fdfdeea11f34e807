package io.salr.optimizers.engine;

import io.salr.validation.Checks;
import io.salr.validation.InvalidParameterException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * The networks of the paper's experiments and the facts a run needs about each before any engine builds it
 * (AlgoPerf's workload owns its facts; STYLE rule 14): the input it reads, its parameter count and
 * multiply-adds for a given {@link ModelSpec}, its layer kinds, whether BatchNorm couples the examples of a
 * batch, and so the route and cost of Algorithm 2's per-example direction on an engine. The
 * {@link Catalogue} maps the names of run specs to these constants; engines register a builder for each.
 *
 * <p>The counts follow the builders of both engines (the DL4J zoo and the torch zoo declare the same layers
 * and the same flat parameter layout): dense and convolution layers have a bias; a BatchNorm layer holds four
 * numbers per channel in the flat vector (scale, shift, running mean, running variance); an LSTM layer of
 * width w on n inputs holds 4w(n + w + 1) (no peepholes). Widths are the published ones scaled by the width
 * multiplier, rounded, at least 1. A test checks every count against the networks the engines build.
 */
public enum Network {

    /** One hidden dense layer of {@code hidden} units on the flattened image, then the softmax layer. */
    MLP("mlp", HostBatch.Kind.IMAGES, 1, BatchNorm.OPTIONAL, true, 1, EnumSet.of(LayerKind.DENSE)) {
        @Override
        long parameterCount(ModelSpec s) {
            long in = pixels(s);
            long w = scaled(s.hidden(), s);
            return dense(in, w) + bn(s, w) + dense(w, s.numClasses());
        }

        @Override
        long multiplyAdds(ModelSpec s) {
            long w = scaled(s.hidden(), s);
            return pixels(s) * w + w * s.numClasses();
        }
    },

    /**
     * LeNet-5 as in Caffe's MNIST example: 5x5 convolutions with 20 and 50 channels (no padding), each
     * followed by 2x2 max pooling, a dense layer of 500 units and the softmax layer.
     */
    LENET("lenet", HostBatch.Kind.IMAGES, 12, BatchNorm.OPTIONAL, false, 2, EnumSet.of(LayerKind.CONVOLUTION, LayerKind.DENSE)) {
        @Override
        long parameterCount(ModelSpec s) {
            int c = s.inputShape()[0];
            return conv(5, c, 20) + bn(s, 20) + conv(5, 20, 50) + bn(s, 50) + dense(flatAfterConvs(s), 500) + bn(s, 500)
                    + dense(500, s.numClasses());
        }

        @Override
        long multiplyAdds(ModelSpec s) {
            int[] in = s.inputShape();
            long h1 = in[1] - 4;
            long w1 = in[2] - 4;
            long h2 = h1 / 2 - 4;
            long w2 = w1 / 2 - 4;
            return 25L * in[0] * 20 * h1 * w1 + 25L * 20 * 50 * h2 * w2 + flatAfterConvs(s) * 500 + 500L * s.numClasses();
        }

        private long flatAfterConvs(ModelSpec s) {
            int[] in = s.inputShape();
            long h = ((in[1] - 4) / 2 - 4) / 2;
            long w = ((in[2] - 4) / 2 - 4) / 2;
            return 50L * h * w;
        }
    },

    /**
     * All-CNN-C (Springenberg et al. 2015, Table 2): nine convolutions with 96 and 192 channels (scaled),
     * two of them of stride 2, all with "same" padding, global average pooling and the softmax layer.
     */
    ALL_CNN_C("allcnn-c", HostBatch.Kind.IMAGES, 1, BatchNorm.OPTIONAL, false, 2,
            EnumSet.of(LayerKind.CONVOLUTION, LayerKind.DENSE)) {
        @Override
        long parameterCount(ModelSpec s) {
            long total = 0;
            long in = s.inputShape()[0];
            for (long[] c : allCnnLayers(s)) {
                total += conv(c[0], in, c[2]) + bn(s, c[2]);
                in = c[2];
            }
            return total + dense(s.numClasses(), s.numClasses());
        }

        @Override
        long multiplyAdds(ModelSpec s) {
            long total = 0;
            long in = s.inputShape()[0];
            long h = s.inputShape()[1];
            long w = s.inputShape()[2];
            for (long[] c : allCnnLayers(s)) {
                h = ceilDiv(h, c[1]);
                w = ceilDiv(w, c[1]);
                total += c[0] * c[0] * in * c[2] * h * w;
                in = c[2];
            }
            return total + (long) s.numClasses() * s.numClasses();
        }
    },

    /** ResNet-20 for CIFAR (He et al. 2016, Section 4.2): three stages of 3 basic blocks. */
    RESNET20("resnet20", HostBatch.Kind.IMAGES, 1, BatchNorm.ALWAYS, false, 2, EnumSet.of(LayerKind.CONVOLUTION, LayerKind.DENSE)) {
        @Override
        long parameterCount(ModelSpec s) {
            return resnetParameters(s, 3);
        }

        @Override
        long multiplyAdds(ModelSpec s) {
            return resnetMultiplyAdds(s, 3);
        }
    },

    /** ResNet-32 for CIFAR: three stages of 5 basic blocks. */
    RESNET32("resnet32", HostBatch.Kind.IMAGES, 1, BatchNorm.ALWAYS, false, 2, EnumSet.of(LayerKind.CONVOLUTION, LayerKind.DENSE)) {
        @Override
        long parameterCount(ModelSpec s) {
            return resnetParameters(s, 5);
        }

        @Override
        long multiplyAdds(ModelSpec s) {
            return resnetMultiplyAdds(s, 5);
        }
    },

    /** The character LSTM of Table V: two LSTM layers of {@code hidden} units and a softmax at every step. */
    CHAR_LSTM("char-lstm", HostBatch.Kind.SEQUENCES, 1, BatchNorm.NEVER, false, 2,
            EnumSet.of(LayerKind.RECURRENT, LayerKind.DENSE)) {
        @Override
        long parameterCount(ModelSpec s) {
            long vocab = s.inputShape()[0];
            long w = scaled(s.hidden(), s);
            return lstm(vocab, w) + lstm(w, w) + dense(w, s.numClasses());
        }

        /** Per example: every time step runs both LSTM layers and the output layer. */
        @Override
        long multiplyAdds(ModelSpec s) {
            long vocab = s.inputShape()[0];
            long steps = s.inputShape()[1];
            long w = scaled(s.hidden(), s);
            return steps * (4 * w * (vocab + w) + 4 * w * (w + w) + w * s.numClasses());
        }
    };

    /** Where a network has BatchNorm layers. */
    private enum BatchNorm {
        /** After each hidden layer when the options ask for it. */
        OPTIONAL,
        /** Always, as part of the architecture. */
        ALWAYS,
        /** Never: the options' BatchNorm flag is ignored. */
        NEVER
    }

    private final String label;
    private final HostBatch.Kind input;
    private final int minimumImageSide;
    private final BatchNorm batchNorm;
    private final boolean flatInput;
    private final int defaultThreads;
    private final Set<LayerKind> layers;

    Network(String label, HostBatch.Kind input, int minimumImageSide, BatchNorm batchNorm, boolean flatInput,
            int defaultThreads, Set<LayerKind> layers) {
        this.label = label;
        this.input = input;
        this.minimumImageSide = minimumImageSide;
        this.batchNorm = batchNorm;
        this.flatInput = flatInput;
        this.defaultThreads = defaultThreads;
        this.layers = Set.copyOf(layers);
    }

    /** The name in run specs, sweep specs and on the command line. */
    public String label() {
        return label;
    }

    /** What the network reads: images (channels, height, width) or sequences (vocabulary size, length). */
    public HostBatch.Kind input() {
        return input;
    }

    /** Whether the network reads an image as one flat vector (a dense first layer) rather than as channels. */
    public boolean flatInput() {
        return flatInput;
    }

    /** The kinds of layers with parameters the network has (BatchNorm aside). */
    public Set<LayerKind> layers() {
        return layers;
    }

    /**
     * Checks an input shape for this network: three dimensions for images (channels, height, width), two for
     * sequences (vocabulary size, length), every one at least 1, and images at least as large as the
     * network's convolutions and poolings need.
     *
     * @throws InvalidParameterException naming {@code inputShape}, the shape and what is wrong
     */
    public void checkInputShape(int[] shape) {
        Checks.present("inputShape", shape);
        int rank = input == HostBatch.Kind.SEQUENCES ? 2 : 3;
        if (shape.length != rank) {
            throw new InvalidParameterException("inputShape", Arrays.toString(shape),
                    "must have " + rank + " dimensions for " + label);
        }
        for (int d : shape) {
            Checks.atLeast("inputShape", d, 1);
        }
        if (input == HostBatch.Kind.IMAGES && (shape[1] < minimumImageSide || shape[2] < minimumImageSide)) {
            throw new InvalidParameterException("inputShape", Arrays.toString(shape), "must be at least "
                    + minimumImageSide + "x" + minimumImageSide + " for " + label + " (two 5x5 convolutions and two 2x2 poolings)");
        }
    }

    /**
     * Whether BatchNorm couples the examples of a batch (an example's gradient then depends on the others):
     * when the options ask for BatchNorm on a network that places it after its hidden layers, and always for the
     * ResNets, where it is part of the architecture. The character LSTM has no BatchNorm, whatever the options say.
     */
    public boolean coupledByBatchNorm(boolean batchNormOption) {
        return batchNorm == BatchNorm.ALWAYS || batchNorm == BatchNorm.OPTIONAL && batchNormOption;
    }

    /**
     * The route of Algorithm 2's per-example direction on an engine whose one-pass norms cover
     * {@code onePassLayers}: one pass when no BatchNorm couples the examples and the engine covers every layer
     * kind of the network, else one pass per example.
     */
    public PerExampleRoute perExampleRoute(boolean batchNormOption, Set<LayerKind> onePassLayers) {
        Checks.present("onePassLayers", onePassLayers);
        return !coupledByBatchNorm(batchNormOption) && onePassLayers.containsAll(layers)
                ? PerExampleRoute.ONE_PASS : PerExampleRoute.PASS_PER_EXAMPLE;
    }

    /**
     * The intra-op threads a run of this network computes with unless its spec says otherwise: 1 for the MLP
     * (its layers are too small for a second thread to pay: two one-thread runs on two cores do more work than
     * one two-thread run), 2 for the convolutional and recurrent networks.
     */
    public int defaultThreads() {
        return defaultThreads;
    }

    /** Numbers in the flat parameter vector of {@code spec}'s network, BatchNorm's running statistics included. */
    public long parameters(ModelSpec spec) {
        requireOwn(spec);
        return parameterCount(spec);
    }

    /**
     * Multiply-adds of one example's forward pass through the convolutions, dense and recurrent layers of
     * {@code spec}'s network (weights times inputs; biases, activations, pooling, BatchNorm and the loss left
     * out). A training step costs about three times this per example (forward, input gradient, weight gradient).
     */
    public long forwardMultiplyAdds(ModelSpec spec) {
        requireOwn(spec);
        return multiplyAdds(spec);
    }

    abstract long parameterCount(ModelSpec spec);

    abstract long multiplyAdds(ModelSpec spec);

    private void requireOwn(ModelSpec spec) {
        Checks.present("spec", spec);
        if (spec.network() != this) {
            throw new InvalidParameterException("spec", spec.architecture(), "must describe " + label);
        }
    }

    static long scaled(int width, ModelSpec s) {
        return Math.max(1, Math.round(width * s.widthMultiplier()));
    }

    private static long pixels(ModelSpec s) {
        int[] in = s.inputShape();
        return (long) in[0] * in[1] * in[2];
    }

    private static long dense(long in, long out) {
        return in * out + out;
    }

    private static long conv(long kernel, long in, long out) {
        return kernel * kernel * in * out + out;
    }

    private static long lstm(long in, long width) {
        return 4 * width * (in + width + 1);
    }

    /** BatchNorm's four numbers per channel when the spec asks for it. */
    private static long bn(ModelSpec s, long channels) {
        return s.batchNorm() ? 4 * channels : 0;
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    /** All-CNN-C's convolutions as {kernel, stride, channels}. */
    private static long[][] allCnnLayers(ModelSpec s) {
        long a = scaled(96, s);
        long b = scaled(192, s);
        return new long[][] {
            {3, 1, a}, {3, 1, a}, {3, 2, a},
            {3, 1, b}, {3, 1, b}, {3, 2, b},
            {3, 1, b}, {1, 1, b}, {1, 1, s.numClasses()},
        };
    }

    private static long resnetParameters(ModelSpec s, int blocks) {
        long[] widths = {scaled(16, s), scaled(32, s), scaled(64, s)};
        long total = conv(3, s.inputShape()[0], widths[0]) + 4 * widths[0];
        long in = widths[0];
        for (int stage = 0; stage < 3; stage++) {
            long w = widths[stage];
            for (int block = 0; block < blocks; block++) {
                total += conv(3, in, w) + 4 * w + conv(3, w, w) + 4 * w;
                boolean strided = stage > 0 && block == 0;
                if (strided || in != w) {
                    total += conv(1, in, w) + 4 * w;
                }
                in = w;
            }
        }
        return total + dense(widths[2], s.numClasses());
    }

    private static long resnetMultiplyAdds(ModelSpec s, int blocks) {
        long[] widths = {scaled(16, s), scaled(32, s), scaled(64, s)};
        long h = s.inputShape()[1];
        long w = s.inputShape()[2];
        long total = 9L * s.inputShape()[0] * widths[0] * h * w;
        long in = widths[0];
        for (int stage = 0; stage < 3; stage++) {
            long out = widths[stage];
            for (int block = 0; block < blocks; block++) {
                boolean strided = stage > 0 && block == 0;
                if (strided) {
                    h = ceilDiv(h, 2);
                    w = ceilDiv(w, 2);
                }
                total += 9 * in * out * h * w + 9 * out * out * h * w;
                if (strided || in != out) {
                    total += in * out * h * w;
                }
                in = out;
            }
        }
        return total + widths[2] * s.numClasses();
    }
}
