package io.salr.optimizers.spec;

import io.salr.validation.Checks;
import io.salr.validation.InvalidParameterException;
import java.util.Map;

/**
 * SWA's stage (Izmailov et al. 2018): averaging starts at {@code start} x the planned iterations; the rate
 * then runs cyclically from {@code lrMax} down to {@code lrMin} over {@code cycle} iterations (cycle 1
 * with lrMax = lrMin is a constant SWA rate), and the parameters at the end of each cycle enter the
 * equal-weight average. Section VI switches to the cyclic rate in the SWA stage.
 *
 * @param start the fraction of the planned iterations before averaging, in [0, 1]
 * @param lrMax the rate at the start of a cycle, &gt; 0
 * @param lrMin the rate at the end of a cycle, in (0, lrMax]
 * @param cycle iterations per cycle, &gt;= 1
 */
public record SwaParams(double start, double lrMax, double lrMin, int cycle) {

    public SwaParams {
        Checks.inClosedRange("swa_start", start, 0.0, 1.0);
        Checks.positive("swa_lr_max", lrMax);
        Checks.positive("swa_lr_min", lrMin);
        if (lrMin > lrMax) {
            throw new InvalidParameterException("swa_lr_min", lrMin, "must be <= swa_lr_max = " + lrMax);
        }
        Checks.atLeast("swa_cycle", cycle, 1);
    }

    static SwaParams read(ParamReader r, double lr) {
        return new SwaParams(r.real("swa_start", 0.75), r.real("swa_lr_max", lr), r.real("swa_lr_min", lr),
                r.integer("swa_cycle", 1));
    }

    void write(Map<String, Object> out) {
        out.put("swa_start", start);
        out.put("swa_lr_max", lrMax);
        out.put("swa_lr_min", lrMin);
        out.put("swa_cycle", cycle);
    }
}
