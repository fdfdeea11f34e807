package io.salr.harness.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.salr.optimizers.engine.ModelSpec;
import io.salr.datasets.models.ModelZoo;
import io.salr.optimizers.dl4j.NetworkAdapter;
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
class EvaluationTest {

    private static NetworkAdapter tinyNet() {
        ModelSpec spec = new ModelSpec("mlp", new int[] {1, 2, 2}, 2, 0.0, false, 1.0, 3, 4);
        return NetworkAdapter.of((MultiLayerNetwork) ModelZoo.build(spec, DataType.DOUBLE), new GradientMeter());
    }

    private static DataSet batch() {
        Nd4j.getRandom().setSeed(9);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 12, 4).subi(0.5).muli(4);
        INDArray y = Nd4j.zeros(DataType.DOUBLE, 12, 2);
        for (int i = 0; i < 12; i++) {
            y.putScalar(i, i % 2, 1.0);
        }
        return new DataSet(x, y);
    }

    @Test
    void powerIterationFindsTheLargestHessianEigenvalueOfTheExactHessian() {
        NetworkAdapter net = tinyNet();
        DataSet batch = batch();
        INDArray theta = net.params();
        int n = (int) net.numParams();
        // the full Hessian by central differences of the gradient, column by column
        double h = 1e-5;
        double[][] hessian = new double[n][n];
        for (int i = 0; i < n; i++) {
            INDArray plus = theta.dup();
            plus.putScalar(i, theta.getDouble(i) + h);
            INDArray minus = theta.dup();
            minus.putScalar(i, theta.getDouble(i) - h);
            net.setParams(plus);
            INDArray gp = net.lossAndGradient(batch).gradient();
            net.setParams(minus);
            INDArray gm = net.lossAndGradient(batch).gradient();
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
        net.setParams(theta);
        double largest = 0;
        for (double ev : new EigenDecomposition(new Array2DRowRealMatrix(hessian)).getRealEigenvalues()) {
            largest = Math.abs(ev) > Math.abs(largest) ? ev : largest;
        }
        double power = Evaluation.topHessianEigenvalue(net, batch, 300, RandomStreams.named(1, "test"));
        assertEquals(largest, power, 1e-3 * Math.abs(largest), "power iteration vs eigendecomposition");
        assertEquals(theta, net.params(), "the parameters are restored");
    }

    @Test
    void finalSharpnessIsDefinitionOneOnTheFixedBatchAndRestoresTheParameters() {
        NetworkAdapter net = tinyNet();
        DataSet batch = batch();
        INDArray theta = net.params();
        SharpnessConfig config = new SharpnessConfig(0.05, 3, 4);
        double measured = Evaluation.finalSharpness(net, batch, config, RandomStreams.named(2, "x"));
        assertEquals(theta, net.params());
        double expected = new DeterministicSharpness(config).estimate(Evaluation.objective(tinyNet(), batch), theta,
                RandomStreams.named(2, "x")).sHat();
        assertEquals(expected, measured, 0.0);
        assertEquals(true, measured > 0, "S_hat = f(theta+) - f(theta-) > 0 away from a flat region");
    }
}
