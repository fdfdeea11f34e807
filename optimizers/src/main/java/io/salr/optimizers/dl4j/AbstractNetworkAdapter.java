package io.salr.optimizers.dl4j;

import io.salr.optimizers.engine.ParameterBlock;
import io.salr.optimizers.meter.GradientMeter;
import io.salr.optimizers.validation.Checks;
import io.salr.optimizers.validation.InvalidParameterException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What the two adapters share: the parameter layout and trainable mask, bringing DL4J's summed
 * gradient to the mean, per-example weights through label masks, and the BatchNorm recompute.
 * Subclasses bind a batch to their network type and run the pass.
 */
abstract class AbstractNetworkAdapter implements NetworkAdapter {

    private final GradientMeter meter;
    private final List<ParameterBlock> layout;
    private final List<BatchNormalization> batchNormLayers;
    private final INDArray trainableMask;
    private final INDArray statisticsMask;
    private final long numParams;
    private final DataType dataType;

    AbstractNetworkAdapter(GradientMeter meter, INDArray flatParams, Layer[] layers, List<String> layerNames) {
        this.meter = Checks.present("meter", meter);
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
                trainableMask.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(block.offset(),
                        block.offset() + block.length())).assign(1.0);
            }
        }
        this.statisticsMask = trainableMask.rsub(1.0);
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

    @Override
    public GradientMeter meter() {
        return meter;
    }

    @Override
    public long numParams() {
        return numParams;
    }

    @Override
    public DataType dataType() {
        return dataType;
    }

    @Override
    public List<ParameterBlock> layout() {
        return layout;
    }

    @Override
    public INDArray params() {
        return paramsView().dup().reshape(numParams);
    }

    @Override
    public void setParams(INDArray params) {
        Checks.present("params", params);
        if (params.length() != numParams) {
            throw new InvalidParameterException("params.length", params.length(), "must equal numParams " + numParams);
        }
        INDArray view = paramsView();
        view.assign(params.reshape(view.shape()));
    }

    @Override
    public INDArray trainableMask() {
        return trainableMask.dup();
    }

    @Override
    public boolean hasRunningStatistics() {
        return !batchNormLayers.isEmpty();
    }

    @Override
    public LossGradient lossAndGradient(DataSet batch) {
        Checks.present("batch", batch);
        return pass(batch);
    }

    @Override
    public NormalizedGradient perExampleNormalizedGradient(DataSet batch) {
        Checks.present("batch", batch);
        int b = Math.toIntExact(batchSize(batch));
        double[] norms = new double[b];
        INDArray direction = Nd4j.zeros(dataType, numParams);
        double loss = 0;
        for (int j = 0; j < b; j++) {
            INDArray oneHot = Nd4j.zeros(dataType, b);
            oneHot.putScalar(j, 1.0);
            LossGradient single = pass(withLabelMask(batch, oneHot));
            // pass() divides by B; the raw gradient of a one-hot pass is grad f_j itself.
            INDArray gj = single.gradient().muli(b);
            norms[j] = gj.norm2Number().doubleValue();
            loss += single.loss();
            if (norms[j] > 0) {
                direction.addi(gj.divi(norms[j] * b));
            }
        }
        return new NormalizedGradient(loss, direction, norms);
    }

    @Override
    public double loss(DataSet batch) {
        Checks.present("batch", batch);
        double score = forwardScore(batch) / timeSteps(batch);
        meter.recordForwardCall(batchSize(batch));
        return score;
    }

    @Override
    public void recomputeRunningStatistics(Iterable<DataSet> batches) {
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
            for (DataSet batch : batches) {
                // With decay t/(t+1), DL4J's exponential average becomes the running equal-weight mean.
                double decay = t / (t + 1.0);
                for (BatchNormalization bn : batchNormLayers) {
                    bn.setDecay(decay);
                }
                LossGradient g = pass(batch);
                setParams(params().subi(g.statisticsStep()));
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
        INDArray statisticsStep = raw.muli(statisticsMask);
        return new LossGradient(score / t, gradient, statisticsStep, b);
    }

    /**
     * The batch with its label mask multiplied by a 0/1 per-example column. Only 0/1 masks are used: DL4J
     * also multiplies the output layer's pre-activations by the label mask, so a mask is not a linear
     * per-example loss weight for other values.
     */
    private DataSet withLabelMask(DataSet batch, INDArray weights) {
        INDArray column = weights.reshape(weights.length(), 1);
        INDArray existing = batch.getLabelsMaskArray();
        INDArray mask = existing == null ? column : existing.castTo(dataType).mulColumnVector(column);
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
