package io.salr.harness.run;

import io.salr.optimizers.engine.Catalogue;
import io.salr.optimizers.engine.ModelSpec;
import io.salr.optimizers.engine.Network;
import io.salr.validation.Checks;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The network of a run without the parts the data decides (input shape, classes) or the seed decides
 * (initialization): those are filled in by {@link #toSpec}.
 *
 * @param network a network of the {@link Catalogue}; {@link #architecture()} is its name
 * @param dropout drop probability after hidden layers
 * @param batchNorm BatchNorm after hidden layers
 * @param widthMultiplier channel/width multiplier
 * @param hidden hidden units of the MLP and the LSTM
 */
public record ModelOptions(Network network, double dropout, boolean batchNorm, double widthMultiplier, int hidden) {

    public ModelOptions {
        Checks.present("model", network);
        Checks.inHalfOpenRange("dropout", dropout, 0, 1);
        Checks.positive("width", widthMultiplier);
        Checks.atLeast("hidden", hidden, 1);
    }

    /**
     * Options for the network named {@code architecture} in the {@link Catalogue}.
     *
     * @throws io.salr.validation.InvalidParameterException naming {@code model} when there is no such network
     */
    public ModelOptions(String architecture, double dropout, boolean batchNorm, double widthMultiplier, int hidden) {
        this(Catalogue.network("model", Checks.present("model", architecture)), dropout, batchNorm, widthMultiplier,
                hidden);
    }

    /** The network's name (what specs and {@link #describe()} hold). */
    public String architecture() {
        return network.label();
    }

    /** Defaults: no dropout, no BatchNorm, width 1, 256 hidden units. */
    public static ModelOptions of(String architecture) {
        return new ModelOptions(architecture, RunDefaults.DROPOUT, false, RunDefaults.WIDTH, RunDefaults.HIDDEN);
    }

    /** The full model spec for data of the given shape and classes, initialized from {@code seed}. */
    public ModelSpec toSpec(int[] inputShape, int numClasses, long seed) {
        return new ModelSpec(network, inputShape, numClasses, dropout, batchNorm, widthMultiplier, hidden, seed);
    }

    /** The intra-op threads a run of this network computes with unless its spec says otherwise ({@link Network#defaultThreads}). */
    public int defaultThreads() {
        return network.defaultThreads();
    }

    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("architecture", network.label());
        m.put("dropout", dropout);
        m.put("batch_norm", batchNorm);
        m.put("width_multiplier", widthMultiplier);
        m.put("hidden", hidden);
        return m;
    }
}
