package io.salr.optimizers.schedule;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salr.validation.InvalidParameterException;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;

/** The two-heap running median against a sort-based reference (Algorithm 1's Median). */
class RunningMedianProperties {

    /** Reference: sort and take the middle value, or the mean of the two middle values. */
    static double sortedMedian(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : sorted[n / 2 - 1] / 2.0 + sorted[n / 2] / 2.0;
    }

    @Provide
    Arbitrary<List<Double>> sequences() {
        // Small integers give many duplicates; wide doubles give negatives and magnitudes.
        Arbitrary<Double> duplicates = Arbitraries.integers().between(-3, 3).map(Integer::doubleValue);
        Arbitrary<Double> wide = Arbitraries.doubles().between(-1e6, 1e6);
        return Arbitraries.oneOf(duplicates, wide).list().ofMinSize(1).ofMaxSize(60);
    }

    @Property
    void everyPrefixMedianEqualsTheSortedMedian(@ForAll("sequences") List<Double> sequence) {
        RunningMedian median = new RunningMedian();
        double[] prefix = new double[sequence.size()];
        for (int i = 0; i < sequence.size(); i++) {
            median.add(sequence.get(i));
            prefix[i] = sequence.get(i);
            assertEquals(sortedMedian(Arrays.copyOf(prefix, i + 1)), median.median(), 0.0,
                    "prefix of length " + (i + 1));
            assertEquals(i + 1, median.size());
        }
        Statistics.collect(sequence.size() % 2 == 0 ? "even" : "odd");
    }

    @Property
    void valuesRoundTripThroughOf(@ForAll("sequences") List<Double> sequence) {
        RunningMedian median = new RunningMedian();
        sequence.forEach(median::add);
        double[] values = median.values();
        assertArrayEquals(sequence.stream().mapToDouble(Double::doubleValue).toArray(), values, 0.0);
        RunningMedian restored = RunningMedian.of(values);
        assertEquals(median.median(), restored.median(), 0.0);
        assertEquals(median.size(), restored.size());
        values[0] = 1e300;
        assertEquals(sequence.get(0), median.values()[0], 0.0, "values() must be a copy");
    }

    @Test
    void evenCountIsTheMeanOfTheTwoMiddleValues() {
        assertEquals(2.5, RunningMedian.of(4, 1, 3, 2).median(), 0.0);
    }

    @Test
    void rejectsNonFiniteValuesAndEmptyMedian() {
        RunningMedian median = new RunningMedian();
        InvalidParameterException nan = assertThrows(InvalidParameterException.class, () -> median.add(Double.NaN));
        assertTrue(nan.getMessage().contains("value") && nan.getMessage().contains("NaN"), nan.getMessage());
        InvalidParameterException inf = assertThrows(InvalidParameterException.class,
                () -> median.add(Double.NEGATIVE_INFINITY));
        assertTrue(inf.getMessage().contains("-Infinity"), inf.getMessage());
        assertThrows(IllegalStateException.class, median::median);
    }
}
