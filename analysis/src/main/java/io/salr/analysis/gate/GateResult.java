package io.salr.analysis.gate;

import java.util.List;
import java.util.Objects;

/**
 * The gate's verdicts.
 *
 * <p>The overall verdict is FAIL when some configuration fails; otherwise INCONCLUSIVE when some
 * configuration is inconclusive or some baseline configuration is missing from the candidate (its runs
 * failed or were not run: nothing can be said about it); otherwise PASS. Configurations only in the
 * candidate (new methods without a baseline) are listed and do not change the verdict.
 *
 * @param settings          what was tested
 * @param baselineName      how the baseline is named in the table (e.g. its path)
 * @param candidateName     how the candidate is named in the table
 * @param rows              one per configuration in both inputs, in the baseline's order
 * @param onlyInBaseline    configurations the candidate lacks
 * @param onlyInCandidate   configurations the baseline lacks
 */
public record GateResult(GateSettings settings, String baselineName, String candidateName, List<GateRow> rows,
                         List<Group> onlyInBaseline, List<Group> onlyInCandidate) {

    public GateResult {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(baselineName, "baselineName");
        Objects.requireNonNull(candidateName, "candidateName");
        rows = List.copyOf(rows);
        onlyInBaseline = List.copyOf(onlyInBaseline);
        onlyInCandidate = List.copyOf(onlyInCandidate);
    }

    /** The overall verdict (see the class comment). */
    public Verdict overall() {
        if (count(Verdict.FAIL) > 0) {
            return Verdict.FAIL;
        }
        if (count(Verdict.INCONCLUSIVE) > 0 || !onlyInBaseline.isEmpty()) {
            return Verdict.INCONCLUSIVE;
        }
        return Verdict.PASS;
    }

    /** Configurations with the given verdict. */
    public long count(Verdict v) {
        return rows.stream().filter(r -> r.verdict() == v).count();
    }
}
