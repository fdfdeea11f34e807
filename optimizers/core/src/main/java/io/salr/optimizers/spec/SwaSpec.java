package io.salr.optimizers.spec;

import io.salr.optimizers.methods.MethodConfig;
import io.salr.optimizers.methods.RuleConfig;
import io.salr.optimizers.methods.SwaConfig;
import io.salr.validation.Checks;
import io.salr.validation.InvalidParameterException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * SWA on an SGD or Adam base: one gradient call per iteration (and, on a network with BatchNorm, one
 * pass over the training data at the end to recompute the statistics, which the trainer reserves out of
 * the budget).
 *
 * @param method {@link Method#SWA} or {@link Method#ADAM_SWA}
 * @param rate the rate before the SWA stage
 * @param rule the base rule
 * @param swa the SWA stage
 */
public record SwaSpec(Method method, RateParams rate, RuleConfig rule, SwaParams swa) implements MethodSpec {

    public SwaSpec {
        Checks.present("method", method);
        Checks.present("rate", rate);
        Checks.present("rule", rule);
        Checks.present("swa", swa);
        if (method.family() != Method.Family.SWA || !Rules.matches(rule, method.base())) {
            throw new InvalidParameterException("method", method, "is not an SWA method");
        }
    }

    static SwaSpec read(ParamReader r) {
        Method m = r.method();
        RateParams rate = RateParams.read(r, MethodSpec.defaultLearningRate(m), 0);
        return new SwaSpec(m, rate, Rules.read(r, m.base()), SwaParams.read(r, rate.lr()));
    }

    @Override
    public Optional<SalrParams> salr() {
        return Optional.empty();
    }

    @Override
    public Map<Param, ParamValue> values() {
        Map<Param, ParamValue> out = new EnumMap<>(Param.class);
        rate.write(out);
        Rules.write(rule, out);
        swa.write(out);
        return out;
    }

    @Override
    public MethodConfig bind(long iterationsPerEpoch, long plannedIterations) {
        return new SwaConfig(rule, rate.schedule(iterationsPerEpoch),
                Math.max(0, Math.round(swa.start() * plannedIterations)), swa.lrMax(), swa.lrMin(), swa.cycle());
    }

    @Override
    public double gradientCallsPerIteration(long perExampleDirectionCalls) {
        return 1;
    }
}
