/**
 * A paper's claims as testable hypotheses ({@link io.salr.analysis.claims.ClaimSet}, read from a YAML file) and
 * their verdicts on a set of runs ({@link io.salr.analysis.claims.Claims#evaluate}): per claim supported, not
 * supported (inconclusive at this power), contradicted or not tested, with effect sizes, intervals, Holm-adjusted
 * p-values, the minimum detectable effect, the scale of the evidence and the paper's own figure beside it.
 */
package io.salr.analysis.claims;
