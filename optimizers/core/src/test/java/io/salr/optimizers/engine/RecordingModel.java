package io.salr.optimizers.engine;

import io.salr.optimizers.meter.GradientMeter;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link TrainableModel} that hands every call to another model and records each point the caller puts
 * into it with {@link #setParams}, so that a test can see where a method evaluated the loss (SAM's
 * perturbed point, the probes' walks) without looking inside the method.
 */
public final class RecordingModel implements TrainableModel {

    private final TrainableModel inner;
    private final List<double[]> points = new ArrayList<>();

    /** Records the calls made to {@code inner}. */
    public RecordingModel(TrainableModel inner) {
        this.inner = inner;
    }

    /** Every vector passed to {@link #setParams} so far, in order, as float64 values. */
    public List<double[]> points() {
        return List.copyOf(points);
    }

    /** Forgets the recorded points. */
    public void clear() {
        points.clear();
    }

    @Override
    public GradientMeter meter() {
        return inner.meter();
    }

    @Override
    public long numParams() {
        return inner.numParams();
    }

    @Override
    public List<ParameterBlock> layout() {
        return inner.layout();
    }

    @Override
    public FlatVector params() {
        return inner.params();
    }

    @Override
    public void setParams(FlatVector params) {
        points.add(params.toDoubleArray());
        inner.setParams(params);
    }

    @Override
    public FlatVector trainableMask() {
        return inner.trainableMask();
    }

    @Override
    public FlatVector zeros() {
        return inner.zeros();
    }

    @Override
    public boolean hasRunningStatistics() {
        return inner.hasRunningStatistics();
    }

    @Override
    public Batch batch(HostBatch host) {
        return inner.batch(host);
    }

    @Override
    public LossGradient lossAndGradient(Batch batch) {
        return inner.lossAndGradient(batch);
    }

    @Override
    public NormalizedGradient perExampleNormalizedGradient(Batch batch) {
        return inner.perExampleNormalizedGradient(batch);
    }

    @Override
    public double loss(Batch batch) {
        return inner.loss(batch);
    }

    @Override
    public void applyStatistics(StatisticsUpdate update) {
        inner.applyStatistics(update);
    }

    @Override
    public void recomputeRunningStatistics(Iterable<Batch> batches) {
        inner.recomputeRunningStatistics(batches);
    }

    @Override
    public void seedStochasticLayers(long seed) {
        inner.seedStochasticLayers(seed);
    }

    @Override
    public void repeatStochasticLayers() {
        inner.repeatStochasticLayers();
    }

    @Override
    public long perExampleDirectionCalls(int batchSize) {
        return inner.perExampleDirectionCalls(batchSize);
    }

    @Override
    public Predictions predict(Batch batch, GradientMeter meter) {
        return inner.predict(batch, meter);
    }

    @Override
    public TrainableModel measurementCopy(GradientMeter meter) {
        return inner.measurementCopy(meter);
    }
}
