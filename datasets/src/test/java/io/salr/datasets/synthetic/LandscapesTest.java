package io.salr.datasets.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salr.optimizers.function.DifferentiableFunction;
import io.salr.validation.InvalidParameterException;
import org.junit.jupiter.api.Test;
import io.salr.optimizers.engine.FlatVector;
import io.salr.optimizers.engine.ArrayVector;

/** The registry and the analytic gradients, curvatures and spectra of the synthetic landscapes. */
class LandscapesTest {

    /** Central differences with step 1e-6 against the analytic gradient. */
    private static void assertGradientMatchesFiniteDifferences(DifferentiableFunction f, double[] x) {
        FlatVector gradient = f.gradient(ArrayVector.of(x));
        assertEquals(x.length, gradient.length());
        for (int i = 0; i < x.length; i++) {
            double[] up = x.clone();
            double[] down = x.clone();
            double h = 1e-6;
            up[i] += h;
            down[i] -= h;
            double numeric = (f.value(ArrayVector.of(up)) - f.value(ArrayVector.of(down))) / (2 * h);
            assertEquals(numeric, gradient.toDoubleArray()[i], 1e-5 * Math.max(1, Math.abs(numeric)), f + " d/dx" + i);
        }
    }

    @Test
    void everyRegisteredLandscapeHasAConsistentGradient() {
        for (String name : Landscapes.names()) {
            DifferentiableFunction f = Landscapes.byName(name);
            double[] x = new double[f.dimension()];
            for (int i = 0; i < x.length; i++) {
                x[i] = 0.37 + 0.21 * i;
            }
            assertGradientMatchesFiniteDifferences(f, x);
        }
        assertEquals(5, Landscapes.names().size());
    }

    @Test
    void unknownNameListsTheValidOnes() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> Landscapes.byName("banana"));
        assertTrue(e.getMessage().contains("banana"), e.getMessage());
        for (String name : Landscapes.names()) {
            assertTrue(e.getMessage().contains(name), e.getMessage());
        }
    }

    @Test
    void sharpFlatMinimaHaveEqualDepthAndTheStatedCurvatures() {
        SharpFlat1D f = SharpFlat1D.standard();
        assertEquals(0.0, f.valueAt(f.sharpMinimizer()), 0.0);
        assertEquals(0.0, f.valueAt(f.flatMinimizer()), 0.0);
        double h = 1e-4;
        double sharp = (f.valueAt(f.a() + h) - 2 * f.valueAt(f.a()) + f.valueAt(f.a() - h)) / (h * h);
        double flat = (f.valueAt(f.b() + h) - 2 * f.valueAt(f.b()) + f.valueAt(f.b() - h)) / (h * h);
        assertEquals(f.sharpCurvature(), sharp, 1e-3 * f.sharpCurvature());
        assertEquals(f.flatCurvature(), flat, 1e-3 * f.flatCurvature());
        assertTrue(f.sharpCurvature() > 50 * f.flatCurvature());
        assertGradientMatchesFiniteDifferences(f, new double[] {-0.93});

        SharpFlat2D g = SharpFlat2D.standard();
        assertEquals(0.0, g.valueAt(-1, 0), 0.0);
        assertEquals(0.0, g.valueAt(2, 0), 0.0);
        double sharp2 = (g.valueAt(-1, h) - 2 * g.valueAt(-1, 0) + g.valueAt(-1, -h)) / (h * h);
        assertEquals(g.sharpCurvature(), sharp2, 1e-3 * g.sharpCurvature());
        assertGradientMatchesFiniteDifferences(g, new double[] {-0.95, 0.04});
        assertGradientMatchesFiniteDifferences(g, new double[] {1.5, -0.7});
    }

    @Test
    void quadraticExposesItsSpectrum() {
        Quadratic q = Quadratic.rotated(new double[] {0.5, 3.0, 8.0}, 9L).withMinimizer(1, 2, 3);
        assertEquals(0.5, q.mu(), 0.0);
        assertEquals(8.0, q.L(), 0.0);
        double[][] a = q.matrix();
        for (int i = 0; i < 3; i++) {
            double[] v = q.eigenvector(i);
            double[] av = new double[3];
            for (int r = 0; r < 3; r++) {
                for (int c = 0; c < 3; c++) {
                    av[r] += a[r][c] * v[c];
                }
            }
            double lambda = q.eigenvalues()[i];
            assertArrayEquals(new double[] {lambda * v[0], lambda * v[1], lambda * v[2]}, av, 1e-12);
        }
        assertEquals(0.0, q.value(ArrayVector.of(new double[] {1, 2, 3})), 0.0);
        assertGradientMatchesFiniteDifferences(q, new double[] {0.1, -0.4, 2.0});
    }

    @Test
    void rosenbrockMinimumAndGradient() {
        Rosenbrock r = new Rosenbrock(4);
        assertEquals(0.0, r.value(ArrayVector.of(new double[] {1, 1, 1, 1})), 0.0);
        assertGradientMatchesFiniteDifferences(r, new double[] {-1.2, 1.0, 0.3, 0.8});
    }
}
