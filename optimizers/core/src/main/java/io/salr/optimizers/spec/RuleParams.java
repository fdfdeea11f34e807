package io.salr.optimizers.spec;

import io.salr.optimizers.methods.AdamConfig;
import io.salr.optimizers.methods.RuleConfig;
import io.salr.optimizers.methods.SgdConfig;
import java.util.Map;

/** The parameters of a method's first-order rule: {@link Sgd} or {@link Adam}. */
public sealed interface RuleParams permits RuleParams.Sgd, RuleParams.Adam {

    /** The optimizers' configuration of the rule. */
    RuleConfig config();

    void write(Map<String, Object> out);

    /** The rule of {@code base}, its parameters read with their defaults. */
    static RuleParams read(ParamReader r, Method.Base base) {
        return read(r, base, Sgd.DEFAULT_MOMENTUM);
    }

    /** As {@link #read(ParamReader, Method.Base)}, with the SGD momentum's default for this method. */
    static RuleParams read(ParamReader r, Method.Base base, double defaultMomentum) {
        return switch (base) {
            case SGD -> new Sgd(r.real("momentum", defaultMomentum), r.real("weight_decay", 0.0));
            case ADAM -> new Adam(r.real("beta1", 0.9), r.real("beta2", 0.999), r.real("eps", 1e-8),
                    r.real("weight_decay", 0.0));
        };
    }

    /**
     * Heavy-ball SGD. The default momentum is 0.9 for SGD, SAM and SWA (the paper does not state one) and 0 for
     * SGD-SALR, which Algorithm 3 writes as plain SGD; Entropy-SGD's outer step has none (its authors' code).
     *
     * @param momentum in [0, 1)
     * @param weightDecay L2 coefficient, &gt;= 0
     */
    record Sgd(double momentum, double weightDecay) implements RuleParams {

        /** The default momentum of SGD, SAM and SWA. */
        public static final double DEFAULT_MOMENTUM = 0.9;

        public Sgd {
            new SgdConfig(momentum, weightDecay); // validates, naming the field
        }

        @Override
        public RuleConfig config() {
            return new SgdConfig(momentum, weightDecay);
        }

        @Override
        public void write(Map<String, Object> out) {
            out.put("momentum", momentum);
            out.put("weight_decay", weightDecay);
        }
    }

    /**
     * Adam with bias correction (Kingma and Ba), L2 weight decay added to the gradient.
     *
     * @param beta1 in [0, 1)
     * @param beta2 in [0, 1)
     * @param eps &gt; 0
     * @param weightDecay &gt;= 0
     */
    record Adam(double beta1, double beta2, double eps, double weightDecay) implements RuleParams {

        public Adam {
            new AdamConfig(beta1, beta2, eps, weightDecay);
        }

        @Override
        public RuleConfig config() {
            return new AdamConfig(beta1, beta2, eps, weightDecay);
        }

        @Override
        public void write(Map<String, Object> out) {
            out.put("beta1", beta1);
            out.put("beta2", beta2);
            out.put("eps", eps);
            out.put("weight_decay", weightDecay);
        }
    }
}
