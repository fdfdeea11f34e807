package io.salr.harness.run;

import io.salr.validation.InvalidParameterException;
import java.util.Locale;

/**
 * How a run ended. {@link #DIVERGED} and {@link #COLLAPSED} are outcomes of the method (data for the
 * analysis, which counts them as the worst results, never averages them); {@link #FAILED} says nothing
 * about the method (an exception, a crash, a machine problem) and is left out of the analysis.
 */
public enum RunStatus {
    /** Trained to the end of its budget with a healthy network. */
    COMPLETED,
    /** A NaN or infinite value, or a training loss that blew up (see {@link OutcomeRule}); training stopped there. */
    DIVERGED,
    /** Trained to the end but ended at chance level, or with a constant network. */
    COLLAPSED,
    /** Could not run or could not finish; see the cause (and whether a rerun may resume). */
    FAILED;

    /** The name in result files and output. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True for the outcomes that describe the method: completed, diverged, collapsed. */
    public boolean isMethodOutcome() {
        return this != FAILED;
    }

    /** Parses a label as {@link #label()} writes it. */
    public static RunStatus parse(String field, Object text) {
        String t = text == null ? "" : String.valueOf(text).trim().toLowerCase(Locale.ROOT);
        for (RunStatus s : values()) {
            if (s.label().equals(t)) {
                return s;
            }
        }
        throw new InvalidParameterException(field, text, "must be completed, diverged, collapsed or failed");
    }
}
