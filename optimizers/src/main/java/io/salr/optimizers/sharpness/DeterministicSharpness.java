package io.salr.optimizers.sharpness;

import io.salr.optimizers.function.DifferentiableFunction;
import io.salr.optimizers.validation.Checks;
import io.salr.optimizers.validation.InvalidParameterException;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.UnitSphereSampler;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

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
 * <p>The point theta is never modified; the arithmetic is whole-vector ND4J operations
 * ({@code dup}, {@code addi}, {@code muli}, {@code norm2Number}), so the same code serves a
 * network's flattened parameters. Points keep the data type of theta.
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
    public SharpnessEstimate estimate(DifferentiableFunction f, INDArray theta, UniformRandomProvider probeStream) {
        Checks.present("f", f);
        Checks.present("theta", theta);
        Checks.present("probeStream", probeStream);
        if (!theta.isVector() || theta.length() != f.dimension()) {
            throw new InvalidParameterException("theta.length", theta.length(),
                    "must be a vector of length f.dimension() = " + f.dimension());
        }
        Chain chain = new Chain(f, theta, probeStream);
        INDArray thetaMinus = chain.walk(config.n1(), -1.0);
        INDArray thetaPlus = chain.walk(config.n2(), +1.0);
        double fPlus = f.value(thetaPlus);
        double fMinus = f.value(thetaMinus);
        return new SharpnessEstimate(fPlus - fMinus, fPlus, fMinus, thetaPlus, thetaMinus,
                chain.gradientCalls, 2, chain.fallbacks);
    }

    /** The walk of both chains from one point, sharing the gradient at that point. */
    private final class Chain {
        private final DifferentiableFunction f;
        private final INDArray theta;
        private final UniformRandomProvider probeStream;
        private INDArray gradientAtTheta;
        private UnitSphereSampler sphere;
        private int gradientCalls;
        private int fallbacks;

        Chain(DifferentiableFunction f, INDArray theta, UniformRandomProvider probeStream) {
            this.f = f;
            this.theta = theta;
            this.probeStream = probeStream;
        }

        /** Walks {@code steps} normalized steps from theta; sign -1 descends, +1 ascends. */
        INDArray walk(int steps, double sign) {
            INDArray current = theta.dup();
            for (int i = 0; i < steps; i++) {
                INDArray direction = i == 0 ? gradientAtTheta().dup() : gradient(current);
                double norm = direction.norm2Number().doubleValue();
                if (!Double.isFinite(norm)) {
                    throw new NonFiniteGradientException(norm, current.norm2Number().doubleValue());
                }
                if (norm == 0.0) {
                    fallbacks++;
                    if (zeroGradientPolicy == ZeroGradientPolicy.STOP) {
                        break;
                    }
                    direction = randomUnitDirection(current);
                    norm = 1.0;
                }
                current.addi(direction.muli(sign * config.gamma() / norm));
            }
            return current;
        }

        private INDArray gradientAtTheta() {
            if (gradientAtTheta == null) {
                gradientAtTheta = gradient(theta);
            }
            return gradientAtTheta;
        }

        private INDArray gradient(INDArray point) {
            gradientCalls++;
            return f.gradient(point);
        }

        private INDArray randomUnitDirection(INDArray like) {
            if (sphere == null) {
                sphere = UnitSphereSampler.of(probeStream, (int) like.length());
            }
            return Nd4j.create(sphere.sample()).castTo(like.dataType());
        }
    }
}
