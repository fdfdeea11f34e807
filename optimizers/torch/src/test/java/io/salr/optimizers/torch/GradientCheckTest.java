package io.salr.optimizers.torch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salr.optimizers.engine.Batch;
import io.salr.optimizers.engine.FlatVector;
import io.salr.optimizers.engine.LossGradient;
import io.salr.optimizers.engine.ModelSpec;
import io.salr.optimizers.engine.ParameterBlock;
import io.salr.optimizers.meter.GradientMeter;
import java.util.List;
import java.util.SplittableRandom;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The gradient of every architecture against central finite differences of the loss, in float64, and the
 * float32 model against the float64 one on the same weights (a wrong float32 kernel shows up there: that is
 * how the broken oneDNN convolution of this LibTorch build was found).
 */
class GradientCheckTest {

    static List<ModelSpec> specs() {
        return List.of(Fixtures.mlp(false, 0.0), Fixtures.mlp(true, 0.0), Fixtures.mlp(false, 0.4),
                Fixtures.lenet(false, 0.0), Fixtures.lenet(true, 0.3), Fixtures.allCnn(false, 0.0),
                Fixtures.allCnn(true, 0.3), Fixtures.resnet(0.0), Fixtures.resnet(0.2), Fixtures.charLstm(0.0),
                Fixtures.charLstm(0.3));
    }

    /** A float64 model with dropout active (the measurement copy switches it off). */
    private static TorchModel float64(ModelSpec spec, GradientMeter meter) {
        return new TorchModel(spec, ScalarType.Double, new Device("cpu"), meter, true, null);
    }

    @ParameterizedTest
    @MethodSource("specs")
    void gradientMatchesCentralDifferencesInFloat64(ModelSpec spec) {
        GradientMeter meter = new GradientMeter();
        TorchModel m = float64(spec, meter);
        m.seedStochasticLayers(99);
        Batch b = m.batch(Fixtures.batch(spec, 5, 7));
        LossGradient g = m.lossAndGradient(b);
        assertEquals(1, meter.gradientCalls());
        FlatVector theta = m.params();
        FlatVector mask = m.trainableMask();
        SplittableRandom r = new SplittableRandom(3);
        double h = 1e-6;
        for (int k = 0; k < 3; k++) {
            double[] dir = new double[(int) m.numParams()];
            for (int i = 0; i < dir.length; i++) {
                dir[i] = r.nextGaussian();
            }
            FlatVector v = theta.like(dir).muli(mask);
            v.divi(v.norm2());
            m.setParams(theta.add(v.mul(h)));
            double plus = m.loss(b);
            m.setParams(theta.sub(v.mul(h)));
            double minus = m.loss(b);
            m.setParams(theta);
            double numeric = (plus - minus) / (2 * h);
            double analytic = g.gradient().dot(v);
            assertEquals(numeric, analytic, 1e-6 + 1e-5 * Math.abs(analytic),
                    spec.architecture() + " direction " + k + ": numeric " + numeric + ", analytic " + analytic);
        }
        // and single coordinates of the first and last trainable block
        double[] grad = g.gradient().toDoubleArray();
        List<ParameterBlock> layout = m.layout();
        for (ParameterBlock block : List.of(layout.get(0), layout.get(layout.size() - 1))) {
            int i = (int) (block.offset() + block.length() / 2);
            double[] t = theta.toDoubleArray();
            t[i] += h;
            m.setParams(theta.like(t));
            double plus = m.loss(b);
            t[i] -= 2 * h;
            m.setParams(theta.like(t));
            double minus = m.loss(b);
            m.setParams(theta);
            assertEquals((plus - minus) / (2 * h), grad[i], 1e-6 + 1e-5 * Math.abs(grad[i]),
                    spec.architecture() + " " + block);
        }
        double[] gradient = g.gradient().toDoubleArray();
        double[] maskValues = mask.toDoubleArray();
        for (int i = 0; i < gradient.length; i++) {
            if (maskValues[i] == 0) {
                assertEquals(0.0, gradient[i], "the gradient is zero at running-statistic position " + i);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("specs")
    void float32AgreesWithFloat64OnTheSameWeights(ModelSpec spec) {
        ModelSpec noDropout = new ModelSpec(spec.architecture(), spec.inputShape(), spec.numClasses(), 0.0,
                spec.batchNorm(), spec.widthMultiplier(), spec.hidden(), spec.seed());
        TorchModel f32 = new TorchEngine().build(noDropout, new GradientMeter());
        TorchModel f64 = (TorchModel) f32.measurementCopy(new GradientMeter());
        assertEquals(ScalarType.Double, f64.scalarType());
        Batch b32 = f32.batch(Fixtures.batch(noDropout, 6, 8));
        Batch b64 = f64.batch(Fixtures.batch(noDropout, 6, 8));
        LossGradient g32 = f32.lossAndGradient(b32);
        LossGradient g64 = f64.lossAndGradient(b64);
        assertEquals(g64.loss(), g32.loss(), 1e-5 * Math.max(1, Math.abs(g64.loss())), spec.architecture());
        double[] a = g32.gradient().toDoubleArray();
        double[] e = g64.gradient().toDoubleArray();
        double diff = 0;
        double norm = 0;
        for (int i = 0; i < a.length; i++) {
            diff += (a[i] - e[i]) * (a[i] - e[i]);
            norm += e[i] * e[i];
        }
        assertTrue(Math.sqrt(diff) <= 1e-4 * Math.sqrt(norm) + 1e-7,
                spec.architecture() + ": |g32 - g64| = " + Math.sqrt(diff) + ", |g64| = " + Math.sqrt(norm));
    }
}
