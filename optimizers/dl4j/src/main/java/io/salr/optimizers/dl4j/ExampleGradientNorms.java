package io.salr.optimizers.dl4j;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.util.ConvolutionUtils;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.ResetPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.floating.SquaredNorm;
import org.nd4j.linalg.convolution.Convolution;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The squared norms ||g_j||^2 of every example's loss gradient, read off one ordinary backward pass
 * instead of B single-example passes.
 *
 * <p><b>The identity.</b> A dense layer z = W a + b used once per example has, for example j, the weight
 * gradient a_j delta_j^T and the bias gradient delta_j, where a_j is the layer's input and
 * delta_j = dl_j/dz_j its back-propagated error; so its share of ||g_j||^2 is
 * (||a_j||^2 + 1) ||delta_j||^2. A convolution applies one kernel at every output position p, so its weight
 * gradient for example j is the sum over positions of delta_{j,p} patch_{j,p}^T (the im2col patches of
 * a_j): a [out, in*kh*kw] matrix formed per example with one batched product, whose squared Frobenius
 * norm is added, with ||sum_p delta_{j,p}||^2 for the bias. ||g_j||^2 is the sum over layers, because
 * every parameter belongs to exactly one layer.
 *
 * <p><b>Where the pieces come from.</b> DL4J computes a_j and delta_j in every backward pass but keeps
 * neither. While a norm pass runs, this class wraps the activation function of each dense and
 * convolution layer: DL4J's {@code BaseLayer.backpropGradient} and {@code ConvolutionLayer.backpropGradient}
 * (M2.1) compute {@code delta = layerConf().getActivationFn().backprop(z, epsilon)} before using it for the
 * weight gradient, so the wrapper sees delta (dL/dz, one row per example) while the layer's
 * {@code input()} holds a, as the layer's weight gradient uses it (after any input dropout). For the
 * output layer DL4J takes delta from {@code ILossFunction.computeGradient}, which
 * {@link ExampleWeightedLoss}'s observer reports. Both hooks compute the example's share at once, in a
 * workspace of their own (DL4J's are reused after the pass), and only read DL4J's arrays: the pass's loss
 * and gradient are those of an ordinary pass, bit for bit.
 *
 * <p><b>When it is exact, and when not.</b> The sum of the per-example errors is the error of the summed
 * loss only when example j's loss depends on example j's activations alone. Then delta_j =
 * d(sum_k l_k)/dz_j = dl_j/dz_j and the norms are exact. {@link #unsupportedLayer} and
 * {@link #unsupportedVertex} say where this fails or is not handled, and the model then makes B one-hot
 * passes instead:
 * <ul>
 *   <li>BatchNorm in training mode normalizes with the batch's mean and variance, so l_k depends on
 *       z_j for every k, and row j of DL4J's error is sum_k dl_k/dz_j;</li>
 *   <li>recurrent layers (LSTM) reuse their weights at every time step, so a per-example gradient is a
 *       sum over steps that is not a product of two norms, and DL4J's sequence output layers reshape
 *       [B, classes, T] into B*T rows, which are not examples;</li>
 *   <li>layers, vertices and preprocessors not listed below are not handled (not shown to be
 *       per-example), nor are layer norm, weight noise, other data formats than NCHW, and masks.</li>
 * </ul>
 * Handled: {@code DenseLayer}, {@code ConvolutionLayer} (exactly these classes), {@code OutputLayer},
 * parameter-free {@code ActivationLayer}, {@code DropoutLayer}, {@code SubsamplingLayer},
 * {@code GlobalPoolingLayer}; CNN/feed-forward reshaping preprocessors; in a ComputationGraph, layer,
 * element-wise and merge vertices, which all act on each example separately.
 */
final class ExampleGradientNorms implements AutoCloseable {

    /** Elements of the per-example weight gradients formed at once for a convolution (about 64 MB). */
    private static final long CONV_CHUNK_ELEMENTS = 8L << 20;

    /** The hooks' scratch workspace: learns its size over the first passes, as DL4J's working memory does. */
    private static final WorkspaceConfiguration WORKSPACE = WorkspaceConfiguration.builder()
            .initialSize(0)
            .overallocationLimit(0.05)
            .policyLearning(LearningPolicy.OVER_TIME)
            .cyclesBeforeInitialization(8)
            .policyReset(ResetPolicy.BLOCK_LEFT)
            .policySpill(SpillPolicy.REALLOCATE)
            .policyAllocation(AllocationPolicy.OVERALLOCATE)
            .build();
    private static final String WORKSPACE_ID = "SALR_EXAMPLE_GRADIENT_NORMS";

    private final long batchSize;
    private final double[] squared;
    /** Every hooked layer's input and error, copied out of DL4J's workspaces for the direction. */
    private final List<Stored> stored = new ArrayList<>();
    private final List<Runnable> undo = new ArrayList<>();
    private final int expectedContributions;
    private int contributions;
    private RuntimeException failure;

    private ExampleGradientNorms(long batchSize, int expectedContributions) {
        this.batchSize = batchSize;
        this.squared = new double[Math.toIntExact(batchSize)];
        this.expectedContributions = expectedContributions;
    }

    /**
     * Why the per-layer method does not apply to a layer, or null when it does. Checked once per network,
     * on the layer's configuration.
     */
    static String unsupportedLayer(org.deeplearning4j.nn.conf.layers.Layer conf) {
        String name = conf.getLayerName() + " (" + conf.getClass().getSimpleName() + ")";
        if (conf instanceof BatchNormalization) {
            return name + ": BatchNorm couples the examples of a batch (batch mean and variance), so DL4J's"
                    + " error row j is d(sum_k l_k)/dz_j, not dl_j/dz_j";
        }
        if (conf instanceof org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer || conf instanceof Bidirectional
                || conf instanceof org.deeplearning4j.nn.conf.layers.RnnOutputLayer) {
            return name + ": a recurrent layer reuses its weights at every time step (a per-example gradient"
                    + " is a sum over steps, not a product of norms) and sequence outputs have B*T rows";
        }
        Class<?> type = conf.getClass();
        if (type == DenseLayer.class || type == OutputLayer.class || type == ConvolutionLayer.class) {
            BaseLayer base = (BaseLayer) conf;
            if (base.getWeightNoise() != null) {
                return name + ": weight noise is not handled";
            }
            if (conf instanceof DenseLayer dense && dense.hasLayerNorm()) {
                return name + ": layer norm changes delta after the activation";
            }
            if (conf instanceof ConvolutionLayer conv && conv.getCnn2dDataFormat() != CNN2DFormat.NCHW) {
                return name + ": only the NCHW data format is handled";
            }
            return null;
        }
        if (type == ActivationLayer.class || type == DropoutLayer.class || type == SubsamplingLayer.class
                || type == GlobalPoolingLayer.class) {
            return null;
        }
        return name + ": not a layer type the per-example norms handle";
    }

    /** Why a preprocessor keeps the method from applying, or null (none, or a per-example reshape). */
    static String unsupportedPreprocessor(InputPreProcessor preprocessor) {
        if (preprocessor == null || preprocessor instanceof CnnToFeedForwardPreProcessor
                || preprocessor instanceof FeedForwardToCnnPreProcessor) {
            return null;
        }
        return preprocessor.getClass().getSimpleName() + ": not a per-example reshape the norms handle";
    }

    /** Why a ComputationGraph vertex keeps the method from applying, or null. */
    static String unsupportedVertex(String name, GraphVertex vertex) {
        if (vertex instanceof LayerVertex layer) {
            String p = unsupportedPreprocessor(layer.getPreProcessor());
            return p == null ? null : name + ": " + p;
        }
        if (vertex instanceof ElementWiseVertex || vertex instanceof MergeVertex) {
            return null;
        }
        return name + " (" + vertex.getClass().getSimpleName() + "): not a vertex the per-example norms handle";
    }

    /** The first reason among {@code reasons} that is not null, or null. */
    static String first(Collection<String> reasons) {
        return reasons.stream().filter(r -> r != null).findFirst().orElse(null);
    }

    /**
     * Puts the hooks in place for one pass over {@code batchSize} examples: a recording activation on
     * every dense and convolution layer of {@code layers}, and {@code outputLoss}'s observer for the
     * output layer {@code output}. The caller has checked the layers with {@link #unsupportedLayer};
     * {@link #close()} takes the hooks out.
     */
    static ExampleGradientNorms install(Layer[] layers, Layer output, ExampleWeightedLoss outputLoss, long batchSize) {
        int hooked = 0;
        for (Layer layer : layers) {
            org.deeplearning4j.nn.conf.layers.Layer conf = layer.conf().getLayer();
            if (layer == output || conf instanceof DenseLayer || conf instanceof ConvolutionLayer) {
                hooked++;
            }
        }
        ExampleGradientNorms norms = new ExampleGradientNorms(batchSize, hooked);
        try {
            for (Layer layer : layers) {
                org.deeplearning4j.nn.conf.layers.Layer conf = layer.conf().getLayer();
                if (layer == output) {
                    outputLoss.setObserver(delta -> norms.record(() -> norms.addDense(layer, delta)));
                    norms.undo.add(() -> outputLoss.setObserver(null));
                } else if (conf instanceof DenseLayer dense) {
                    norms.hook(dense, delta -> norms.addDense(layer, delta));
                } else if (conf instanceof ConvolutionLayer conv) {
                    norms.hook(conv, delta -> norms.addConvolution(layer, conv, delta));
                }
            }
        } catch (RuntimeException e) {
            norms.close();
            throw e;
        }
        return norms;
    }

    /**
     * ||g_j||^2 for every example of the pass. Fails when the pass did not report from every hooked
     * layer exactly once, or a hook failed: the norms would be incomplete. (That every layer with
     * parameters is hooked is {@link #unsupportedLayer}'s check.)
     */
    double[] squaredNorms() {
        if (failure != null) {
            throw new IllegalStateException("per-example norm hook failed", failure);
        }
        if (contributions != expectedContributions) {
            throw new IllegalStateException("the backward pass reported " + contributions
                    + " layer errors, expected one from each of the " + expectedContributions + " hooked layers");
        }
        return squared.clone();
    }

    /** Takes every hook out again. */
    @Override
    public void close() {
        for (int i = undo.size() - 1; i >= 0; i--) {
            undo.get(i).run();
        }
        undo.clear();
    }

    private void hook(BaseLayer conf, Consumer<INDArray> onDelta) {
        IActivation original = conf.getActivationFn();
        conf.setActivationFn(new RecordingActivation(original, delta -> record(() -> onDelta.accept(delta))));
        undo.add(() -> conf.setActivationFn(original));
    }

    /**
     * Runs a hook in this class's own workspace, so that its scratch arrays (the convolution patches and
     * per-example gradients are tens of MB at batch 128) reuse one block of memory from pass to pass
     * instead of waiting for the garbage collector; nothing the hook allocates outlives it (the norms
     * leave as Java arrays). Keeps the first failure for {@link #squaredNorms()}.
     */
    private void record(Runnable hook) {
        if (failure != null) {
            return;
        }
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().getAndActivateWorkspace(WORKSPACE, WORKSPACE_ID)) {
            hook.run();
            contributions++;
        } catch (RuntimeException e) {
            failure = e;
        }
    }

    /**
     * What a hooked layer saw in the pass: its input a (in the error's type) and its error delta, copies
     * that outlive DL4J's workspaces, and the convolution's configuration (null for a dense layer).
     */
    private record Stored(Layer layer, ConvolutionLayer conv, INDArray input, INDArray delta, boolean bias) {
    }

    private void keep(Layer layer, ConvolutionLayer conv, INDArray input, INDArray delta, boolean bias) {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            stored.add(new Stored(layer, conv, input.dup(), delta.dup(), bias));
        }
    }

    /** Where {@link #weightedGradients} puts a layer's weighted gradient. */
    interface GradientSink {
        /** {@code gradient} has the shape of {@code layer}'s parameter {@code key} ("W" or "b"). */
        void put(Layer layer, String key, INDArray gradient);
    }

    /**
     * sum_j w_j g_j restricted to every hooked layer's parameters, from the inputs and errors stored during
     * the pass (DESIGN, "per-example direction"): for a dense layer A^T diag(w) D and the weighted column
     * sums of D, for a convolution the same product over the im2col patches of every output position.
     * One weight-gradient product per layer, no pass. Call after {@link #squaredNorms()}.
     *
     * @param weights w_j for every example of the pass
     */
    void weightedGradients(double[] weights, GradientSink sink) {
        if (weights.length != batchSize) {
            throw new IllegalArgumentException("expected " + batchSize + " weights, got " + weights.length);
        }
        for (Stored s : stored) {
            INDArray w = Nd4j.createFromArray(weights).castTo(s.delta().dataType());
            if (s.conv() == null) {
                INDArray dw = s.delta().mulColumnVector(w.reshape(batchSize, 1));
                sink.put(s.layer(), "W", s.input().reshape(batchSize, -1).transpose().mmul(dw));
                if (s.bias()) {
                    sink.put(s.layer(), "b", dw.sum(0));
                }
            } else {
                weightedConvolution(s, w, sink);
            }
        }
    }

    /** sum_j w_j sum_p delta_{j,p} patch_{j,p}^T as W [out, C, kh, kw], and sum_j w_j sum_p delta_{j,p} as b. */
    private void weightedConvolution(Stored s, INDArray w, GradientSink sink) {
        INDArray x = s.input();
        INDArray delta = s.delta();
        DataType type = delta.dataType();
        ConvolutionLayer conf = s.conv();
        long c = x.size(1);
        long out = delta.size(1);
        int outH = (int) delta.size(2);
        int outW = (int) delta.size(3);
        int[] kernel = conf.getKernelSize();
        int[] stride = conf.getStride();
        int[] dilation = conf.getDilation();
        boolean same = conf.getConvolutionMode() == ConvolutionMode.Same;
        int[] pad = padding(conf, x, outH, outW);
        long patch = c * kernel[0] * kernel[1];
        long positions = (long) outH * outW;
        INDArray weight = Nd4j.zeros(type, out, patch);
        INDArray bias = Nd4j.zeros(type, out);
        long chunk = Math.max(1, Math.min(batchSize, CONV_CHUNK_ELEMENTS / (2 * positions * patch + positions * out)));
        for (long start = 0; start < batchSize; start += chunk) {
            long end = Math.min(batchSize, start + chunk);
            long n = end - start;
            INDArray xs = n == batchSize ? x : x.get(NDArrayIndex.interval(start, end));
            INDArray ds = n == batchSize ? delta : delta.get(NDArrayIndex.interval(start, end));
            INDArray ws = n == batchSize ? w : w.get(NDArrayIndex.interval(start, end));
            INDArray col = Nd4j.createUninitialized(type, new long[] {n, c, kernel[0], kernel[1], outH, outW}, 'c');
            Convolution.im2col(xs, kernel[0], kernel[1], stride[0], stride[1], pad[0], pad[1], dilation[0], dilation[1],
                    same, col);
            // rows (example, position) of the patches and of the weighted errors, then one product
            INDArray patches = col.reshape('c', n, patch, positions).permute(0, 2, 1).dup('c').reshape('c', n * positions, patch);
            INDArray errors = ds.reshape('c', n, out, positions).mul(ws.reshape(n, 1, 1));
            INDArray rows = errors.permute(0, 2, 1).dup('c').reshape('c', n * positions, out);
            weight.addi(rows.transpose().mmul(patches));
            if (s.bias()) {
                bias.addi(rows.sum(0));
            }
        }
        sink.put(s.layer(), "W", weight.reshape('c', out, c, kernel[0], kernel[1]));
        if (s.bias()) {
            sink.put(s.layer(), "b", bias);
        }
    }

    private static int[] padding(ConvolutionLayer conf, INDArray x, int outH, int outW) {
        boolean same = conf.getConvolutionMode() == ConvolutionMode.Same;
        return same
                ? ConvolutionUtils.getSameModeTopLeftPadding(new int[] {outH, outW},
                        new int[] {(int) x.size(2), (int) x.size(3)}, conf.getKernelSize(), conf.getStride(),
                        conf.getDilation())
                : conf.getPadding();
    }

    /** Dense or output layer: (||a_j||^2 + [bias]) * ||delta_j||^2. */
    private void addDense(Layer layer, INDArray delta) {
        INDArray input = layer.input();
        checkRows(input, delta);
        double bias = hasBias(layer) ? 1.0 : 0.0;
        // the first layer of a float64 network sees the batch's float32 features: square them in float64,
        // as the layer's own gradient does (the convolution below casts the same way)
        INDArray a2 = input.dataType() == delta.dataType() ? input : input.castTo(delta.dataType());
        keep(layer, null, a2, delta, bias != 0);
        double[] a = rowSquares(a2);
        double[] d = rowSquares(delta);
        for (int j = 0; j < squared.length; j++) {
            squared[j] += (a[j] + bias) * d[j];
        }
    }

    /**
     * Convolution: for each example, the weight gradient sum_p delta_{j,p} patch_{j,p}^T from the im2col
     * patches of its input (padding and Same mode as DL4J's own backward pass computes them), formed,
     * transposed, for a chunk of examples with one batched matrix product [n, K, P] x [n, P, out]; plus
     * the bias gradient sum_p delta_{j,p}. The squared Frobenius norm does not depend on how the K patch
     * entries are ordered, so the im2col layout [n, C, kh, kw, oh, ow], which ND4J writes fastest, is
     * taken as it is (it pairs each position with the same position of delta).
     */
    private void addConvolution(Layer layer, ConvolutionLayer conf, INDArray delta) {
        INDArray input = layer.input();
        checkRows(input, delta);
        DataType type = delta.dataType();
        INDArray x = input.dataType() == type ? input : input.castTo(type);
        keep(layer, conf, x, delta, conf.hasBias());
        long c = x.size(1);
        long out = delta.size(1);
        int outH = (int) delta.size(2);
        int outW = (int) delta.size(3);
        int[] kernel = conf.getKernelSize();
        int[] stride = conf.getStride();
        int[] dilation = conf.getDilation();
        boolean same = conf.getConvolutionMode() == ConvolutionMode.Same;
        int[] pad = padding(conf, x, outH, outW);
        long patch = c * kernel[0] * kernel[1];
        long positions = (long) outH * outW;
        boolean bias = conf.hasBias();
        long chunk = Math.max(1, Math.min(batchSize, CONV_CHUNK_ELEMENTS / (out * patch + positions * patch)));
        for (long start = 0; start < batchSize; start += chunk) {
            long end = Math.min(batchSize, start + chunk);
            long n = end - start;
            INDArray xs = n == batchSize ? x : x.get(NDArrayIndex.interval(start, end));
            INDArray ds = n == batchSize ? delta : delta.get(NDArrayIndex.interval(start, end));
            INDArray col = Nd4j.createUninitialized(type, new long[] {n, c, kernel[0], kernel[1], outH, outW}, 'c');
            Convolution.im2col(xs, kernel[0], kernel[1], stride[0], stride[1], pad[0], pad[1], dilation[0], dilation[1],
                    same, col);
            INDArray patches = col.reshape('c', n, patch, positions);
            INDArray errors = ds.reshape('c', n, out, positions);
            INDArray perExample = Nd4j.matmul(patches, errors, false, true, false);
            double[] w = squaredNorms(perExample, 1, 2);
            double[] b = bias ? squaredNorms(errors.sum(2), 1) : new double[(int) n];
            for (int j = 0; j < n; j++) {
                squared[(int) start + j] += w[j] + b[j];
            }
        }
    }

    private static boolean hasBias(Layer layer) {
        org.deeplearning4j.nn.conf.layers.Layer conf = layer.conf().getLayer();
        return conf instanceof DenseLayer dense ? dense.hasBias()
                : ((org.deeplearning4j.nn.conf.layers.BaseOutputLayer) conf).hasBias();
    }

    private void checkRows(INDArray input, INDArray delta) {
        if (input == null || input.size(0) != batchSize || delta.size(0) != batchSize) {
            throw new IllegalStateException("expected " + batchSize + " examples, got input "
                    + (input == null ? "null" : java.util.Arrays.toString(input.shape()))
                    + " and error " + java.util.Arrays.toString(delta.shape()));
        }
    }

    /** sum_k x[j, ...]^2 for every row j, in float64. */
    private static double[] rowSquares(INDArray x) {
        int[] rest = new int[x.rank() - 1];
        for (int i = 0; i < rest.length; i++) {
            rest[i] = i + 1;
        }
        return squaredNorms(x, rest);
    }

    /** ND4J's squared-norm reduction of {@code x} along {@code dimensions}, as float64 values. */
    private static double[] squaredNorms(INDArray x, int... dimensions) {
        return Nd4j.getExecutioner().exec(new SquaredNorm(x, null, false, dimensions)).castTo(DataType.DOUBLE).toDoubleVector();
    }

    /**
     * An activation function that behaves as the one it wraps and shows the error its backward step
     * returns (dL/dz, the layer's delta) to a hook.
     */
    private static final class RecordingActivation implements IActivation {

        private static final long serialVersionUID = 1L;

        private final IActivation base;
        private final transient Consumer<INDArray> onDelta;

        RecordingActivation(IActivation base, Consumer<INDArray> onDelta) {
            this.base = base;
            this.onDelta = onDelta;
        }

        @Override
        public INDArray getActivation(INDArray in, boolean training) {
            return base.getActivation(in, training);
        }

        @Override
        public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
            Pair<INDArray, INDArray> result = base.backprop(in, epsilon);
            onDelta.accept(result.getFirst());
            return result;
        }

        @Override
        public int numParams(int inputSize) {
            return base.numParams(inputSize);
        }

        @Override
        public String toString() {
            return base.toString();
        }
    }
}
