package io.salr.harness.run;

import io.salr.validation.InvalidParameterException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a run's weights come from and whether it keeps its final ones (Section VI, Table VI: a network trained on
 * one task is fine-tuned on another).
 *
 * @param initFrom the id of a finished run whose final weights ({@link FinalWeights}) start this run: every
 *     parameter but the output layer's (and BatchNorm's running statistics) is copied, the output layer is the
 *     fresh initialization of this run's own seed; empty for a run that starts from its seed alone. The id, not
 *     the folder, is what the run is: the source's spec determines its weights, and where its folder lies is an
 *     execution detail ({@link Trainer.Options#initSources()})
 * @param save whether the run writes its final parameters as {@code weights.bin} beside result.json (a
 *     pre-training run; other runs keep no weights, so a store does not grow by a network per run)
 */
public record RunWeights(Optional<String> initFrom, boolean save) {

    /** A run that starts from its seed and keeps no weights: every run before these fields existed. */
    public static final RunWeights NONE = new RunWeights(Optional.empty(), false);

    private static final Pattern RUN_ID = Pattern.compile("[0-9a-f]{16}");

    public RunWeights {
        if (initFrom == null) {
            throw new InvalidParameterException("init_from", "null", "must be a run id or absent");
        }
        initFrom.ifPresent(id -> {
            if (!RUN_ID.matcher(id).matches()) {
                throw new InvalidParameterException("init_from", id, "must be a run id (16 lowercase hex digits)");
            }
        });
    }

    /** The same with another source. */
    public RunWeights from(String runId) {
        return new RunWeights(Optional.of(runId), save);
    }

    /** The same with weights kept or not. */
    public RunWeights saving(boolean keep) {
        return new RunWeights(initFrom, keep);
    }
}
