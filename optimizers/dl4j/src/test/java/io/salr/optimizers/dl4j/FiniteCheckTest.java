package io.salr.optimizers.dl4j;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The fast path (a finite sum) and the exact check agree on every case that matters. */
class FiniteCheckTest {

    @Test
    void finiteEntriesWhoseSumOverflowsAreStillFinite() {
        INDArray big = Nd4j.valueArrayOf(new long[] {1000}, 3e38f, DataType.FLOAT);
        assertTrue(Double.isInfinite(big.sumNumber().doubleValue()), "the float sum overflows");
        assertTrue(FiniteCheck.allFinite(big));
    }

    @Test
    void anyNanOrInfinityIsFound() {
        for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
            INDArray a = Nd4j.ones(DataType.FLOAT, 200_000);
            a.putScalar(123_456, bad);
            assertFalse(FiniteCheck.allFinite(a), "entry " + bad);
        }
        INDArray both = Nd4j.ones(DataType.DOUBLE, 10);
        both.putScalar(1, Double.POSITIVE_INFINITY);
        both.putScalar(2, Double.NEGATIVE_INFINITY);
        assertFalse(FiniteCheck.allFinite(both), "+inf and -inf (their sum is NaN)");
        assertTrue(FiniteCheck.allFinite(Nd4j.ones(DataType.DOUBLE, 10)));
    }
}
