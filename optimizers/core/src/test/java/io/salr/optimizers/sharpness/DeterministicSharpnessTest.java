package io.salr.optimizers.sharpness;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salr.optimizers.engine.ArrayVector;
import io.salr.optimizers.engine.FlatVector;
import io.salr.optimizers.function.DifferentiableFunction;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/** Definition 1 on a diagonal quadratic written with flat-vector operations: counts, immutability, policies. */
class DeterministicSharpnessTest {

    /** f(x) = 1/2 sum_i d_i x_i^2, counting its calls. */
    static final class Diagonal implements DifferentiableFunction {
        final ArrayVector d;
        final AtomicInteger values = new AtomicInteger();
        final AtomicInteger gradients = new AtomicInteger();

        Diagonal(double... d) {
            this.d = ArrayVector.of(d);
        }

        @Override
        public int dimension() {
            return (int) d.length();
        }

        @Override
        public double value(FlatVector theta) {
            values.incrementAndGet();
            return 0.5 * theta.mul(theta).dot(d);
        }

        @Override
        public FlatVector gradient(FlatVector theta) {
            gradients.incrementAndGet();
            return theta.mul(d);
        }
    }

    private static FlatVector vector(double... values) {
        return ArrayVector.of(values);
    }

    @Property
    void countsCallsExactlyAndNeverMutatesTheta(
            @ForAll @IntRange(min = 0, max = 6) int n1,
            @ForAll @IntRange(min = 0, max = 6) int n2,
            @ForAll @DoubleRange(min = 0.5, max = 3) double x0) {
        if (n1 == 0 && n2 == 0) {
            return;
        }
        Diagonal f = new Diagonal(2.0, 5.0);
        FlatVector theta = vector(x0, -x0);
        DeterministicSharpness estimator = new DeterministicSharpness(new SharpnessConfig(0.01, n1, n2));
        SharpnessEstimate estimate = estimator.estimate(f, theta, RandomSource.SPLIT_MIX_64.create(1L));
        assertArrayEquals(new double[] {x0, -x0}, theta.toDoubleArray(), 0.0);
        int expectedGradients = 1 + Math.max(n1 - 1, 0) + Math.max(n2 - 1, 0);
        assertEquals(expectedGradients, estimate.gradientCalls());
        assertEquals(expectedGradients, f.gradients.get());
        assertEquals(2, estimate.valueCalls());
        assertEquals(2, f.values.get());
        assertEquals(estimate.fPlus() - estimate.fMinus(), estimate.sHat(), 0.0);
        assertTrue(estimate.thetaPlus() instanceof ArrayVector);
        // Remark 2: every probe point lies within max(n1, n2) * gamma of theta.
        assertTrue(estimate.thetaPlus().sub(theta).norm2() <= n2 * 0.01 + 1e-12);
        assertTrue(estimate.thetaMinus().sub(theta).norm2() <= n1 * 0.01 + 1e-12);
        assertEquals(0.01, estimate.meanStepLength(), 1e-15);
    }

    @Test
    void randomDirectionAtAMinimizerIsPositiveAndReproducible() {
        Diagonal f = new Diagonal(1.0, 9.0);
        DeterministicSharpness estimator = new DeterministicSharpness(new SharpnessConfig(0.1, 2, 3),
                ZeroGradientPolicy.RANDOM_DIRECTION);
        SharpnessEstimate first = estimator.estimate(f, vector(0, 0), RandomSource.SPLIT_MIX_64.create(7L));
        SharpnessEstimate again = estimator.estimate(f, vector(0, 0), RandomSource.SPLIT_MIX_64.create(7L));
        assertTrue(first.sHat() > 0, "S-hat at the minimizer: " + first.sHat());
        assertEquals(first.sHat(), again.sHat(), 0.0);
        assertArrayEquals(first.thetaPlus().toDoubleArray(), again.thetaPlus().toDoubleArray(), 0.0);
        assertTrue(first.zeroGradientFallbacks() >= 2, "both chains start at a zero gradient");
    }

    @Test
    void stopAtAMinimizerGivesZero() {
        Diagonal f = new Diagonal(1.0, 9.0);
        DeterministicSharpness estimator = new DeterministicSharpness(new SharpnessConfig(0.1, 2, 3),
                ZeroGradientPolicy.STOP);
        SharpnessEstimate estimate = estimator.estimate(f, vector(0, 0), RandomSource.SPLIT_MIX_64.create(7L));
        assertEquals(0.0, estimate.sHat(), 0.0);
        assertEquals(1, estimate.gradientCalls(), "only the shared gradient at theta is evaluated");
        assertEquals(2, estimate.zeroGradientFallbacks());
    }

    @Test
    void defaultPolicyIsRandomDirection() {
        assertEquals(ZeroGradientPolicy.RANDOM_DIRECTION,
                new DeterministicSharpness(new SharpnessConfig(0.1, 1, 1)).zeroGradientPolicy());
    }

    @Test
    void nonFiniteGradientIsAnErrorNamingTheNorms() {
        DifferentiableFunction blowUp = new DifferentiableFunction() {
            @Override
            public int dimension() {
                return 1;
            }

            @Override
            public double value(FlatVector theta) {
                return 0;
            }

            @Override
            public FlatVector gradient(FlatVector theta) {
                return ArrayVector.of(Double.NaN);
            }
        };
        DeterministicSharpness estimator = new DeterministicSharpness(new SharpnessConfig(0.1, 1, 1));
        NonFiniteGradientException e = assertThrows(NonFiniteGradientException.class,
                () -> estimator.estimate(blowUp, vector(3.0), RandomSource.SPLIT_MIX_64.create(1L)));
        assertTrue(e.getMessage().contains("NaN") && e.getMessage().contains("3.0"), e.getMessage());
    }
}
