package io.salr.optimizers.torch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salr.optimizers.engine.FlatVector;
import io.salr.validation.InvalidParameterException;
import java.util.SplittableRandom;
import java.util.function.DoubleBinaryOperator;
import java.util.function.UnaryOperator;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link TorchVector} against a plain double[] reference. In float64 every element-wise operation is one
 * IEEE operation, so it must equal Java's bit for bit; in float32 it must equal Java's float arithmetic
 * (operands and scalar rounded to float first) bit for bit. Reductions are checked to a relative
 * tolerance, since their summation order is ATen's.
 */
class TorchVectorTest {

    private static final int N = 1037; // not a multiple of any vector width

    @BeforeAll
    static void load() {
        TorchRuntime.ensureLoaded();
    }

    private static double[] random(long seed, double lo, double hi) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[N];
        for (int i = 0; i < N; i++) {
            v[i] = r.nextDouble(lo, hi);
        }
        return v;
    }

    private static TorchVector vec(double[] v, ScalarType type) {
        return TorchVector.of(v, type, null);
    }

    private static double[] roundF(double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) v[i];
        }
        return out;
    }

    private void checkBinary(UnaryOperator<FlatVector> op, FlatVector b, DoubleBinaryOperator ref, double[] a,
            double[] bv, ScalarType type) {
        FlatVector x = vec(a, type);
        FlatVector returned = op.apply(x);
        assertSame(x, returned, "an in-place operation returns this");
        double[] got = x.toDoubleArray();
        for (int i = 0; i < N; i++) {
            double expected = type == ScalarType.Double ? ref.applyAsDouble(a[i], bv[i])
                    : (float) ref.applyAsDouble((float) a[i], (float) bv[i]);
            assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(got[i]),
                    "entry " + i + " (" + type + "): expected " + expected + ", got " + got[i]);
        }
    }

    @Test
    void elementWiseOperationsEqualJavaArithmeticBitForBit() {
        for (ScalarType type : new ScalarType[] {ScalarType.Double, ScalarType.Float}) {
            double[] a = random(1, -3, 3);
            double[] b = random(2, 0.5, 4);
            double[] as = type == ScalarType.Float ? roundF(a) : a;
            double[] bs = type == ScalarType.Float ? roundF(b) : b;
            FlatVector bvec = vec(b, type);
            checkBinary(x -> x.addi(bvec), bvec, (p, q) -> p + q, as, bs, type);
            checkBinary(x -> x.subi(bvec), bvec, (p, q) -> p - q, as, bs, type);
            checkBinary(x -> x.muli(bvec), bvec, (p, q) -> p * q, as, bs, type);
            checkBinary(x -> x.divi(bvec), bvec, (p, q) -> p / q, as, bs, type);
            double s = 0.3;
            double[] sv = new double[N];
            java.util.Arrays.fill(sv, s);
            double[] svs = type == ScalarType.Float ? roundF(sv) : sv;
            checkBinary(x -> x.addi(s), null, (p, q) -> p + q, as, svs, type);
            checkBinary(x -> x.muli(s), null, (p, q) -> p * q, as, svs, type);
            checkBinary(x -> x.divi(s), null, (p, q) -> p / q, as, svs, type);
            checkBinary(x -> x.assign(s), null, (p, q) -> q, as, svs, type);
            checkBinary(x -> x.assign(bvec), null, (p, q) -> q, as, bs, type);
            double[] pos = type == ScalarType.Float ? roundF(random(3, 0, 9)) : random(3, 0, 9);
            checkBinary(FlatVector::sqrti, null, (p, q) -> Math.sqrt(p), pos, pos, type);
        }
    }

    @Test
    void outOfPlaceOperationsLeaveTheirOperandsAlone() {
        double[] a = random(4, -1, 1);
        double[] b = random(5, -1, 1);
        FlatVector x = vec(a, ScalarType.Double);
        FlatVector y = vec(b, ScalarType.Double);
        FlatVector sum = x.add(y);
        FlatVector scaled = x.mul(2.0);
        FlatVector dup = x.dup();
        assertNotSame(x, sum);
        assertArrayEquals(a, x.toDoubleArray());
        assertArrayEquals(b, y.toDoubleArray());
        dup.muli(0.0);
        assertArrayEquals(a, x.toDoubleArray(), "dup() has its own storage");
        for (int i = 0; i < N; i++) {
            assertEquals(a[i] + b[i], sum.toDoubleArray()[i]);
            assertEquals(a[i] * 2.0, scaled.toDoubleArray()[i]);
        }
    }

    @Test
    void reductionsMatchTheReference() {
        for (ScalarType type : new ScalarType[] {ScalarType.Double, ScalarType.Float}) {
            double[] a = random(6, -2, 2);
            double[] b = random(7, -2, 2);
            if (type == ScalarType.Float) {
                a = roundF(a);
                b = roundF(b);
            }
            double norm = 0;
            double dot = 0;
            for (int i = 0; i < N; i++) {
                norm += a[i] * a[i];
                dot += a[i] * b[i];
            }
            norm = Math.sqrt(norm);
            double tol = type == ScalarType.Double ? 1e-13 : 1e-6;
            assertEquals(norm, vec(a, type).norm2(), tol * norm);
            assertEquals(dot, vec(a, type).dot(vec(b, type)), tol * Math.abs(norm * norm));
            assertEquals(N, vec(a, type).length());
        }
    }

    @Test
    void allFiniteSeesNanInfinityAndOverflowingSums() {
        double[] a = random(8, -1, 1);
        assertTrue(vec(a, ScalarType.Float).allFinite());
        a[17] = Double.NaN;
        assertFalse(vec(a, ScalarType.Float).allFinite());
        a[17] = Double.POSITIVE_INFINITY;
        assertFalse(vec(a, ScalarType.Double).allFinite());
        double[] big = new double[N];
        java.util.Arrays.fill(big, 3e38); // each finite in float32, the float32 sum overflows
        assertTrue(vec(big, ScalarType.Float).allFinite());
    }

    @Test
    void likeAndToDoubleArrayRoundTripExactly() {
        double[] a = random(9, -5, 5);
        TorchVector f = vec(a, ScalarType.Float);
        double[] stored = f.toDoubleArray();
        assertArrayEquals(roundF(a), stored, "float32 storage holds the rounded values");
        FlatVector back = f.like(stored);
        assertArrayEquals(stored, back.toDoubleArray(), "float32 -> double[] -> float32 is exact");
        TorchVector d = vec(a, ScalarType.Double);
        assertArrayEquals(a, d.like(d.toDoubleArray()).toDoubleArray());
    }

    @Test
    void mixingLengthsTypesOrEnginesIsAnErrorNamingTheField() {
        TorchVector a = vec(random(10, 0, 1), ScalarType.Float);
        TorchVector shorter = TorchVector.of(new double[] {1, 2}, ScalarType.Float, null);
        TorchVector dbl = vec(random(11, 0, 1), ScalarType.Double);
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> a.addi(shorter));
        assertEquals("other.length", e.parameter());
        e = assertThrows(InvalidParameterException.class, () -> a.addi(dbl));
        assertEquals("other.type", e.parameter());
        FlatVector foreign = new io.salr.optimizers.engine.FlatVector() {
            public long length() { return N; }
            public FlatVector dup() { return this; }
            public FlatVector assign(FlatVector s) { return this; }
            public FlatVector assign(double v) { return this; }
            public FlatVector addi(FlatVector o) { return this; }
            public FlatVector subi(FlatVector o) { return this; }
            public FlatVector muli(FlatVector o) { return this; }
            public FlatVector divi(FlatVector o) { return this; }
            public FlatVector addi(double v) { return this; }
            public FlatVector muli(double v) { return this; }
            public FlatVector divi(double v) { return this; }
            public FlatVector sqrti() { return this; }
            public double norm2() { return 0; }
            public double dot(FlatVector o) { return 0; }
            public boolean allFinite() { return true; }
            public double[] toDoubleArray() { return new double[N]; }
            public FlatVector like(double[] v) { return this; }
        };
        e = assertThrows(InvalidParameterException.class, () -> a.dot(foreign));
        assertEquals("other", e.parameter());
        e = assertThrows(InvalidParameterException.class, () -> a.like(new double[3]));
        assertEquals("values.length", e.parameter());
    }

    @Test
    void runtimeIsPinnedAsDocumented() {
        TorchRuntime.Settings s = TorchRuntime.ensureLoaded();
        assertEquals("AVX2", s.cpuCapability(), "ATen's kernels are pinned to AVX2 by default");
        assertTrue(s.deterministic());
        assertFalse(s.oneDnn());
        assertEquals(1, s.interopThreads());
        assertEquals(torch.get_num_threads(), s.threads());
        assertTrue(TorchRuntime.describe().containsKey("torch_version"));
        assertEquals("2.10.0", s.torchVersion());
    }
}
