package io.salr.harness.run;

import io.salr.optimizers.dl4j.NetworkAdapter;
import io.salr.optimizers.function.DifferentiableFunction;
import io.salr.optimizers.meter.GradientMeter;
import io.salr.optimizers.sharpness.DeterministicSharpness;
import io.salr.optimizers.sharpness.SharpnessConfig;
import io.salr.optimizers.sharpness.ZeroGradientPolicy;
import java.util.function.IntFunction;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The measurements of a run that are not training: loss and accuracy in inference mode (BatchNorm with
 * its running statistics, no dropout), and the end-of-run sharpness (Table II) and top Hessian
 * eigenvalue, both computed on a float64 copy of the network so that finite differences stay accurate.
 */
final class Evaluation {

    /** Loss and accuracy over a data split. */
    record LossAccuracy(double loss, double accuracy) {
    }

    private Evaluation() {
    }

    /**
     * Mean cross-entropy and accuracy of the network's predictions over {@code examples} examples,
     * fetched in chunks by {@code batchOf} (indices from 0). For sequence outputs every time step counts
     * as one prediction. Each chunk is one forward pass counted on {@code meter}.
     */
    static LossAccuracy lossAndAccuracy(Model net, int examples, IntFunction<DataSet> batchOf, int chunk,
            GradientMeter meter) {
        double lossSum = 0;
        double correct = 0;
        double positions = 0;
        for (int start = 0; start < examples; start += chunk) {
            DataSet batch = batchOf.apply(start);
            INDArray out = output(net, batch.getFeatures()).castTo(DataType.DOUBLE);
            INDArray labels = batch.getLabels().castTo(DataType.DOUBLE);
            meter.recordForwardCall(batch.numExamples());
            INDArray logp = Transforms.log(Transforms.max(out, 1e-12, true), false);
            lossSum -= labels.mul(logp).sumNumber().doubleValue();
            positions += labels.sumNumber().doubleValue();
            correct += Nd4j.argMax(out, 1).eq(Nd4j.argMax(labels, 1)).castTo(DataType.DOUBLE).sumNumber().doubleValue();
        }
        return new LossAccuracy(lossSum / positions, correct / positions);
    }

    private static INDArray output(Model net, INDArray features) {
        if (net instanceof MultiLayerNetwork mln) {
            return mln.output(features, false);
        }
        return ((ComputationGraph) net).outputSingle(false, features);
    }

    /** A float64 copy of a trained network with dropout switched off, for the end-of-run measures. */
    static NetworkAdapter doubleCopy(Model net, GradientMeter meter) {
        if (net instanceof MultiLayerNetwork mln) {
            MultiLayerNetwork copy = mln.convertDataType(DataType.DOUBLE);
            for (org.deeplearning4j.nn.api.Layer l : copy.getLayers()) {
                l.conf().getLayer().setIDropout(null);
            }
            return NetworkAdapter.of(copy, meter);
        }
        ComputationGraph copy = ((ComputationGraph) net).convertDataType(DataType.DOUBLE);
        for (org.deeplearning4j.nn.api.Layer l : copy.getLayers()) {
            l.conf().getLayer().setIDropout(null);
        }
        return NetworkAdapter.of(copy, meter);
    }

    /** The network's mean loss on one fixed batch, as a function of its parameters. */
    static DifferentiableFunction objective(NetworkAdapter net, DataSet batch) {
        return new DifferentiableFunction() {
            @Override
            public int dimension() {
                return Math.toIntExact(net.numParams());
            }

            @Override
            public double value(INDArray theta) {
                net.setParams(theta);
                return net.loss(batch);
            }

            @Override
            public INDArray gradient(INDArray theta) {
                net.setParams(theta);
                return net.lossAndGradient(batch).gradient();
            }
        };
    }

    /**
     * S_hat of Definition 1 at the network's parameters on {@code batch}, without median
     * normalization (Table II). The gradient is zero at BatchNorm running-statistic positions, so the
     * probe moves only trainable weights. The parameters are restored afterwards.
     */
    static double finalSharpness(NetworkAdapter net, DataSet batch, SharpnessConfig config, UniformRandomProvider rng) {
        INDArray theta = net.params();
        try {
            return new DeterministicSharpness(config, ZeroGradientPolicy.RANDOM_DIRECTION)
                    .estimate(objective(net, batch), theta, rng).sHat();
        } finally {
            net.setParams(theta);
        }
    }

    /**
     * The eigenvalue of largest magnitude of the loss Hessian on {@code batch}, by power iteration
     * with Hessian-vector products from central differences of gradients,
     * H v ~ (g(theta + h v) - g(theta - h v)) / (2 h) with h = 1e-4 in float64, restricted to the
     * trainable positions. Returns the Rayleigh quotient v.Hv of the last iterate.
     */
    static double topHessianEigenvalue(NetworkAdapter net, DataSet batch, int iterations, UniformRandomProvider rng) {
        INDArray theta = net.params();
        INDArray mask = net.trainableMask();
        DifferentiableFunction f = objective(net, batch);
        double h = 1e-4;
        try {
            var gaussian = ZigguratSampler.NormalizedGaussian.of(rng);
            double[] start = new double[Math.toIntExact(net.numParams())];
            for (int i = 0; i < start.length; i++) {
                start[i] = gaussian.sample();
            }
            INDArray v = Nd4j.createFromArray(start).castTo(theta.dataType()).muli(mask);
            v.divi(v.norm2Number());
            double lambda = 0;
            for (int it = 0; it < iterations; it++) {
                INDArray plus = f.gradient(theta.add(v.mul(h)));
                INDArray minus = f.gradient(theta.sub(v.mul(h)));
                INDArray hv = plus.subi(minus).divi(2 * h).muli(mask);
                lambda = v.mul(hv).sumNumber().doubleValue();
                double norm = hv.norm2Number().doubleValue();
                if (!(norm > 0) || !Double.isFinite(norm)) {
                    break;
                }
                v = hv.divi(norm);
            }
            return lambda;
        } finally {
            net.setParams(theta);
        }
    }
}
