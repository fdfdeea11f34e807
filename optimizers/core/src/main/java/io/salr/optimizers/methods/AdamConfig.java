package io.salr.optimizers.methods;

import io.salr.validation.Checks;
import java.util.Map;
import io.salr.optimizers.engine.FlatVector;

/**
 * Adam (Kingma and Ba 2015) in its standard form, with optional L2 weight decay added to the gradient
 * (the {@code torch.optim.Adam} form):
 *
 * <pre>
 *   d = g_k + weightDecay * theta_k
 *   m_{k+1} = beta1 m_k + (1 - beta1) d,   v_{k+1} = beta2 v_k + (1 - beta2) d^2
 *   mHat = m_{k+1} / (1 - beta1^(k+1)),    vHat = v_{k+1} / (1 - beta2^(k+1))
 *   theta_{k+1} = theta_k - eta_k mHat / (sqrt(vHat) + epsilon)
 * </pre>
 *
 * Algorithm 4 of the paper (Adam-SALR) writes the bias correction as {@code m_k / (1 - beta1^(k+1))}
 * and {@code v_k / (1 - beta2^(k+1))}, i.e. on the moments before this step's gradient enters them;
 * this is taken to be a typo and the standard form above (bias-correcting m_{k+1} and v_{k+1}) is
 * used for Adam and Adam-SALR alike. DL4J's own {@code Adam} puts epsilon outside the bias correction
 * (eta sqrt(1 - beta2^t) / (1 - beta1^t) m / (sqrt(v) + epsilon)); the two agree up to the size of
 * epsilon (checked in the tests). The step count t is the number of steps this rule has taken.
 *
 * @param beta1 in [0, 1)
 * @param beta2 in [0, 1)
 * @param epsilon {@code eps}, &gt; 0
 * @param weightDecay the L2 coefficient ({@code weight_decay}), &gt;= 0
 */
public record AdamConfig(double beta1, double beta2, double epsilon, double weightDecay) implements RuleConfig {

    /** Validates every field, naming each by its spec-file name. */
    public AdamConfig {
        Checks.inHalfOpenRange("beta1", beta1, 0.0, 1.0);
        Checks.inHalfOpenRange("beta2", beta2, 0.0, 1.0);
        Checks.positive("eps", epsilon);
        Checks.nonNegative("weight_decay", weightDecay);
    }

    /** beta1 0.9, beta2 0.999, epsilon 1e-8, no weight decay. */
    public static AdamConfig defaults() {
        return new AdamConfig(0.9, 0.999, 1e-8, 0.0);
    }

    @Override
    public String name() {
        return "Adam";
    }


    @Override
    public UpdateRule newRule() {
        return new Rule();
    }

    private final class Rule implements UpdateRule {
        private FlatVector m;
        private FlatVector v;
        private long t;

        @Override
        public FlatVector step(FlatVector params, FlatVector gradient, FlatVector mask, double learningRate) {
            FlatVector d = gradient.dup();
            if (weightDecay != 0) {
                d.addi(params.mul(mask).muli(weightDecay));
            }
            if (m == null) {
                m = d.dup().assign(0.0);
                v = d.dup().assign(0.0);
            }
            t++;
            m.muli(beta1).addi(d.mul(1 - beta1));
            v.muli(beta2).addi(d.mul(d).muli(1 - beta2));
            FlatVector mHat = m.div(1 - Math.pow(beta1, t));
            FlatVector vHat = v.div(1 - Math.pow(beta2, t));
            return mHat.divi(vHat.sqrti().addi(epsilon)).muli(learningRate).muli(mask);
        }

        @Override
        public Map<String, double[]> vectors() {
            return m == null ? Map.of() : Map.of("adam.m", m.toDoubleArray(), "adam.v", v.toDoubleArray());
        }

        @Override
        public Map<String, Double> numbers() {
            return Map.of("adam.t", (double) t);
        }

        @Override
        public void restore(MethodState state, FlatVector like) {
            t = (long) state.number("adam.t");
            if (state.vectors().containsKey("adam.m")) {
                m = like.like(state.vector("adam.m"));
                v = like.like(state.vector("adam.v"));
            } else {
                m = null;
                v = null;
            }
        }
    }
}
