package io.salr.optimizers.methods;

import io.salr.optimizers.dl4j.LossGradient;
import io.salr.optimizers.dl4j.NetworkAdapter;
import io.salr.optimizers.meter.MeterReading;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.rng.RestorableUniformRandomProvider;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/** Entropy-SGD and its variants, see {@link EntropySgdConfig}. */
final class EntropySgd implements TrainingMethod {

    static final String LANGEVIN_STREAM = "langevin-noise";

    private final EntropySgdConfig config;
    private final UpdateRule rule;
    private final RateSource rates;
    private final RestorableUniformRandomProvider noiseStream;

    EntropySgd(EntropySgdConfig config, long seed) {
        this.config = config;
        this.rule = config.outerRule().newRule();
        this.rates = new RateSource(config.outerRate(), seed);
        this.noiseStream = RandomStreams.named(seed, LANGEVIN_STREAM);
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
            double gamma = config.gamma0() * Math.pow(1 + config.scoping(), iteration);
            INDArray x = net.params();
            INDArray mask = net.trainableMask();
            INDArray xPrime = x.dup();
            INDArray mu = x.dup();
            LossGradient first = null;
            try {
                for (int l = 0; l < config.langevinSteps(); l++) {
                    net.setParams(xPrime);
                    LossGradient g = net.lossAndGradient(l == 0 ? batch : fresh.next());
                    Optional<StepRecord> bad = Steps.checkGradient(net, iteration, g, rate.value(), start);
                    if (bad.isPresent()) {
                        return bad.get();
                    }
                    if (l == 0) {
                        first = g;
                    }
                    INDArray dx = g.gradient().sub(x.sub(xPrime).muli(gamma));
                    xPrime.subi(dx.muli(config.langevinRate()));
                    if (config.noise() > 0) {
                        xPrime.addi(Vectors.gaussian(noiseStream, mask)
                                .muli(Math.sqrt(config.langevinRate()) * config.noise()));
                    }
                    mu.muli(1 - config.alpha()).addi(xPrime.mul(config.alpha()));
                }
            } finally {
                net.setParams(x);
            }
            INDArray outerGradient = x.sub(mu).muli(gamma).muli(mask);
            INDArray delta = rule.step(x, outerGradient, mask, rate.value());
            return Steps.apply(net, iteration, x, delta, first, rate.value(), rate.sharpness(), start);
        } catch (ArithmeticException e) {
            return Steps.failed(net, iteration, e, start);
        }
    }

    @Override
    public void finish(NetworkAdapter net, Iterable<DataSet> trainingData) {
        // The outer iterate itself is the result.
    }

    @Override
    public MethodState snapshot() {
        Map<String, byte[]> streams = new LinkedHashMap<>(rates.streams());
        streams.put(LANGEVIN_STREAM, RandomStreams.save(noiseStream));
        return new MethodState(rule.vectors(), rule.numbers(), streams, rates.salrSnapshot());
    }

    @Override
    public void restore(MethodState state) {
        rule.restore(state);
        rates.restore(state);
        RandomStreams.restore(noiseStream, state.stream(LANGEVIN_STREAM));
    }
}
