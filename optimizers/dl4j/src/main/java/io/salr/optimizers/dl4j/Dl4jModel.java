package io.salr.optimizers.dl4j;

import io.salr.optimizers.engine.Batch;
import io.salr.optimizers.engine.FlatVector;
import io.salr.optimizers.engine.HostBatch;
import io.salr.optimizers.engine.LossGradient;
import io.salr.optimizers.engine.NormalizedGradient;
import io.salr.optimizers.engine.ParameterBlock;
import io.salr.optimizers.engine.Predictions;
import io.salr.optimizers.engine.StatisticsUpdate;
import io.salr.optimizers.engine.TrainableModel;
import io.salr.optimizers.meter.GradientMeter;
import io.salr.validation.Checks;
import io.salr.validation.InvalidParameterException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A DL4J network as a {@link TrainableModel}: the objective of Section V, eq. (3), the mean over a batch
 * of per-example losses (for sequence outputs, the mean over examples and time steps), as a function of
 * the flat parameter vector. One class serves {@code MultiLayerNetwork} and {@code ComputationGraph}
 * (single input, single output); every pass is counted by the model's {@link GradientMeter}.
 *
 * <p><b>DL4J's sums.</b> {@code computeGradientAndScore()} gives the gradient summed over the batch (and,
 * for sequence outputs, over time steps) while the score is the mean; this class divides, so every
 * gradient, step and probe is at the paper's scale.
 *
 * <p><b>BatchNorm.</b> DL4J keeps the running mean and variance inside the parameter vector, and the
 * flattened gradient holds, at those positions, what its own {@code fit()} subtracts from them. The
 * trainable mask is 0 there; a pass returns that amount as the {@link StatisticsUpdate}, applied only by
 * a training step ({@link #applyStatistics}), so probes and perturbations leave the statistics alone.
 *
 * <p><b>Algorithm 2's direction.</b> {@link #perExampleNormalizedGradient} costs one pass where the
 * per-example gradient norms can be read off one ordinary pass ({@link ExampleGradientNorms}: dense,
 * convolution, pooling, activation and dropout layers) and B passes where they cannot (BatchNorm,
 * recurrent layers, sequence outputs); {@link #exactNormsUnavailable} says which and why.
 *
 * <p>Networks must be configured without DL4J regularization (l1, l2, weight decay): the methods apply
 * weight decay themselves, and DL4J's would otherwise be added to every loss and probe. Such networks are
 * refused when wrapped.
 */
public abstract sealed class Dl4jModel implements TrainableModel permits MultiLayerNetworkModel, ComputationGraphModel {

    /** How image features are laid out in the network's input. */
    public enum FeatureLayout {
        /** [batch, channels, height, width], for convolutional networks. */
        NCHW,
        /** [batch, channels * height * width] in C order, for multilayer perceptrons. */
        FLAT
    }

    private final GradientMeter meter;
    private final List<ParameterBlock> layout;
    private final List<BatchNormalization> batchNormLayers;
    private final INDArray trainableMask;
    private final INDArray statisticsMask;
    private final long numParams;
    private final DataType dataType;
    private final FeatureLayout featureLayout;
    private Long lastStochasticSeed;
    /** Why the per-example norms cannot come from one pass for this network, or null when they can. */
    private final String structureBlocker;

    Dl4jModel(GradientMeter meter, INDArray flatParams, Layer[] layers, List<String> layerNames,
            FeatureLayout featureLayout, String structureBlocker) {
        this.meter = Checks.present("meter", meter);
        this.structureBlocker = structureBlocker;
        this.featureLayout = Checks.present("featureLayout", featureLayout);
        this.numParams = flatParams.length();
        this.dataType = flatParams.dataType();
        this.layout = buildLayout(flatParams, layers, layerNames);
        this.batchNormLayers = new ArrayList<>();
        for (Layer layer : layers) {
            org.deeplearning4j.nn.conf.layers.Layer conf = layer.conf().getLayer();
            rejectRegularization(conf);
            if (conf instanceof BatchNormalization bn) {
                batchNormLayers.add(bn);
            }
        }
        this.trainableMask = Nd4j.zeros(dataType, numParams);
        for (ParameterBlock block : layout) {
            if (block.trainable()) {
                trainableMask.get(NDArrayIndex.interval(block.offset(), block.offset() + block.length())).assign(1.0);
            }
        }
        this.statisticsMask = trainableMask.rsub(1.0);
    }

    /**
     * A model of an initialized MultiLayerNetwork counting its passes on {@code meter}. Image batches are
     * flattened when the first layer is a dense layer without an input preprocessor, else kept as NCHW.
     */
    public static Dl4jModel of(MultiLayerNetwork network, GradientMeter meter) {
        return new MultiLayerNetworkModel(network, meter, MultiLayerNetworkModel.naturalLayout(network));
    }

    /** A model of an initialized MultiLayerNetwork with the given input layout. */
    public static Dl4jModel of(MultiLayerNetwork network, GradientMeter meter, FeatureLayout layout) {
        return new MultiLayerNetworkModel(network, meter, layout);
    }

    /** A model of an initialized single-input, single-output ComputationGraph (NCHW image input). */
    public static Dl4jModel of(ComputationGraph graph, GradientMeter meter) {
        return new ComputationGraphModel(graph, meter, FeatureLayout.NCHW);
    }

    /** A model of an initialized network of either kind. */
    public static Dl4jModel of(org.deeplearning4j.nn.api.Model network, GradientMeter meter) {
        if (network instanceof MultiLayerNetwork mln) {
            return of(mln, meter);
        }
        if (network instanceof ComputationGraph cg) {
            return of(cg, meter);
        }
        throw new InvalidParameterException("network", network == null ? "null" : network.getClass().getName(),
                "must be a MultiLayerNetwork or a ComputationGraph");
    }

    private static List<ParameterBlock> buildLayout(INDArray flat, Layer[] layers, List<String> names) {
        List<ParameterBlock> blocks = new ArrayList<>();
        for (int i = 0; i < layers.length; i++) {
            boolean batchNorm = layers[i].conf().getLayer() instanceof BatchNormalization;
            for (Map.Entry<String, INDArray> e : layers[i].paramTable().entrySet()) {
                INDArray view = e.getValue();
                if (bufferAddress(view) != bufferAddress(flat)) {
                    throw new IllegalStateException("parameter " + names.get(i) + "_" + e.getKey()
                            + " is not a view of the flat parameter vector");
                }
                boolean statistic = batchNorm && isRunningStatistic(e.getKey());
                blocks.add(new ParameterBlock(names.get(i), e.getKey(), view.offset() - flat.offset(),
                        view.length(), !statistic));
            }
        }
        blocks.sort(Comparator.comparingLong(ParameterBlock::offset));
        long next = 0;
        for (ParameterBlock block : blocks) {
            if (block.offset() != next) {
                throw new IllegalStateException("parameter layout has a gap or overlap at " + block);
            }
            next += block.length();
        }
        if (next != flat.length()) {
            throw new IllegalStateException("parameter layout covers " + next + " of " + flat.length() + " entries");
        }
        return List.copyOf(blocks);
    }

    private static long bufferAddress(INDArray array) {
        DataBuffer buffer = array.data();
        return buffer.originalDataBuffer() != null ? buffer.originalDataBuffer().address() : buffer.address();
    }

    private static boolean isRunningStatistic(String key) {
        return key.equals(BatchNormalizationParamInitializer.GLOBAL_MEAN)
                || key.equals(BatchNormalizationParamInitializer.GLOBAL_VAR)
                || key.equals(BatchNormalizationParamInitializer.GLOBAL_LOG_STD);
    }

    private static void rejectRegularization(org.deeplearning4j.nn.conf.layers.Layer conf) {
        if (conf instanceof BaseLayer base) {
            boolean weights = base.getRegularization() != null && !base.getRegularization().isEmpty();
            boolean biases = base.getRegularizationBias() != null && !base.getRegularizationBias().isEmpty();
            if (weights || biases) {
                throw new InvalidParameterException("network.regularization",
                        conf.getLayerName() + ": " + base.getRegularization() + " " + base.getRegularizationBias(),
                        "must be empty (weight decay is applied by the training method)");
            }
        }
    }

    /** The wrapped network. */
    public abstract org.deeplearning4j.nn.api.Model network();

    /** The network's layers (for a graph, in its topological order). */
    abstract Layer[] layers();

    /** The network's single output layer. */
    abstract Layer outputLayer();

    /** Sets the network's inputs, labels and masks for the next pass. */
    abstract void bind(DataSet batch);

    /** Clears inputs, labels and masks after a pass. */
    abstract void unbind();

    /** Runs forward+backward on the bound batch; returns DL4J's (mean) score. */
    abstract double computeGradientAndScore();

    /** DL4J's flattened gradient of the last pass (summed over the batch). */
    abstract INDArray flatGradient();

    /** The network's flat parameter view. */
    abstract INDArray paramsView();

    /** Forward-only training-mode mean loss of {@code batch}. */
    abstract double forwardScore(DataSet batch);

    /** Inference-mode output (probabilities) for {@code features}. */
    abstract INDArray output(INDArray features);

    /** A float64 copy of the network with dropout switched off. */
    abstract Dl4jModel doubleCopyWithoutDropout(GradientMeter meter);

    /** How image features are laid out for this network. */
    public FeatureLayout featureLayout() {
        return featureLayout;
    }

    @Override
    public GradientMeter meter() {
        return meter;
    }

    @Override
    public long numParams() {
        return numParams;
    }

    /** The network's floating-point type; every vector this model returns has it. */
    public DataType dataType() {
        return dataType;
    }

    @Override
    public List<ParameterBlock> layout() {
        return layout;
    }

    @Override
    public Nd4jVector params() {
        return Nd4jVector.wrap(paramsView().dup().reshape(numParams));
    }

    @Override
    public void setParams(FlatVector params) {
        Checks.present("params", params);
        INDArray p = Nd4jVector.unwrap(params);
        if (p.length() != numParams) {
            throw new InvalidParameterException("params.length", p.length(), "must equal numParams " + numParams);
        }
        INDArray view = paramsView();
        view.assign(p.reshape(view.shape()));
    }

    @Override
    public Nd4jVector trainableMask() {
        return Nd4jVector.wrap(trainableMask.dup());
    }

    @Override
    public Nd4jVector zeros() {
        return Nd4jVector.wrap(Nd4j.zeros(dataType, numParams));
    }

    @Override
    public boolean hasRunningStatistics() {
        return !batchNormLayers.isEmpty();
    }

    @Override
    public Dl4jBatch batch(HostBatch host) {
        return Dl4jBatch.of(host, featureLayout);
    }

    @Override
    public LossGradient lossAndGradient(Batch batch) {
        Checks.present("batch", batch);
        return pass(Dl4jBatch.unwrap(batch));
    }

    /**
     * Algorithm 2's direction, exact, by one of two routes.
     *
     * <p><b>One pass</b> where {@link #exactNormsUnavailable} is null (the zoo's MLP, LeNet and All-CNN-C
     * without BatchNorm, and any network of dense, convolution, pooling, activation and dropout layers):
     * an ordinary forward+backward pass during which {@link ExampleGradientNorms} reads every example's
     * gradient norm off the layers' inputs A and errors D and keeps both; it also gives the loss, the mean
     * gradient and the statistics update, bit for bit those of {@link #lossAndGradient}. The direction
     * (1/B) sum_j g_j/||g_j|| is then, layer by layer, A^T diag(w) D with w_j = 1/(B ||g_j||) (for a
     * convolution over its im2col patches), one more weight-gradient product per layer and no second
     * pass. One gradient call.
     *
     * <p><b>B passes</b> otherwise (BatchNorm, recurrent layers, sequence outputs, masks, layer types the
     * norms do not handle; the reason is {@link #exactNormsUnavailable}): one pass per example j with a 0/1
     * label mask that keeps only example j's loss, each in the context of the whole batch, so BatchNorm
     * still normalizes with the batch's statistics. B gradient calls, each over the B examples it runs.
     *
     * <p>Every pass of the B-pass route starts from the same state of ND4J's random generator, so the passes
     * see the same dropout masks: the norms, the direction and the mean gradient belong to one network.
     */
    @Override
    public NormalizedGradient perExampleNormalizedGradient(Batch batch) {
        Checks.present("batch", batch);
        DataSet data = Dl4jBatch.unwrap(batch);
        return exactNormsUnavailable(batch) == null ? onePassNormalizedGradient(data) : oneHotNormalizedGradient(data);
    }

    /**
     * 1 where the network's structure allows the one-pass route (batches without masks and with one label
     * row per example, as the zoo's image batches are), else one pass per example.
     */
    @Override
    public long perExampleDirectionCalls(int batchSize) {
        return structureBlocker == null ? 1 : batchSize;
    }

    /** Why the network's structure forces one pass per example, or empty when one pass is exact. */
    public java.util.Optional<String> perExampleStructureBlocker() {
        return java.util.Optional.ofNullable(structureBlocker);
    }

    /**
     * Why {@link #perExampleNormalizedGradient} has to make one pass per example on this batch, or null
     * when one pass gives the exact result.
     */
    String exactNormsUnavailable(Batch batch) {
        if (structureBlocker != null) {
            return structureBlocker;
        }
        DataSet data = Dl4jBatch.unwrap(batch);
        if (data.getFeaturesMaskArray() != null || data.getLabelsMaskArray() != null) {
            return "the batch has masks";
        }
        if (data.getLabels().rank() != 2) {
            return "labels of rank " + data.getLabels().rank() + " (rows are not examples)";
        }
        return null;
    }

    /**
     * The one-pass route of {@link #perExampleNormalizedGradient}, whether or not it is exact for this
     * network (package-private for the tests that show where it is not, and for the cost harness).
     */
    NormalizedGradient onePassNormalizedGradient(DataSet data) {
        int b = Math.toIntExact(batchSize(data));
        org.deeplearning4j.nn.conf.layers.BaseOutputLayer outputConf =
                (org.deeplearning4j.nn.conf.layers.BaseOutputLayer) outputLayer().conf().getLayer();
        ILossFunction original = outputConf.getLossFn();
        // switched off (no weights): only its observer shows the output layer's error to the hooks
        ExampleWeightedLoss observed = new ExampleWeightedLoss(original);
        outputConf.setLossFn(observed);
        try (ExampleGradientNorms hooks = ExampleGradientNorms.install(layers(), outputLayer(), observed, b)) {
            LossGradient plain;
            double[] squared;
            try {
                plain = pass(data);
                squared = hooks.squaredNorms();
            } finally {
                outputConf.setLossFn(original);
            }
            double[] norms = new double[b];
            double[] weights = new double[b];
            for (int j = 0; j < b; j++) {
                norms[j] = Math.sqrt(squared[j]);
                // a zero gradient has no direction and is left out, as in the fallback; a non-finite norm
                // makes the direction non-finite rather than being dropped
                weights[j] = norms[j] == 0 ? 0 : Double.isFinite(norms[j]) ? 1 / (b * norms[j]) : Double.NaN;
            }
            INDArray direction = Nd4j.zeros(dataType, numParams);
            INDArray flat = paramsView();
            hooks.weightedGradients(weights, (layer, key, gradient) -> {
                INDArray param = layer.getParam(key);
                long offset = param.offset() - flat.offset();
                if (param.length() != gradient.length()) {
                    throw new IllegalStateException("weighted gradient of " + key + " has " + gradient.length()
                            + " entries, the parameter " + param.length());
                }
                direction.get(NDArrayIndex.interval(offset, offset + param.length()))
                        .assign(Nd4j.toFlattened(param.ordering(), gradient));
            });
            direction.muli(trainableMask);
            return new NormalizedGradient(plain.loss(), Nd4jVector.wrap(direction), norms, plain.gradient(),
                    plain.statistics());
        }
    }

    /** The B-pass route of {@link #perExampleNormalizedGradient} (package-private for tests and the cost harness). */
    NormalizedGradient oneHotNormalizedGradient(DataSet data) {
        int b = Math.toIntExact(batchSize(data));
        double[] norms = new double[b];
        INDArray direction = Nd4j.zeros(dataType, numParams);
        INDArray mean = Nd4j.zeros(dataType, numParams);
        StatisticsUpdate statistics = StatisticsUpdate.NONE;
        double loss = 0;
        long[] random = randomState();
        for (int j = 0; j < b; j++) {
            INDArray oneHot = Nd4j.zeros(dataType, b);
            oneHot.putScalar(j, 1.0);
            setRandomState(random);
            LossGradient single = pass(withLabelMask(data, oneHot));
            // pass() divides by B; the raw gradient of a one-hot pass is grad f_j itself.
            INDArray gj = Nd4jVector.unwrap(single.gradient()).muli(b);
            norms[j] = gj.norm2Number().doubleValue();
            loss += single.loss();
            mean.addi(gj.div(b));
            if (j == 0) {
                // the batch statistics do not depend on the label mask: every pass proposes the same update
                statistics = single.statistics();
            }
            if (norms[j] != 0) {
                // a zero gradient has no direction and is left out; a NaN norm makes the direction NaN
                direction.addi(gj.divi(norms[j] * b));
            }
        }
        return new NormalizedGradient(loss, Nd4jVector.wrap(direction), norms, Nd4jVector.wrap(mean), statistics);
    }

    /** The state of ND4J's random generator, from which DL4J draws dropout masks. */
    private static long[] randomState() {
        org.nd4j.linalg.api.rng.Random random = Nd4j.getRandom();
        return new long[] {random.rootState(), random.nodeState()};
    }

    private static void setRandomState(long[] state) {
        Nd4j.getRandom().setStates(state[0], state[1]);
    }

    @Override
    public double loss(Batch batch) {
        DataSet data = Dl4jBatch.unwrap(batch);
        double score = forwardScore(data) / timeSteps(data);
        meter.recordForwardCall(batchSize(data));
        return score;
    }

    @Override
    public void applyStatistics(StatisticsUpdate update) {
        Checks.present("update", update);
        if (update instanceof Statistics s) {
            INDArray view = paramsView();
            view.subi(s.step.reshape(view.shape()));
        }
    }

    @Override
    public void recomputeRunningStatistics(Iterable<Batch> batches) {
        Checks.present("batches", batches);
        if (batchNormLayers.isEmpty()) {
            return;
        }
        double[] decays = new double[batchNormLayers.size()];
        for (int i = 0; i < decays.length; i++) {
            decays[i] = batchNormLayers.get(i).getDecay();
        }
        try {
            long t = 0;
            for (Batch batch : batches) {
                // With decay t/(t+1), DL4J's exponential average becomes the running equal-weight mean.
                double decay = t / (t + 1.0);
                for (BatchNormalization bn : batchNormLayers) {
                    bn.setDecay(decay);
                }
                LossGradient g = pass(Dl4jBatch.unwrap(batch));
                applyStatistics(g.statistics());
                t++;
            }
            if (t == 0) {
                throw new InvalidParameterException("batches", "empty", "must hold at least one batch");
            }
        } finally {
            for (int i = 0; i < decays.length; i++) {
                batchNormLayers.get(i).setDecay(decays[i]);
            }
        }
    }

    @Override
    public void seedStochasticLayers(long seed) {
        lastStochasticSeed = seed;
        Nd4j.getRandom().setSeed(seed);
    }

    /** DL4J draws dropout masks from ND4J's global generator, so resetting it repeats the masks. */
    @Override
    public void repeatStochasticLayers() {
        if (lastStochasticSeed != null) {
            Nd4j.getRandom().setSeed(lastStochasticSeed);
        }
    }

    /**
     * Inference-mode cross-entropy and accuracy sums, in float64 over the network's output; for
     * sequence outputs every time step counts as one prediction.
     */
    @Override
    public Predictions predict(Batch batch, GradientMeter evaluationMeter) {
        DataSet data = Dl4jBatch.unwrap(batch);
        INDArray out = output(data.getFeatures()).castTo(DataType.DOUBLE);
        INDArray labels = data.getLabels().castTo(DataType.DOUBLE);
        evaluationMeter.recordForwardCall(data.numExamples());
        INDArray logp = Transforms.log(Transforms.max(out, 1e-12, true), false);
        double lossSum = -labels.mul(logp).sumNumber().doubleValue();
        double positions = labels.sumNumber().doubleValue();
        double correct = Nd4j.argMax(out, 1).eq(Nd4j.argMax(labels, 1)).castTo(DataType.DOUBLE).sumNumber().doubleValue();
        return new Predictions(lossSum, Math.round(correct), Math.round(positions));
    }

    @Override
    public TrainableModel measurementCopy(GradientMeter copyMeter) {
        return doubleCopyWithoutDropout(copyMeter);
    }

    private LossGradient pass(DataSet batch) {
        long b = batchSize(batch);
        double score;
        INDArray raw;
        bind(batch);
        try {
            score = computeGradientAndScore();
            raw = flatGradient().dup().reshape(numParams);
        } finally {
            unbind();
        }
        meter.recordGradientCall(b);
        long t = timeSteps(batch);
        INDArray gradient = raw.mul(trainableMask).divi(b * t);
        StatisticsUpdate statistics = batchNormLayers.isEmpty() ? StatisticsUpdate.NONE
                : new Statistics(raw.muli(statisticsMask));
        return new LossGradient(score / t, Nd4jVector.wrap(gradient), statistics, b);
    }

    /** What DL4J's {@code fit()} subtracts from the running statistics after a pass (zero elsewhere). */
    private record Statistics(INDArray step) implements StatisticsUpdate {
        @Override
        public boolean isFinite() {
            return FiniteCheck.allFinite(step);
        }
    }

    /**
     * The batch with its label mask multiplied by a 0/1 per-example column. Only 0/1 masks are used: DL4J
     * also multiplies the output layer's pre-activations by the label mask, so a mask is not a linear
     * per-example loss weight for other values. For sequence labels [B, classes, T] DL4J takes a [B, T]
     * mask, so the column is repeated over the time steps.
     */
    private DataSet withLabelMask(DataSet batch, INDArray weights) {
        INDArray column = weights.reshape(weights.length(), 1);
        if (batch.getLabels().rank() == 3) {
            column = column.repeat(1, batch.getLabels().size(2));
        }
        INDArray existing = batch.getLabelsMaskArray();
        INDArray mask = existing == null ? column
                : java.util.Arrays.equals(existing.shape(), column.shape()) ? existing.castTo(dataType).mul(column)
                : existing.castTo(dataType).mulColumnVector(weights.reshape(weights.length(), 1));
        return new DataSet(batch.getFeatures(), batch.getLabels(), batch.getFeaturesMaskArray(), mask);
    }

    /**
     * Positions per example: the time steps of sequence labels [b, classes, T], else 1. DL4J's score and
     * gradient for sequence outputs sum over time steps; dividing by T makes the loss the mean over
     * examples and time steps (per character for the char-LSTM), the same scale as a classifier's.
     */
    private static long timeSteps(DataSet batch) {
        INDArray labels = batch.getLabels();
        return labels.rank() == 3 ? labels.size(2) : 1;
    }

    private static long batchSize(DataSet batch) {
        return batch.getFeatures().size(0);
    }
}
