package io.salr.optimizers.methods;

import io.salr.optimizers.dl4j.NetworkAdapter;
import io.salr.optimizers.sharpness.NonFiniteGradientException;
import io.salr.optimizers.sharpness.ZeroGradientPolicy;
import io.salr.optimizers.validation.Checks;
import org.apache.commons.rng.UniformRandomProvider;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Algorithm 2 (Section V): from theta_k, n1 normalized descent steps reach theta-, n2 normalized ascent
 * steps reach theta+, and S-hat_k = f_B(theta+) - f_B(theta-) with f_B the mean loss on the probe batch.
 * Steps move only the trainable positions; the parameters (running statistics included) are restored
 * bit for bit afterwards, and since no running-statistic step is ever applied the BatchNorm statistics
 * are untouched. Every pass runs in training mode (see {@link NetworkAdapter}).
 *
 * <p>Cost: each of the n1 + n2 steps takes one gradient call ({@code BATCH}) or B gradient calls
 * ({@code PER_EXAMPLE}); the two end points take one forward-only evaluation each. Unlike
 * {@code DeterministicSharpness}, the first gradient of the two chains is not shared, so the count is
 * exactly (n1 + n2) directions as in Section VI's budget of (n1 + n2) / c.
 */
public final class StochasticSharpness {

    private final StochasticSharpnessConfig config;

    /** An estimator for the given options. */
    public StochasticSharpness(StochasticSharpnessConfig config) {
        this.config = Checks.present("config", config);
    }

    /**
     * S-hat at the network's current parameters.
     *
     * @param net the network (its parameters are restored before returning, also on failure)
     * @param batch the probe batch
     * @param stream random directions for exactly zero gradients under
     *     {@link ZeroGradientPolicy#RANDOM_DIRECTION}
     * @throws NonFiniteGradientException if a step's direction has a NaN or infinite norm
     */
    public double estimate(NetworkAdapter net, DataSet batch, UniformRandomProvider stream) {
        INDArray theta = net.params();
        INDArray mask = net.trainableMask();
        try {
            INDArray minus = walk(net, batch, theta, mask, config.sharpness().n1(), -1.0, stream);
            INDArray plus = walk(net, batch, theta, mask, config.sharpness().n2(), +1.0, stream);
            net.setParams(plus);
            double fPlus = net.loss(batch);
            net.setParams(minus);
            double fMinus = net.loss(batch);
            return fPlus - fMinus;
        } finally {
            net.setParams(theta);
        }
    }

    private INDArray walk(NetworkAdapter net, DataSet batch, INDArray theta, INDArray mask, int steps,
            double sign, UniformRandomProvider stream) {
        INDArray point = theta.dup();
        double gamma = config.sharpness().gamma();
        for (int i = 0; i < steps; i++) {
            net.setParams(point);
            INDArray direction = direction(net, batch);
            double norm = direction.norm2Number().doubleValue();
            if (!Double.isFinite(norm)) {
                throw new NonFiniteGradientException(norm, point.norm2Number().doubleValue());
            }
            if (norm == 0) {
                if (config.zeroGradientPolicy() == ZeroGradientPolicy.STOP) {
                    break;
                }
                direction = Vectors.gaussian(stream, mask);
                direction.divi(direction.norm2Number());
            }
            point.addi(direction.muli(sign * gamma));
        }
        return point;
    }

    /**
     * The step direction before the factor gamma: the mean of per-example unit gradients (whose norm is
     * at most 1, as Algorithm 2 is written) or the unit batch gradient; zero when the gradient is zero.
     */
    private INDArray direction(NetworkAdapter net, DataSet batch) {
        if (config.normalization() == StochasticSharpnessConfig.Normalization.PER_EXAMPLE) {
            return net.perExampleNormalizedGradient(batch).direction();
        }
        INDArray g = net.lossAndGradient(batch).gradient();
        double norm = g.norm2Number().doubleValue();
        return norm > 0 && Double.isFinite(norm) ? g.divi(norm) : g;
    }
}
