package io.salr.optimizers.methods;

import io.salr.optimizers.schedule.BaseSchedule;
import io.salr.validation.Checks;

/**
 * eta_k = schedule(k): a constant rate or the step decay used by the SGD baselines of Section VI.
 *
 * @param schedule the base schedule
 */
public record ScheduledRate(BaseSchedule schedule) implements RateConfig {

    /** Validates the schedule. */
    public ScheduledRate {
        Checks.present("schedule", schedule);
    }

    @Override
    public boolean isSalr() {
        return false;
    }

}
