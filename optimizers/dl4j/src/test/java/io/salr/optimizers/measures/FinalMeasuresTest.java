package io.salr.optimizers.measures;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.salr.optimizers.engine.ModelSpec;
import io.salr.optimizers.dl4j.zoo.ModelZoo;
import io.salr.optimizers.dl4j.Dl4jBatch;
import io.salr.optimizers.dl4j.Dl4jModel;
import io.salr.optimizers.dl4j.Nd4jVector;
import io.salr.optimizers.meter.GradientMeter;
import io.salr.optimizers.methods.RandomStreams;
import io.salr.optimizers.sharpness.DeterministicSharpness;
import io.salr.optimizers.sharpness.SharpnessConfig;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** The end-of-run measures against independent computations on a tiny float64 network. */
class FinalMeasuresTest {

    private static Dl4jModel tinyNet() {
        ModelSpec spec = new ModelSpec("mlp", new int[] {1, 2, 2}, 2, 0.0, false, 1.0, 3, 4);
        return Dl4jModel.of((MultiLayerNetwork) ModelZoo.build(spec, DataType.DOUBLE), new GradientMeter());
    }

    private static Dl4jBatch batch() {
        Nd4j.getRandom().setSeed(9);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 12, 4).subi(0.5).muli(4);
        INDArray y = Nd4j.zeros(DataType.DOUBLE, 12, 2);
        for (int i = 0; i < 12; i++) {
            y.putScalar(i, i % 2, 1.0);
        }
        return new Dl4jBatch(new DataSet(x, y));
    }

    @Test
    void powerIterationFindsTheLargestHessianEigenvalueOfTheExactHessian() {
        Dl4jModel net = tinyNet();
        Dl4jBatch batch = batch();
        INDArray theta = Nd4jVector.unwrap(net.params());
        int n = (int) net.numParams();
        // the full Hessian by central differences of the gradient, column by column
        double h = 1e-5;
        double[][] hessian = new double[n][n];
        for (int i = 0; i < n; i++) {
            INDArray plus = theta.dup();
            plus.putScalar(i, theta.getDouble(i) + h);
            INDArray minus = theta.dup();
            minus.putScalar(i, theta.getDouble(i) - h);
            net.setParams(Nd4jVector.wrap(plus));
            INDArray gp = Nd4jVector.unwrap(net.lossAndGradient(batch).gradient());
            net.setParams(Nd4jVector.wrap(minus));
            INDArray gm = Nd4jVector.unwrap(net.lossAndGradient(batch).gradient());
            for (int j = 0; j < n; j++) {
                hessian[j][i] = (gp.getDouble(j) - gm.getDouble(j)) / (2 * h);
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                double s = 0.5 * (hessian[i][j] + hessian[j][i]);
                hessian[i][j] = s;
                hessian[j][i] = s;
            }
        }
        net.setParams(Nd4jVector.wrap(theta));
        double dominant = 0;
        double max = Double.NEGATIVE_INFINITY;
        for (double ev : new EigenDecomposition(new Array2DRowRealMatrix(hessian)).getRealEigenvalues()) {
            dominant = Math.abs(ev) > Math.abs(dominant) ? ev : dominant;
            max = Math.max(max, ev);
        }
        FinalMeasures.HessianEigenvalues power = FinalMeasures.hessianEigenvalues(net, batch, 300,
                RandomStreams.named(1, "test"));
        assertEquals(dominant, power.dominant(), 1e-3 * Math.abs(dominant), "power iteration vs eigendecomposition");
        assertEquals(max, power.max(), 1e-3 * Math.abs(dominant), "largest algebraic eigenvalue");
        assertEquals(theta, Nd4jVector.unwrap(net.params()), "the parameters are restored");
    }

    @Test
    void finalSharpnessIsDefinitionOneOnTheFixedBatchAndRestoresTheParameters() {
        Dl4jModel net = tinyNet();
        Dl4jBatch batch = batch();
        INDArray theta = Nd4jVector.unwrap(net.params());
        SharpnessConfig config = new SharpnessConfig(0.05, 3, 4);
        double measured = FinalMeasures.sharpness(net, batch, config, RandomStreams.named(2, "x"));
        assertEquals(theta, Nd4jVector.unwrap(net.params()));
        double expected = new DeterministicSharpness(config).estimate(new ModelObjective(tinyNet(), batch),
                Nd4jVector.wrap(theta), RandomStreams.named(2, "x")).sHat();
        assertEquals(expected, measured, 0.0);
        assertEquals(true, measured > 0, "S_hat = f(theta+) - f(theta-) > 0 away from a flat region");
    }
}
