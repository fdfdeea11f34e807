package io.salr.optimizers.torch;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * The layers of the zoo. Each declares its parameters in a {@link ParameterSpace} when it is made, with
 * DL4J's names, shapes, order and initialization scheme, and computes with ATen's functional operators.
 *
 * <p>Initialization (DL4J 1.0.0-M2.1, {@code org.deeplearning4j.nn.weights}): {@code WeightInitRelu} draws
 * N(0, 2/fanIn), {@code WeightInitXavier} N(0, 2/(fanIn + fanOut)); biases are 0. Fan-in and fan-out as
 * DL4J's parameter initializers define them: a dense layer nIn and nOut ({@code DefaultParamInitializer});
 * a convolution nIn*k*k and nOut*k*k/(stride*stride) ({@code ConvolutionParamInitializer}); an LSTM
 * nOut and nIn + nOut for both weight matrices ({@code LSTMParamInitializer}), with the forget-gate biases
 * set to 1 (DL4J's default {@code forgetGateBiasInit}).
 */
final class Layers {

    private Layers() {
    }

    /** DL4J's two weight-initialization schemes used by the zoo. */
    enum WeightInit {
        /** He et al. (2015): N(0, 2/fanIn). */
        RELU,
        /** Glorot and Bengio (2010) as DL4J implements it: N(0, 2/(fanIn + fanOut)). */
        XAVIER;

        double std(double fanIn, double fanOut) {
            return this == RELU ? Math.sqrt(2.0 / fanIn) : Math.sqrt(2.0 / (fanIn + fanOut));
        }
    }

    /** A fully connected layer (DL4J DenseLayer or OutputLayer, identity activation): W [out, in], b [out]. */
    static final class Dense implements Layer {
        private final int w;
        private final int b;

        /**
         * DL4J stores W as [nIn, nOut] in 'f' order, which is entry for entry the row-major [nOut, nIn]
         * matrix LibTorch's {@code linear} takes: the flat vectors of both engines coincide.
         */
        Dense(ParameterSpace space, String name, long in, long out, WeightInit init) {
            this.w = space.add(name, "W", new long[] {out, in}, true, ParameterSpace.normal(init.std(in, out)));
            this.b = space.add(name, "b", new long[] {out}, true, ParameterSpace.constant(0.0));
        }

        @Override
        public Tensor forward(Tensor x, Pass pass) {
            // [B, C, H, W] inputs are flattened in C order, as DL4J's CnnToFeedForwardPreProcessor does;
            // [B, T, H] sequences go through step by step (the per-step output layer).
            Tensor in = x.dim() == 4 ? x.flatten(1, -1) : x;
            Tensor y = torch.linear(in, pass.param(w), new TensorOptional(pass.param(b)));
            if (pass.taps != null) {
                pass.taps.add(new Tap.Dense(in, y, w, b));
            }
            return y;
        }
    }

    /** DL4J's two convolution modes used by the zoo. */
    enum ConvMode {
        /** Output floor((in - k)/s) + 1, no padding (DL4J ConvolutionMode.Truncate). */
        TRUNCATE,
        /**
         * Output ceil(in/s), zero padding with floor(total/2) at the top and left and the rest at the bottom
         * and right (DL4J ConvolutionMode.Same; {@code ConvolutionUtils.getSameModeTopLeftPadding}).
         */
        SAME
    }

    /** Output size and padding of one spatial dimension. */
    record Geometry(long out, long padBefore, long padAfter) {
        static Geometry of(long in, long kernel, long stride, ConvMode mode) {
            if (mode == ConvMode.TRUNCATE) {
                if (in < kernel) {
                    throw new io.salr.validation.InvalidParameterException("inputShape", in,
                            "is too small: a layer sees " + in + " pixels across, less than its kernel " + kernel);
                }
                return new Geometry((in - kernel) / stride + 1, 0, 0);
            }
            long out = (in + stride - 1) / stride;
            long total = (out - 1) * stride + kernel - in;
            long before = total / 2; // Java truncation, as DL4J's int arithmetic
            long after = Math.max(0, total - before);
            return new Geometry(out, before, after);
        }
    }

    /** A 2-D convolution (DL4J ConvolutionLayer, identity activation): b [out], then W [out, in, k, k]. */
    static final class Conv implements Layer {
        private final int w;
        private final int b;
        private final long kernel;
        private final long stride;
        private final Geometry gh;
        private final Geometry gw;
        final long outH;
        final long outW;

        Conv(ParameterSpace space, String name, long in, long out, long kernel, long stride, ConvMode mode,
                long inH, long inW, WeightInit init) {
            double fanIn = in * kernel * kernel;
            double fanOut = out * kernel * kernel / (double) (stride * stride);
            this.b = space.add(name, "b", new long[] {out}, true, ParameterSpace.constant(0.0));
            this.w = space.add(name, "W", new long[] {out, in, kernel, kernel}, true,
                    ParameterSpace.normal(init.std(fanIn, fanOut)));
            this.kernel = kernel;
            this.stride = stride;
            this.gh = Geometry.of(inH, kernel, stride, mode);
            this.gw = Geometry.of(inW, kernel, stride, mode);
            this.outH = gh.out();
            this.outW = gw.out();
        }

        @Override
        public Tensor forward(Tensor x, Pass pass) {
            boolean symmetric = gh.padBefore() == gh.padAfter() && gw.padBefore() == gw.padAfter()
                    && gh.padBefore() == gw.padBefore();
            Tensor in = x;
            long pad = gh.padBefore();
            if (!symmetric) {
                in = torch.constant_pad_nd(x, gw.padBefore(), gw.padAfter(), gh.padBefore(), gh.padAfter());
                pad = 0;
            }
            Tensor y = torch.conv2d(in, pass.param(w), new TensorOptional(pass.param(b)),
                    new long[] {stride, stride}, new long[] {pad, pad}, new long[] {1, 1}, 1);
            if (pass.taps != null) {
                pass.taps.add(new Tap.Conv(in, y, kernel, stride, pad, w, b));
            }
            return y;
        }
    }

    /** ReLU (DL4J ActivationLayer with Activation.RELU). */
    static Layer relu() {
        return (x, pass) -> torch.relu(x);
    }

    /**
     * Inverted dropout (DL4J DropoutLayer): in training mode each activation is kept with probability
     * 1 - p and scaled by 1/(1 - p). The mask is drawn on the CPU from the pass's generator (so the same
     * seed gives the same mask on every device) and moved to the activation's device.
     */
    static Layer dropout(double p) {
        double keep = 1.0 - p;
        return (x, pass) -> {
            if (!pass.training || pass.dropout == null || p == 0.0) {
                return x;
            }
            Tensor mask = torch.empty(x.sizes().vec().get(), new org.bytedeco.pytorch.TensorOptions(x.scalar_type()),
                    new org.bytedeco.pytorch.MemoryFormatOptional())
                    .bernoulli_(keep, new org.bytedeco.pytorch.GeneratorOptional(pass.dropout));
            mask.div_(new Scalar(keep));
            return x.mul(mask.to(x.device(), x.scalar_type()));
        };
    }

    /** 2x2 max pooling with stride 2, truncating (DL4J SubsamplingLayer MAX in Truncate mode). */
    static Layer maxPool2() {
        return (x, pass) -> torch.max_pool2d(x, new long[] {2, 2}, new long[] {2, 2}, new long[] {0, 0},
                new long[] {1, 1}, false);
    }

    /** Global average pooling over height and width (DL4J GlobalPoolingLayer AVG): [B, C, H, W] to [B, C]. */
    static Layer globalAvgPool() {
        return (x, pass) -> x.mean(2, 3);
    }

    /** Layers applied one after another. */
    static Sequence sequence(List<Layer> layers) {
        return new Sequence(layers);
    }

    /** Layers applied one after another. */
    record Sequence(List<Layer> layers) implements Layer {
        Sequence {
            layers = List.copyOf(layers);
        }

        @Override
        public Tensor forward(Tensor x, Pass pass) {
            Tensor y = x;
            for (Layer l : layers) {
                y = l.forward(y, pass);
            }
            return y;
        }
    }

    /**
     * A residual block (DL4J ElementWiseVertex Add, then ReLU): relu(main(x) + shortcut(x)), the shortcut
     * being the identity or a projection.
     */
    static Layer residual(Layer main, Layer shortcut) {
        return (x, pass) -> torch.relu(main.forward(x, pass).add(shortcut == null ? x : shortcut.forward(x, pass)));
    }

    /**
     * DL4J's LSTM layer (no peepholes): gate pre-activations z_t = W x_t + RW h_{t-1} + b in four blocks
     * of width H in DL4J's order (block input a with tanh, forget gate f, output gate o, input gate g,
     * the gates with sigmoid; {@code LSTMHelpers.activateHelper}), c_t = f c_{t-1} + g a and
     * h_t = o tanh(c_t), starting from zero state. W is DL4J's [nIn, 4H] 'f'-order matrix, i.e. a row-major
     * [4H, nIn]; RW likewise [4H, H].
     */
    static final class Lstm implements Layer {
        private final int w;
        private final int rw;
        private final int b;
        private final long hidden;

        Lstm(ParameterSpace space, String name, long in, long hidden) {
            double std = WeightInit.XAVIER.std(hidden, in + hidden);
            this.w = space.add(name, "W", new long[] {4 * hidden, in}, true, ParameterSpace.normal(std));
            this.rw = space.add(name, "RW", new long[] {4 * hidden, hidden}, true, ParameterSpace.normal(std));
            this.b = space.add(name, "b", new long[] {4 * hidden}, true, (v, g) -> {
                for (int i = 0; i < v.length; i++) {
                    v[i] = (i >= hidden && i < 2 * hidden) ? 1.0 : 0.0;
                }
            });
            this.hidden = hidden;
        }

        @Override
        public Tensor forward(Tensor x, Pass pass) {
            long batch = x.size(0);
            long steps = x.size(1);
            Tensor projected = torch.linear(x, pass.param(w), new TensorOptional(pass.param(b))); // [B, T, 4H]
            org.bytedeco.pytorch.TensorOptions options = new org.bytedeco.pytorch.TensorOptions(x.scalar_type())
                    .device(new org.bytedeco.pytorch.DeviceOptional(x.device()));
            Tensor h = torch.zeros(new long[] {batch, hidden}, options);
            Tensor c = torch.zeros(new long[] {batch, hidden}, options);
            Tensor recurrent = pass.param(rw);
            List<Tensor> outputs = new ArrayList<>();
            List<Tensor> previous = pass.taps == null ? null : new ArrayList<>();
            List<Tensor> gates = pass.taps == null ? null : new ArrayList<>();
            for (long t = 0; t < steps; t++) {
                Tensor z = projected.select(1, t).add(torch.linear(h, recurrent));
                if (gates != null) {
                    previous.add(h);
                    gates.add(z);
                }
                TensorVector blocks = z.chunk(4, 1);
                Tensor a = blocks.get(0).tanh();
                Tensor f = blocks.get(1).sigmoid();
                Tensor o = blocks.get(2).sigmoid();
                Tensor g = blocks.get(3).sigmoid();
                c = f.mul(c).add(g.mul(a));
                h = o.mul(c.tanh());
                outputs.add(h);
            }
            if (gates != null) {
                pass.taps.add(new Tap.Lstm(x, previous, gates, w, rw, b));
            }
            return torch.stack(new TensorVector(outputs.toArray(new Tensor[0])), 1);
        }
    }
}
