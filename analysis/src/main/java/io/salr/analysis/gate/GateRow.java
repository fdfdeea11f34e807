package io.salr.analysis.gate;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The gate's finding for one configuration present in both inputs. Values are in the metric's stored units.
 *
 * @param group         the configuration
 * @param nBaseline     baseline seeds with a value of the metric
 * @param nCandidate    candidate seeds with a value of the metric
 * @param baselineMean  mean over the baseline seeds, absent without values
 * @param candidateMean mean over the candidate seeds, absent without values
 * @param bounds        the bounds of the improvement of candidate over baseline, absent when they cannot be
 *                      computed (fewer than 2 values or pairs; the notes say why)
 * @param verdict       PASS, FAIL or INCONCLUSIVE
 * @param notes         why a verdict is not the bounds' own, which test was used and why, and so on
 * @param findings      facts a reviewer should see even when the verdict is PASS: seeds present on one side only
 */
public record GateRow(Group group, int nBaseline, int nCandidate, OptionalDouble baselineMean,
                      OptionalDouble candidateMean, Optional<DifferenceBounds> bounds, Verdict verdict,
                      List<String> notes, List<String> findings) {

    public GateRow {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(baselineMean, "baselineMean");
        Objects.requireNonNull(candidateMean, "candidateMean");
        Objects.requireNonNull(bounds, "bounds");
        Objects.requireNonNull(verdict, "verdict");
        notes = List.copyOf(notes);
        findings = List.copyOf(findings);
    }
}
