package io.salr.optimizers.methods;

import io.salr.optimizers.dl4j.LossGradient;
import io.salr.optimizers.dl4j.NetworkAdapter;
import io.salr.optimizers.meter.MeterReading;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/** SAM, see {@link SamConfig}. */
final class Sam implements TrainingMethod {

    private final SamConfig config;
    private final UpdateRule rule;

    Sam(SamConfig config) {
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
        double rate = config.schedule().valueAt(iteration);
        LossGradient g = net.lossAndGradient(batch);
        Optional<StepRecord> bad = Steps.checkGradient(net, iteration, g, rate, start);
        if (bad.isPresent()) {
            return bad.get();
        }
        INDArray theta = net.params();
        double norm = g.gradient().norm2Number().doubleValue();
        INDArray perturbed = norm > 0 ? theta.add(g.gradient().mul(config.rho() / norm)) : theta.dup();
        net.setParams(perturbed);
        LossGradient sharp;
        try {
            sharp = net.lossAndGradient(batch);
        } finally {
            net.setParams(theta);
        }
        bad = Steps.checkGradient(net, iteration, sharp, rate, start);
        if (bad.isPresent()) {
            return bad.get();
        }
        INDArray delta = rule.step(theta, sharp.gradient(), net.trainableMask(), rate);
        return Steps.apply(net, iteration, theta, delta, g, rate, OptionalDouble.empty(), start);
    }

    @Override
    public void finish(NetworkAdapter net, Iterable<DataSet> trainingData) {
        // The iterate itself is the result.
    }

    @Override
    public MethodState snapshot() {
        return new MethodState(rule.vectors(), rule.numbers(), Map.of(), Optional.empty());
    }

    @Override
    public void restore(MethodState state) {
        rule.restore(state);
    }
}
