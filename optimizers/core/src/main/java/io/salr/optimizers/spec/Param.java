package io.salr.optimizers.spec;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every parameter a method can have, by the one name it has everywhere: spec files ({@code grid},
 * {@code overrides}, {@code -P KEY=VALUE}), spec.json's {@code method_params}, result.json, the CSV columns and the
 * report. The declaration order is the order in which a method lists its parameters (rate, rule, the family's own,
 * SALR's), so every method's parameters come out in one fixed order.
 */
public enum Param {
    LR("lr", Kind.REAL),
    DECAY_FACTOR("decay_factor", Kind.REAL),
    DECAY_EVERY("decay_every", Kind.WHOLE),
    MOMENTUM("momentum", Kind.REAL),
    BETA1("beta1", Kind.REAL),
    BETA2("beta2", Kind.REAL),
    EPS("eps", Kind.REAL),
    WEIGHT_DECAY("weight_decay", Kind.REAL),
    RHO("rho", Kind.REAL),
    SWA_START("swa_start", Kind.REAL),
    SWA_LR_MAX("swa_lr_max", Kind.REAL),
    SWA_LR_MIN("swa_lr_min", Kind.REAL),
    SWA_CYCLE("swa_cycle", Kind.WHOLE),
    LANGEVIN_STEPS("langevin_steps", Kind.WHOLE),
    LANGEVIN_LR("langevin_lr", Kind.REAL),
    NOISE("noise", Kind.REAL),
    SCOPE_GAMMA("scope_gamma", Kind.REAL),
    SCOPING("scoping", Kind.REAL),
    SCOPE_MAX("scope_max", Kind.REAL),
    ALPHA("alpha", Kind.REAL),
    LANGEVIN_MOMENTUM("langevin_momentum", Kind.REAL),
    GAMMA("gamma", Kind.REAL),
    N1("n1", Kind.WHOLE),
    N2("n2", Kind.WHOLE),
    C("c", Kind.WHOLE),
    NORMALIZATION("normalization", Kind.CHOICE),
    PROBE_BATCH("probe_batch", Kind.CHOICE),
    CLAMP_MIN("clamp_min", Kind.REAL),
    CLAMP_MAX("clamp_max", Kind.REAL),
    WARMUP("warmup", Kind.WHOLE);

    /** What a parameter's values are. */
    public enum Kind {
        /** A finite number ({@link ParamValue.Real}). */
        REAL,
        /** An integer ({@link ParamValue.Whole}). */
        WHOLE,
        /** One of an enum's values ({@link ParamValue.Choice}). */
        CHOICE
    }

    private final String key;
    private final Kind kind;

    Param(String key, Kind kind) {
        this.key = key;
        this.kind = kind;
    }

    /** The name in spec files, spec.json, result.json and CSV columns ({@code scope_gamma}). */
    public String key() {
        return key;
    }

    public Kind kind() {
        return kind;
    }

    /** The parameter of a name, if there is one. */
    public static Optional<Param> byKey(String key) {
        return Arrays.stream(values()).filter(p -> p.key.equals(key)).findFirst();
    }

    @Override
    public String toString() {
        return key;
    }
}
