package io.salr.optimizers.gd;

/**
 * The record of a gradient-descent run: the iterates theta_0..theta_m, f at each, and for each
 * performed update k (0 &lt;= k &lt; m) its learning rate, SALR multiplier and the sharpness value it
 * used. Arrays are owned by the record; do not modify them.
 *
 * @param points the iterates, {@code points[k]} = theta_k; m + 1 rows
 * @param values f(theta_k) for every iterate; the last one is non-finite when {@code diverged}
 * @param learningRates eta_k of every performed update; m entries
 * @param multipliers eta_k / base(k) of every update (all 1 for plain GD); m entries
 * @param sharpness the S-hat used at update k (refreshed every c iterations, reused between); m
 *     entries for GD-SALR, none for plain GD
 * @param gradientCalls gradient evaluations spent, the sharpness probes included
 * @param valueCalls function evaluations spent, the sharpness probes included
 * @param diverged whether the run stopped early because a value, a gradient, an iterate or a
 *     sharpness estimate became non-finite
 */
public record Trajectory(
        double[][] points,
        double[] values,
        double[] learningRates,
        double[] multipliers,
        double[] sharpness,
        long gradientCalls,
        long valueCalls,
        boolean diverged) {

    /** The number m of updates performed. */
    public int updates() {
        return learningRates.length;
    }

    /** The last iterate. */
    public double[] lastPoint() {
        return points[points.length - 1];
    }

    /** f at the last iterate. */
    public double lastValue() {
        return values[values.length - 1];
    }
}
