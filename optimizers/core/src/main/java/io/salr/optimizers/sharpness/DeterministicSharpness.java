package io.salr.optimizers.sharpness;

import io.salr.optimizers.engine.FlatVector;
import io.salr.optimizers.function.DifferentiableFunction;
import io.salr.validation.Checks;
import io.salr.validation.InvalidParameterException;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * The sharpness estimate of Definition 1 (Section III of the SALR paper):
 *
 * <pre>
 *   theta-^(i+1) = theta-^(i) - gamma * g(theta-^(i)) / ||g(theta-^(i))||   (n1 descent steps)
 *   theta+^(i+1) = theta+^(i) + gamma * g(theta+^(i)) / ||g(theta+^(i))||   (n2 ascent steps)
 *   S-hat(theta) = f(theta+^(n2)) - f(theta-^(n1))
 * </pre>
 *
 * with {@code theta+^(0) = theta-^(0) = theta}. Both chains start at theta, so the gradient at theta is
 * computed once and used as the first step of both; an estimate therefore costs
 * {@code 1 + max(n1 - 1, 0) + max(n2 - 1, 0)} gradient calls (fewer if {@link ZeroGradientPolicy#STOP}
 * ends a chain early) and exactly 2 value calls. The descent chain is walked first, then the ascent
 * chain; random directions (only under {@link ZeroGradientPolicy#RANDOM_DIRECTION}) are drawn from the
 * probe stream in that order, so an estimate is reproducible from the stream's state.
 *
 * <p>The point theta is never modified; the arithmetic is whole-vector {@link FlatVector} operations,
 * so the same code serves a landscape's points and a network's flattened parameters on any engine
 * (the walk itself is {@link SharpnessWalk}, shared with Algorithm 2). Points keep the type of theta.
 */
public final class DeterministicSharpness {

    private final SharpnessConfig config;
    private final ZeroGradientPolicy zeroGradientPolicy;

    /**
     * @param config gamma, n1 and n2
     * @param zeroGradientPolicy what a step does at an exactly zero gradient (see {@link ZeroGradientPolicy})
     */
    public DeterministicSharpness(SharpnessConfig config, ZeroGradientPolicy zeroGradientPolicy) {
        this.config = Checks.present("config", config);
        this.zeroGradientPolicy = Checks.present("zeroGradientPolicy", zeroGradientPolicy);
    }

    /** An estimator with the default policy {@link ZeroGradientPolicy#RANDOM_DIRECTION}. */
    public DeterministicSharpness(SharpnessConfig config) {
        this(config, ZeroGradientPolicy.defaultPolicy());
    }

    /** The configuration this estimator was built with. */
    public SharpnessConfig config() {
        return config;
    }

    /** The zero-gradient policy this estimator was built with. */
    public ZeroGradientPolicy zeroGradientPolicy() {
        return zeroGradientPolicy;
    }

    /**
     * Evaluates Definition 1 at theta.
     *
     * @param f the objective
     * @param theta the point, a vector of length {@code f.dimension()}; not modified
     * @param probeStream the random stream for zero-gradient fallbacks (drawn from only when a
     *     gradient is exactly zero under {@link ZeroGradientPolicy#RANDOM_DIRECTION})
     * @return the estimate with its end points and its exact gradient and value call counts
     * @throws NonFiniteGradientException if a gradient on either chain has a NaN or infinite norm
     */
    public SharpnessEstimate estimate(DifferentiableFunction f, FlatVector theta, UniformRandomProvider probeStream) {
        return estimate(f, theta, theta.dup().assign(1.0), probeStream);
    }

    /**
     * Definition 1 at theta, moving only where {@code mask} is 1 (a network's trainable weights: its
     * gradient is zero at the running statistics, and random fallback directions are restricted too).
     */
    public SharpnessEstimate estimate(DifferentiableFunction f, FlatVector theta, FlatVector mask,
            UniformRandomProvider probeStream) {
        Checks.present("f", f);
        Checks.present("theta", theta);
        Checks.present("probeStream", probeStream);
        if (theta.length() != f.dimension()) {
            throw new InvalidParameterException("theta.length", theta.length(),
                    "must be a vector of length f.dimension() = " + f.dimension());
        }
        int[] gradientCalls = {0};
        SharpnessWalk.Oracle oracle = point -> {
            gradientCalls[0]++;
            FlatVector g = f.gradient(point);
            return new SharpnessWalk.Direction(g, g.norm2(), true);
        };
        SharpnessWalk walk = new SharpnessWalk(config.gamma(), zeroGradientPolicy, probeStream, mask);
        // both chains start at theta: the gradient there is computed once and starts both
        SharpnessWalk.Direction atTheta = config.n1() + config.n2() > 0 ? oracle.at(theta) : null;
        SharpnessWalk.Result minus = walk.walk(theta, config.n1(), -1.0, oracle, atTheta);
        SharpnessWalk.Result plus = walk.walk(theta, config.n2(), +1.0, oracle, atTheta);
        double fPlus = f.value(plus.end());
        double fMinus = f.value(minus.end());
        int steps = minus.stepsTaken() + plus.stepsTaken();
        return new SharpnessEstimate(fPlus - fMinus, fPlus, fMinus, plus.end(), minus.end(),
                gradientCalls[0], 2, minus.fallbacks() + plus.fallbacks(),
                steps == 0 ? 0 : (minus.lengthSum() + plus.lengthSum()) / steps);
    }
}
