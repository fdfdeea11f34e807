package io.salr.harness.run;

import io.salr.optimizers.engine.ModelSpec;
import io.salr.validation.Checks;
import io.salr.validation.InvalidParameterException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The network of a run without the parts the data decides (input shape, classes) or the seed decides
 * (initialization): those are filled in by {@link #toSpec}.
 *
 * @param architecture one of {@link ModelSpec#ARCHITECTURES}
 * @param dropout drop probability after hidden layers
 * @param batchNorm BatchNorm after hidden layers
 * @param widthMultiplier channel/width multiplier
 * @param hidden hidden units of the MLP and the LSTM
 */
public record ModelOptions(String architecture, double dropout, boolean batchNorm, double widthMultiplier, int hidden) {

    public ModelOptions {
        Checks.present("model", architecture);
        Checks.inHalfOpenRange("dropout", dropout, 0, 1);
        Checks.positive("width", widthMultiplier);
        Checks.atLeast("hidden", hidden, 1);
        if (!ModelSpec.ARCHITECTURES.contains(architecture)) {
            throw new InvalidParameterException("model", architecture,
                    "must be one of " + String.join(", ", ModelSpec.ARCHITECTURES.stream().sorted().toList()));
        }
    }

    /** Defaults: no dropout, no BatchNorm, width 1, 256 hidden units. */
    public static ModelOptions of(String architecture) {
        return new ModelOptions(architecture, RunDefaults.DROPOUT, false, RunDefaults.WIDTH, RunDefaults.HIDDEN);
    }

    /** The full model spec for data of the given shape and classes, initialized from {@code seed}. */
    public ModelSpec toSpec(int[] inputShape, int numClasses, long seed) {
        return new ModelSpec(architecture, inputShape, numClasses, dropout, batchNorm, widthMultiplier, hidden, seed);
    }

    /**
     * The intra-op threads a run of this network computes with unless its spec says otherwise: 1 for the MLP
     * (its layers are too small for a second thread to pay: two one-thread runs on two cores do more work
     * than one two-thread run), 2 for the convolutional and recurrent networks.
     */
    public int defaultThreads() {
        return architecture.equals("mlp") ? 1 : 2;
    }

    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("architecture", architecture);
        m.put("dropout", dropout);
        m.put("batch_norm", batchNorm);
        m.put("width_multiplier", widthMultiplier);
        m.put("hidden", hidden);
        return m;
    }
}
