/**
 * Runs: the immutable, content-hashed {@link io.salr.harness.run.RunSpec} (STYLE rule 1) and the
 * trainer that executes one spec on a DL4J network, metering every pass and writing its metrics,
 * result, provenance and checkpoints into a run folder (Section VI of the paper: budget-matched runs).
 */
package io.salr.harness.run;
