package io.salr.optimizers.measures;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.salr.optimizers.engine.QuadraticModel;
import io.salr.optimizers.meter.GradientMeter;
import io.salr.optimizers.methods.RandomStreams;
import org.junit.jupiter.api.Test;

/** The Hessian measures on quadratics whose Hessian is known exactly. */
class HessianEigenvaluesTest {

    /** Q diag(values) Q^T for a fixed rotation Q of R^3. */
    private static double[][] rotated(double... values) {
        double c = Math.cos(0.7);
        double s = Math.sin(0.7);
        double[][] q = {{c, -s, 0}, {s * 0.6, c * 0.6, -0.8}, {s * 0.8, c * 0.8, 0.6}};
        double[][] a = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 3; k++) {
                    a[i][j] += q[i][k] * values[k] * q[j][k];
                }
            }
        }
        return a;
    }

    private static FinalMeasures.HessianEigenvalues measure(double... eigenvalues) {
        QuadraticModel q = new QuadraticModel(rotated(eigenvalues), QuadraticModel.centres(4, 3, 1, 1),
                new double[] {0.3, -0.2, 0.1}, new GradientMeter());
        double[] before = q.params().toDoubleArray();
        FinalMeasures.HessianEigenvalues h = FinalMeasures.hessianEigenvalues(q, QuadraticModel.batch(0, 1, 2, 3), 200,
                RandomStreams.named(1, "test"));
        assertArrayEquals(before, q.params().toDoubleArray(), 0.0, "parameters restored");
        return h;
    }

    /** At a saddle whose strongest curvature is downward, the largest eigenvalue is not the dominant one. */
    @Test
    void theLargestAlgebraicEigenvalueIsFoundWhenTheDominantOneIsNegative() {
        FinalMeasures.HessianEigenvalues h = measure(-5, 1, 3);
        assertEquals(-5, h.dominant(), 1e-3);
        assertEquals(3, h.max(), 1e-3);
    }

    @Test
    void onAPositiveDefiniteHessianBothAreTheLargest() {
        FinalMeasures.HessianEigenvalues h = measure(0.5, 2, 7);
        assertEquals(7, h.dominant(), 1e-3);
        assertEquals(7, h.max(), 1e-3);
    }

    @Test
    void powerIterationStopsWhenItSettlesAndSaysWhenItDidNot() {
        FinalMeasures.HessianEigenvalues h = measure(0.5, 2, 7);
        assertTrue(h.converged());
        assertTrue(h.iterations() < 200, "stopped early: " + h.iterations());
        // eigenvalues 6.9 and 7: the ratio 0.986 needs far more than 5 iterations
        QuadraticModel q = new QuadraticModel(rotated(1, 6.9, 7), QuadraticModel.centres(4, 3, 1, 1),
                new double[] {0.3, -0.2, 0.1}, new GradientMeter());
        FinalMeasures.HessianEigenvalues capped = FinalMeasures.hessianEigenvalues(q, QuadraticModel.batch(0, 1, 2, 3), 5,
                RandomStreams.named(1, "test"));
        assertEquals(5, capped.iterations());
        assertFalse(capped.converged());
    }

    @Test
    void onANegativeDefiniteHessianTheLargestIsTheLeastNegative() {
        FinalMeasures.HessianEigenvalues h = measure(-6, -2, -1);
        assertEquals(-6, h.dominant(), 1e-3);
        assertEquals(-1, h.max(), 1e-3);
    }
}
