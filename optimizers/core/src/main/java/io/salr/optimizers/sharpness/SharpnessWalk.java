package io.salr.optimizers.sharpness;

import io.salr.optimizers.engine.FlatVector;
import io.salr.optimizers.engine.Vectors;
import io.salr.validation.Checks;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * The normalized walk of Definition 1 and Algorithm 2, written once for both estimators: from a start
 * point, {@code steps} steps of size gamma along (sign) x the oracle's direction at the current point,
 * sign -1 for the descent chain (theta-) and +1 for the ascent chain (theta+).
 *
 * <p>The oracle gives each step's direction and says how to normalize it: Definition 1 divides the
 * gradient by its norm in the step itself ({@code divideByNorm}); Algorithm 2 hands over a direction
 * that is already normalized (the unit batch gradient, or the mean of per-example unit gradients, whose
 * norm is at most 1 and is kept, as Algorithm 2 is written). A direction whose norm is exactly zero
 * applies the {@link ZeroGradientPolicy}; one whose norm is NaN or infinite ends the walk with a
 * {@link NonFiniteGradientException}. The start point is never modified.
 */
public final class SharpnessWalk {

    /**
     * One step's direction.
     *
     * @param vector the direction (the walk may scale it in place)
     * @param norm its Euclidean norm
     * @param divideByNorm true when the step is gamma * vector / norm (Definition 1), false when it is
     *     gamma * vector (the oracle normalized it already)
     */
    public record Direction(FlatVector vector, double norm, boolean divideByNorm) {
    }

    /** The direction at a point (the oracle may move a model there to compute it). */
    @FunctionalInterface
    public interface Oracle {
        Direction at(FlatVector point);
    }

    /**
     * Where a walk ended.
     *
     * @param end the end point, a fresh vector
     * @param stepsTaken steps actually taken (fewer than asked only under {@link ZeroGradientPolicy#STOP})
     * @param fallbacks steps that met an exactly zero direction
     * @param lengthSum the sum of the steps' Euclidean lengths (gamma for a normalized step, gamma times
     *     the direction's norm for Algorithm 2's mean of unit vectors)
     */
    public record Result(FlatVector end, int stepsTaken, int fallbacks, double lengthSum) {
    }

    private final double gamma;
    private final ZeroGradientPolicy policy;
    private final UniformRandomProvider stream;
    private final FlatVector mask;

    /**
     * @param gamma the step size
     * @param policy what a step does at an exactly zero direction
     * @param stream where random fallback directions come from
     * @param mask 1 where the walk may move, 0 elsewhere (random directions are restricted to it)
     */
    public SharpnessWalk(double gamma, ZeroGradientPolicy policy, UniformRandomProvider stream, FlatVector mask) {
        this.gamma = Checks.positive("gamma", gamma);
        this.policy = Checks.present("policy", policy);
        this.stream = Checks.present("stream", stream);
        this.mask = Checks.present("mask", mask);
    }

    /**
     * Walks from {@code start}.
     *
     * @param first the direction at {@code start} when it is already known (shared between the two chains
     *     of one estimate, or taken from the training step's own gradient); null to ask the oracle
     */
    public Result walk(FlatVector start, int steps, double sign, Oracle oracle, Direction first) {
        FlatVector point = start.dup();
        int taken = 0;
        int fallbacks = 0;
        double lengthSum = 0;
        for (int i = 0; i < steps; i++) {
            Direction d = i == 0 && first != null
                    ? new Direction(first.vector().dup(), first.norm(), first.divideByNorm()) : oracle.at(point);
            double norm = d.norm();
            if (!Double.isFinite(norm)) {
                throw new NonFiniteGradientException(norm, point.norm2());
            }
            if (norm == 0.0) {
                fallbacks++;
                if (policy == ZeroGradientPolicy.STOP) {
                    break;
                }
                FlatVector random = Vectors.gaussian(stream, mask);
                random.divi(random.norm2());
                point.addi(random.muli(sign * gamma));
                lengthSum += gamma;
            } else if (d.divideByNorm()) {
                point.addi(d.vector().muli(sign * gamma / norm));
                lengthSum += gamma;
            } else {
                point.addi(d.vector().muli(sign * gamma));
                lengthSum += gamma * norm;
            }
            taken++;
        }
        return new Result(point, taken, fallbacks, lengthSum);
    }
}
