package io.salr.optimizers.spec;

import io.salr.optimizers.schedule.BaseSchedule;
import io.salr.validation.Checks;
import java.util.Map;

/**
 * The base learning rate of a method: eta_0 and an optional step decay by {@code decayFactor} every
 * {@code decayEvery} epochs (0 = constant).
 *
 * @param lr eta_0, &gt; 0
 * @param decayFactor the factor of each decay, in (0, 1]
 * @param decayEvery epochs between decays, &gt;= 0 (0 = no decay)
 */
public record RateParams(double lr, double decayFactor, int decayEvery) {

    /** The decay factor when none is given: divide by 5, as Section VI does for Entropy-SGD. */
    public static final double DEFAULT_DECAY_FACTOR = 0.2;

    public RateParams {
        Checks.positive("lr", lr);
        Checks.positive("decay_factor", decayFactor);
        Checks.inClosedRange("decay_factor", decayFactor, 0.0, 1.0);
        Checks.atLeast("decay_every", decayEvery, 0);
    }

    static RateParams read(ParamReader r, double lr, int decayEvery) {
        return new RateParams(r.real(Param.LR, lr), r.real(Param.DECAY_FACTOR, DEFAULT_DECAY_FACTOR),
                r.integer(Param.DECAY_EVERY, decayEvery));
    }

    void write(Map<Param, ParamValue> out) {
        out.put(Param.LR, ParamValue.of(lr));
        out.put(Param.DECAY_FACTOR, ParamValue.of(decayFactor));
        out.put(Param.DECAY_EVERY, ParamValue.of(decayEvery));
    }

    /** The schedule for a run with {@code iterationsPerEpoch} iterations per epoch. */
    BaseSchedule schedule(long iterationsPerEpoch) {
        return decayEvery == 0 ? new BaseSchedule.Constant(lr)
                : new BaseSchedule.StepDecay(lr, decayFactor, decayEvery * Math.max(1, iterationsPerEpoch));
    }
}
