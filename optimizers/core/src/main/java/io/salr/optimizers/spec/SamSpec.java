package io.salr.optimizers.spec;

import io.salr.optimizers.methods.MethodConfig;
import io.salr.optimizers.methods.RuleConfig;
import io.salr.optimizers.methods.SamConfig;
import io.salr.validation.Checks;
import io.salr.validation.InvalidParameterException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * SAM on an SGD or Adam base (Table I runs both): two gradient calls per iteration.
 *
 * @param method {@link Method#SAM} or {@link Method#ADAM_SAM}
 * @param rate the base rate
 * @param rule the base rule
 * @param rho the perturbation radius, &gt; 0
 */
public record SamSpec(Method method, RateParams rate, RuleConfig rule, double rho) implements MethodSpec {

    public SamSpec {
        Checks.present("method", method);
        Checks.present("rate", rate);
        Checks.present("rule", rule);
        SamConfig.checkRho(rho);
        if (method.family() != Method.Family.SAM || !Rules.matches(rule, method.base())) {
            throw new InvalidParameterException("method", method, "is not a SAM method");
        }
    }

    static SamSpec read(ParamReader r) {
        Method m = r.method();
        return new SamSpec(m, RateParams.read(r, MethodSpec.defaultLearningRate(m), 0), Rules.read(r, m.base()),
                r.real(Param.RHO, 0.05));
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
        out.put(Param.RHO, ParamValue.of(rho));
        return out;
    }

    @Override
    public MethodConfig bind(long iterationsPerEpoch, long plannedIterations) {
        return new SamConfig(rule, rate.schedule(iterationsPerEpoch), rho);
    }

    @Override
    public double gradientCallsPerIteration(long perExampleDirectionCalls) {
        return 2;
    }
}
