package io.salr.optimizers.spec;

import io.salr.optimizers.methods.AdamConfig;
import io.salr.optimizers.methods.RuleConfig;
import io.salr.optimizers.methods.SgdConfig;
import java.util.Map;

/**
 * A method's first-order rule in a run spec: the optimizers' own {@link SgdConfig} or {@link AdamConfig}, the one
 * record of those parameters (validated there), read with the spec's defaults and listed by their {@link Param}s.
 */
final class Rules {

    private Rules() {
    }

    /**
     * The rule of {@code base}, its parameters read with their defaults: SGD's momentum {@code defaultMomentum}
     * (see {@link SgdConfig#DEFAULT_MOMENTUM}), Adam's 0.9, 0.999 and 1e-8, no weight decay.
     */
    static RuleConfig read(ParamReader r, Method.Base base, double defaultMomentum) {
        return switch (base) {
            case SGD -> new SgdConfig(r.real(Param.MOMENTUM, defaultMomentum), r.real(Param.WEIGHT_DECAY, 0.0));
            case ADAM -> new AdamConfig(r.real(Param.BETA1, 0.9), r.real(Param.BETA2, 0.999), r.real(Param.EPS, 1e-8),
                    r.real(Param.WEIGHT_DECAY, 0.0));
        };
    }

    static RuleConfig read(ParamReader r, Method.Base base) {
        return read(r, base, SgdConfig.DEFAULT_MOMENTUM);
    }

    static void write(RuleConfig rule, Map<Param, ParamValue> out) {
        if (rule instanceof SgdConfig sgd) {
            out.put(Param.MOMENTUM, ParamValue.of(sgd.momentum()));
            out.put(Param.WEIGHT_DECAY, ParamValue.of(sgd.weightDecay()));
        } else if (rule instanceof AdamConfig adam) {
            out.put(Param.BETA1, ParamValue.of(adam.beta1()));
            out.put(Param.BETA2, ParamValue.of(adam.beta2()));
            out.put(Param.EPS, ParamValue.of(adam.epsilon()));
            out.put(Param.WEIGHT_DECAY, ParamValue.of(adam.weightDecay()));
        }
    }

    /** Whether the rule is the one {@code base} names. */
    static boolean matches(RuleConfig rule, Method.Base base) {
        return base == Method.Base.SGD ? rule instanceof SgdConfig : rule instanceof AdamConfig;
    }
}
