package io.salr.optimizers.methods;

import io.salr.validation.Checks;
import java.util.Map;
import io.salr.optimizers.engine.FlatVector;

/**
 * SGD with heavy-ball momentum and L2 weight decay (the PyTorch {@code torch.optim.SGD} form without
 * dampening or Nesterov):
 *
 * <pre>
 *   d_k = g_k + weightDecay * theta_k        (trainable positions only)
 *   b_{k+1} = momentum * b_k + d_k,  b_0 = 0
 *   theta_{k+1} = theta_k - eta_k * b_{k+1}
 * </pre>
 *
 * With momentum 0 this is the update of Section V and of Algorithm 3.
 *
 * @param momentum in [0, 1)
 * @param weightDecay the L2 coefficient ({@code weight_decay}), &gt;= 0
 */
public record SgdConfig(double momentum, double weightDecay) implements RuleConfig {

    /**
     * The default momentum of SGD, SAM and SWA in a run spec (the paper does not state one); SGD-SALR, which
     * Algorithm 3 writes as plain SGD, and Entropy-SGD's outer step (its authors' code) default to 0.
     */
    public static final double DEFAULT_MOMENTUM = 0.9;

    /** Validates both fields, naming each by its spec-file name. */
    public SgdConfig {
        Checks.inHalfOpenRange("momentum", momentum, 0.0, 1.0);
        Checks.nonNegative("weight_decay", weightDecay);
    }

    /** Plain SGD: no momentum, no weight decay. */
    public static SgdConfig plain() {
        return new SgdConfig(0.0, 0.0);
    }

    @Override
    public String name() {
        return "SGD";
    }


    @Override
    public UpdateRule newRule() {
        return new Rule();
    }

    private final class Rule implements UpdateRule {
        private FlatVector buffer;

        @Override
        public FlatVector step(FlatVector params, FlatVector gradient, FlatVector mask, double learningRate) {
            // d = g + wd * theta (on trainable positions); neither input is modified
            FlatVector d = weightDecay != 0 ? gradient.add(params.mul(mask).muli(weightDecay)) : gradient;
            if (momentum != 0) {
                buffer = buffer == null ? d.dup() : buffer.muli(momentum).addi(d);
                return buffer.mul(learningRate);
            }
            return d.mul(learningRate);
        }

        @Override
        public Map<String, double[]> vectors() {
            return buffer == null ? Map.of() : Map.of("sgd.momentum", buffer.toDoubleArray());
        }

        @Override
        public Map<String, Double> numbers() {
            return Map.of();
        }

        @Override
        public void restore(MethodState state, FlatVector like) {
            buffer = state.vectors().containsKey("sgd.momentum") ? like.like(state.vector("sgd.momentum")) : null;
        }
    }
}
