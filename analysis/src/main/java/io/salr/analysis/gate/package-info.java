/**
 * The regression gate: one-sided non-inferiority tests of a candidate's per-seed results against a
 * committed baseline, per configuration (dataset, model, method, and gamma and hyperparameters where the
 * inputs have them), and a verdict for CI.
 *
 * <p>The question is the paper's claim turned into a check (SALR, Sections 5-6: SALR "matches or beats"
 * its base optimiser at an equal budget): is the candidate no worse than the baseline by more than a
 * margin? For each configuration present on both sides, {@link io.salr.analysis.gate.DifferenceBounds}
 * gives one-sided (1 - alpha) confidence bounds for the improvement of candidate over baseline (paired t on
 * the per-seed differences when both sides ran the same seeds, Welch otherwise), and
 * {@link io.salr.analysis.gate.Verdict} decides: PASS when the lower bound lies above -margin, FAIL when the
 * upper bound lies below -margin, INCONCLUSIVE otherwise. {@link io.salr.analysis.gate.Gate} does the
 * grouping, pairing and divergence bookkeeping; {@link io.salr.analysis.gate.GateMarkdown} writes the
 * verdict table. The margin is given in the metric's displayed unit ({@link
 * io.salr.analysis.gate.GateSettings}): percentage points for accuracies, raw units otherwise. No DL4J.
 */
package io.salr.analysis.gate;
