package io.salr.optimizers.methods;

import io.salr.optimizers.dl4j.LossGradient;
import io.salr.optimizers.dl4j.NetworkAdapter;
import io.salr.optimizers.meter.MeterReading;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * SGD, Adam, SGD-SALR (Algorithm 3) and Adam-SALR (Algorithm 4): at a SALR refresh iteration S-hat_k is
 * estimated at theta_k first (parameters restored exactly), then eta_k is set and one gradient at
 * theta_k on B_k drives the rule. The BatchNorm running statistics take DL4J's step once per iteration.
 */
final class GradientMethod implements TrainingMethod {

    private final GradientMethodConfig config;
    private final UpdateRule rule;
    private final RateSource rates;

    GradientMethod(GradientMethodConfig config, long seed) {
        this.config = config;
        this.rule = config.rule().newRule();
        this.rates = new RateSource(config.rate(), seed);
    }

    @Override
    public MethodConfig config() {
        return config;
    }

    @Override
    public StepRecord step(NetworkAdapter net, DataSet batch, BatchSupplier fresh, long iteration) {
        MeterReading start = net.meter().reading();
        try {
            RateSource.Rate rate = rates.rate(net, batch, fresh, iteration);
            LossGradient g = net.lossAndGradient(batch);
            Optional<StepRecord> bad = Steps.checkGradient(net, iteration, g, rate.value(), start);
            if (bad.isPresent()) {
                return bad.get();
            }
            INDArray theta = net.params();
            INDArray delta = rule.step(theta, g.gradient(), net.trainableMask(), rate.value());
            return Steps.apply(net, iteration, theta, delta, g, rate.value(), rate.sharpness(), start);
        } catch (ArithmeticException e) {
            return Steps.failed(net, iteration, e, start);
        }
    }

    @Override
    public void finish(NetworkAdapter net, Iterable<DataSet> trainingData) {
        // The iterate itself is the result; nothing to average or recompute.
    }

    @Override
    public MethodState snapshot() {
        return new MethodState(rule.vectors(), rule.numbers(), rates.streams(), rates.salrSnapshot());
    }

    @Override
    public void restore(MethodState state) {
        rule.restore(state);
        rates.restore(state);
    }
}
