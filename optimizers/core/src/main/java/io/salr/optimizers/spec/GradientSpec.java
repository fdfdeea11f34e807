package io.salr.optimizers.spec;

import io.salr.optimizers.methods.GradientMethodConfig;
import io.salr.optimizers.methods.MethodConfig;
import io.salr.optimizers.methods.RuleConfig;
import io.salr.optimizers.methods.SgdConfig;
import io.salr.optimizers.methods.ScheduledRate;
import io.salr.optimizers.schedule.BaseSchedule;
import io.salr.validation.Checks;
import io.salr.validation.InvalidParameterException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * SGD, Adam, SGD-SALR and Adam-SALR: one gradient call per iteration, plus the SALR probe.
 *
 * @param method one of the {@link Method.Family#GRADIENT} methods
 * @param rate the base rate
 * @param rule SGD or Adam, as the method says
 * @param salr present exactly for the SALR methods
 */
public record GradientSpec(Method method, RateParams rate, RuleConfig rule, Optional<SalrParams> salr)
        implements MethodSpec {

    public GradientSpec {
        Checks.present("method", method);
        Checks.present("rate", rate);
        Checks.present("rule", rule);
        Checks.present("salr", salr);
        if (method.family() != Method.Family.GRADIENT || salr.isPresent() != method.salr()
                || !Rules.matches(rule, method.base())) {
            throw new InvalidParameterException("method", method, "is not a gradient method with matching SALR parameters");
        }
    }

    static GradientSpec read(ParamReader r) {
        Method m = r.method();
        RateParams rate = RateParams.read(r, MethodSpec.defaultLearningRate(m), 0);
        // SGD-SALR is Algorithm 3, plain SGD with the SALR rate: momentum 0 unless the spec sets one
        RuleConfig rule = Rules.read(r, m.base(), m.salr() ? 0.0 : SgdConfig.DEFAULT_MOMENTUM);
        Optional<SalrParams> salr = m.salr() ? Optional.of(SalrParams.read(r)) : Optional.empty();
        return new GradientSpec(m, rate, rule, salr);
    }

    @Override
    public Map<Param, ParamValue> values() {
        Map<Param, ParamValue> out = new EnumMap<>(Param.class);
        rate.write(out);
        Rules.write(rule, out);
        salr.ifPresent(s -> s.write(out));
        return out;
    }

    @Override
    public MethodConfig bind(long iterationsPerEpoch, long plannedIterations) {
        BaseSchedule base = rate.schedule(iterationsPerEpoch);
        return new GradientMethodConfig(rule,
                salr.isPresent() ? salr.get().rate(rate.lr(), base) : new ScheduledRate(base));
    }

    @Override
    public double gradientCallsPerIteration(long perExampleDirectionCalls) {
        return 1 + salrCallsPerIteration(perExampleDirectionCalls);
    }
}
