package io.salr.optimizers.spec;

import io.salr.validation.Checks;
import io.salr.optimizers.methods.SwaConfig;
import java.util.Map;

/**
 * SWA's stage (Izmailov et al. 2018): averaging starts at {@code start} x the planned iterations; the rate
 * then runs cyclically from {@code lrMax} down to {@code lrMin} over {@code cycle} iterations (cycle 1
 * with lrMax = lrMin is a constant SWA rate), and the parameters at the end of each cycle enter the
 * equal-weight average. Section VI switches to the cyclic rate in the SWA stage. The cyclic stage's parameters
 * are validated by {@link SwaConfig#checkCycle}, which runs them.
 *
 * @param start the fraction of the planned iterations before averaging, in [0, 1]
 * @param lrMax the rate at the start of a cycle, &gt; 0
 * @param lrMin the rate at the end of a cycle, in (0, lrMax]
 * @param cycle iterations per cycle, &gt;= 1
 */
public record SwaParams(double start, double lrMax, double lrMin, int cycle) {

    public SwaParams {
        Checks.inClosedRange("swa_start", start, 0.0, 1.0);
        SwaConfig.checkCycle(lrMax, lrMin, cycle);
    }

    static SwaParams read(ParamReader r, double lr) {
        return new SwaParams(r.real(Param.SWA_START, 0.75), r.real(Param.SWA_LR_MAX, lr), r.real(Param.SWA_LR_MIN, lr),
                r.integer(Param.SWA_CYCLE, 1));
    }

    void write(Map<Param, ParamValue> out) {
        out.put(Param.SWA_START, ParamValue.of(start));
        out.put(Param.SWA_LR_MAX, ParamValue.of(lrMax));
        out.put(Param.SWA_LR_MIN, ParamValue.of(lrMin));
        out.put(Param.SWA_CYCLE, ParamValue.of(cycle));
    }
}
