package io.salr.optimizers.spec;

import io.salr.optimizers.methods.EntropyParams;
import io.salr.optimizers.methods.EntropySgdConfig;
import io.salr.optimizers.methods.MethodConfig;
import io.salr.optimizers.methods.RuleConfig;
import io.salr.optimizers.methods.ScheduledRate;
import io.salr.optimizers.schedule.BaseSchedule;
import io.salr.validation.Checks;
import io.salr.validation.InvalidParameterException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Entropy-SGD and Entropy-Adam, with or without SALR on the outer rate. Section VI's settings are the
 * defaults: L = 5 Langevin steps of eta' = 0.1 with noise 1e-4, gamma_0 = 0.03 growing by 1.001 per
 * update, outer rate 1 (1e-3 for Entropy-Adam) divided by 5 every four epochs; and, as the authors' code
 * runs it, Nesterov momentum 0.9 in the Langevin loop and none in the outer SGD step. L gradient calls per
 * iteration, plus the SALR probe (whose first direction is the first Langevin pass on the step's batch).
 *
 * @param method one of the {@link Method.Family#ENTROPY} methods
 * @param rate the outer rate
 * @param rule the outer rule
 * @param entropy the inner loop
 * @param salr present exactly for the SALR methods
 */
public record EntropySpec(Method method, RateParams rate, RuleConfig rule, EntropyParams entropy,
        Optional<SalrParams> salr) implements MethodSpec {

    public EntropySpec {
        Checks.present("method", method);
        Checks.present("rate", rate);
        Checks.present("rule", rule);
        Checks.present("entropy", entropy);
        Checks.present("salr", salr);
        if (method.family() != Method.Family.ENTROPY || salr.isPresent() != method.salr()
                || !Rules.matches(rule, method.base())) {
            throw new InvalidParameterException("method", method, "is not an Entropy-SGD method with matching SALR parameters");
        }
    }

    static EntropySpec read(ParamReader r) {
        Method m = r.method();
        RateParams rate = RateParams.read(r, MethodSpec.defaultLearningRate(m), 4);
        // the outer step of the authors' Lua code (the code of their experiments) has no momentum
        RuleConfig rule = Rules.read(r, m.base(), 0.0);
        EntropyParams entropy = new EntropyParams(r.integer(Param.LANGEVIN_STEPS, 5), r.real(Param.LANGEVIN_LR, 0.1),
                r.real(Param.NOISE, 1e-4), r.real(Param.SCOPE_GAMMA, 0.03), r.real(Param.SCOPING, 1e-3),
                r.real(Param.SCOPE_MAX, 0.0), r.real(Param.ALPHA, 0.75),
                r.real(Param.LANGEVIN_MOMENTUM, EntropySgdConfig.REFERENCE_LANGEVIN_MOMENTUM));
        Optional<SalrParams> salr = m.salr() ? Optional.of(SalrParams.read(r)) : Optional.empty();
        return new EntropySpec(m, rate, rule, entropy, salr);
    }

    @Override
    public Map<Param, ParamValue> values() {
        Map<Param, ParamValue> out = new EnumMap<>(Param.class);
        rate.write(out);
        Rules.write(rule, out);
        out.put(Param.LANGEVIN_STEPS, ParamValue.of(entropy.langevinSteps()));
        out.put(Param.LANGEVIN_LR, ParamValue.of(entropy.langevinLr()));
        out.put(Param.NOISE, ParamValue.of(entropy.noise()));
        out.put(Param.SCOPE_GAMMA, ParamValue.of(entropy.scopeGamma()));
        out.put(Param.SCOPING, ParamValue.of(entropy.scoping()));
        out.put(Param.SCOPE_MAX, ParamValue.of(entropy.scopeMax()));
        out.put(Param.ALPHA, ParamValue.of(entropy.alpha()));
        out.put(Param.LANGEVIN_MOMENTUM, ParamValue.of(entropy.langevinMomentum()));
        salr.ifPresent(s -> s.write(out));
        return out;
    }

    @Override
    public MethodConfig bind(long iterationsPerEpoch, long plannedIterations) {
        BaseSchedule base = rate.schedule(iterationsPerEpoch);
        return new EntropySgdConfig(rule,
                salr.isPresent() ? salr.get().rate(rate.lr(), base) : new ScheduledRate(base), entropy);
    }

    @Override
    public double gradientCallsPerIteration(long perExampleDirectionCalls) {
        return entropy.langevinSteps() + salrCallsPerIteration(perExampleDirectionCalls);
    }
}
