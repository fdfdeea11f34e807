/**
 * A paper's claims as testable hypotheses ({@link io.salr.analysis.claims.ClaimSet}, read from a YAML file) and
 * their verdicts on a set of runs ({@link io.salr.analysis.claims.Claims#evaluate}): per claim supported,
 * inconclusive, contradicted or not tested, from the exact rank test with failed runs ranked worst, Holm-adjusted
 * over the family and both directions, with the deciding p, failure rates (Clopper-Pearson, Fisher), intervals,
 * the minimum detectable effect, the measured costs, the scale of the evidence and the paper's own figure beside
 * it; the mechanism check (rate follows sharpness) apart from the verdicts.
 */
package io.salr.analysis.claims;
