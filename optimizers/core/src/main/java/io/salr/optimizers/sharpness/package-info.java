/**
 * Sharpness measures of the SALR paper (Yue, Nouiehed and Al Kontar, IEEE TNNLS 2023), Section III.
 *
 * <ul>
 *   <li>{@link io.salr.optimizers.sharpness.DeterministicSharpness}: the estimate S-hat of Definition 1,
 *       built from n1 normalized descent and n2 normalized ascent steps of length gamma; this is the
 *       quantity the SALR schedule (Algorithm 1) consumes.</li>
 *   <li>{@link io.salr.optimizers.sharpness.BallSharpness}: the reference measures phi of eq. (1) and S
 *       of eq. (2), computed by dense search over a ball for 1-D and 2-D functions (Fig. 2).</li>
 * </ul>
 */
package io.salr.optimizers.sharpness;
