package io.salr.optimizers.sharpness;

import io.salr.optimizers.engine.FlatVector;

/**
 * One evaluation of Definition 1 (Section III): {@code sHat = fPlus - fMinus} with
 * {@code fPlus = f(thetaPlus)} after the ascent chain and {@code fMinus = f(thetaMinus)} after the
 * descent chain, together with the cost of computing it.
 *
 * <p>The two points are fresh vectors owned by this record; the point the estimate was taken at is
 * never among them.
 *
 * @param sHat the sharpness estimate f(theta+) - f(theta-); negative only if a step overshoots
 * @param fPlus f at the end of the n2 ascent steps
 * @param fMinus f at the end of the n1 descent steps
 * @param thetaPlus the end of the ascent chain (theta itself when n2 = 0)
 * @param thetaMinus the end of the descent chain (theta itself when n1 = 0)
 * @param gradientCalls gradient evaluations spent
 * @param valueCalls function evaluations spent
 * @param zeroGradientFallbacks how many steps met an exactly zero gradient and applied the
 *     {@link ZeroGradientPolicy}
 * @param meanStepLength the mean Euclidean length of the steps taken (gamma for normalized steps)
 */
public record SharpnessEstimate(
        double sHat,
        double fPlus,
        double fMinus,
        FlatVector thetaPlus,
        FlatVector thetaMinus,
        int gradientCalls,
        int valueCalls,
        int zeroGradientFallbacks,
        double meanStepLength) {
}
