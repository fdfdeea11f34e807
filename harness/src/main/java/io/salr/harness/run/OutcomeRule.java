package io.salr.harness.run;

import io.salr.validation.Checks;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * When a run that stays finite has nevertheless blown up (part of the run spec, so of its id). The loss
 * is followed as an exponential moving average of the step losses over about {@code window} iterations;
 * its reference is the mean loss of the first {@code window} iterations (the starting loss). The run is
 * diverged when, for {@code patience} consecutive iterations, either
 * <ul>
 *   <li>the average exceeds {@code blowupFactor} times the starting loss (for a classifier that starts at
 *       chance, far worse than chance), or</li>
 *   <li>after it had fallen below a tenth of the starting loss, it climbs back above
 *       {@code relapseFactor} times its running minimum and above half the starting loss (a trained network
 *       that lost what it learnt).</li>
 * </ul>
 * The run stops there, recording the first iteration of the streak and the loss trace as evidence.
 * A NaN or infinite value ends a run at once, whatever the rule.
 *
 * @param window iterations of the starting loss and of the moving average, &gt;= 1
 * @param blowupFactor multiple of the starting loss, &gt; 1
 * @param relapseFactor multiple of the running minimum, &gt; 1
 * @param patience consecutive iterations the condition must hold, &gt;= 1
 */
public record OutcomeRule(int window, double blowupFactor, double relapseFactor, int patience) {

    /** The defaults: a window of 20 iterations, 3x the starting loss or 100x the minimum, for 20 iterations. */
    public static final OutcomeRule DEFAULTS = new OutcomeRule(20, 3.0, 100.0, 20);

    public OutcomeRule {
        Checks.atLeast("outcome.window", window, 1);
        Checks.positive("outcome.blowup_factor", blowupFactor);
        Checks.positive("outcome.relapse_factor", relapseFactor);
        if (blowupFactor <= 1) {
            throw new io.salr.validation.InvalidParameterException("outcome.blowup_factor", blowupFactor, "must be > 1");
        }
        if (relapseFactor <= 1) {
            throw new io.salr.validation.InvalidParameterException("outcome.relapse_factor", relapseFactor, "must be > 1");
        }
        Checks.atLeast("outcome.patience", patience, 1);
    }

    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("window", window);
        m.put("blowup_factor", blowupFactor);
        m.put("relapse_factor", relapseFactor);
        m.put("patience", patience);
        return m;
    }
}
