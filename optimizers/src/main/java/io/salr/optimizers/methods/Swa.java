package io.salr.optimizers.methods;

import io.salr.optimizers.dl4j.LossGradient;
import io.salr.optimizers.dl4j.NetworkAdapter;
import io.salr.optimizers.meter.MeterReading;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** SWA, see {@link SwaConfig}. */
final class Swa implements TrainingMethod {

    private final SwaConfig config;
    private final UpdateRule rule;
    private INDArray average;
    private long models;

    Swa(SwaConfig config) {
        this.config = config;
        this.rule = config.rule().newRule();
    }

    @Override
    public MethodConfig config() {
        return config;
    }

    @Override
    public StepRecord step(NetworkAdapter net, DataSet batch, BatchSupplier fresh, long iteration) {
        MeterReading start = net.meter().reading();
        double rate = config.rateAt(iteration);
        LossGradient g = net.lossAndGradient(batch);
        Optional<StepRecord> bad = Steps.checkGradient(net, iteration, g, rate, start);
        if (bad.isPresent()) {
            return bad.get();
        }
        INDArray theta = net.params();
        INDArray delta = rule.step(theta, g.gradient(), net.trainableMask(), rate);
        StepRecord record = Steps.apply(net, iteration, theta, delta, g, rate, OptionalDouble.empty(), start);
        if (!record.diverged() && config.averagesAfter(iteration)) {
            INDArray current = net.params();
            average = average == null ? current : Vectors.like(average, current).muli(models).addi(current)
                    .divi(models + 1);
            models++;
        }
        return record;
    }

    /** The number of parameter vectors averaged so far. */
    long averagedModels() {
        return models;
    }

    /**
     * Puts the average into the network and recomputes the BatchNorm statistics over
     * {@code trainingData}; leaves the network unchanged when no iteration has been averaged yet.
     */
    @Override
    public void finish(NetworkAdapter net, Iterable<DataSet> trainingData) {
        if (models == 0) {
            return;
        }
        net.setParams(average);
        net.recomputeRunningStatistics(trainingData);
    }

    @Override
    public MethodState snapshot() {
        Map<String, double[]> vectors = new LinkedHashMap<>(rule.vectors());
        if (average != null) {
            vectors.put("swa.average", average.toDoubleVector());
        }
        Map<String, Double> numbers = new LinkedHashMap<>(rule.numbers());
        numbers.put("swa.models", (double) models);
        return new MethodState(vectors, numbers, Map.of(), Optional.empty());
    }

    @Override
    public void restore(MethodState state) {
        rule.restore(state);
        models = (long) state.number("swa.models");
        average = state.vectors().containsKey("swa.average") ? Nd4j.createFromArray(state.vector("swa.average")) : null;
    }
}
