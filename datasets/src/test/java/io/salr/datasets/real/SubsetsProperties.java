package io.salr.datasets.real;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Properties of stratified allocation and sampling over random label vectors. */
class SubsetsProperties {

    /** Labels in [0, 6) and a subset size in [1, labels.length]. */
    record Case(int[] labels, int n, long seed) {
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<int[]> labels = Arbitraries.integers().between(0, 5).array(int[].class).ofMinSize(1).ofMaxSize(300);
        return labels.flatMap(l -> Combinators.combine(Arbitraries.integers().between(1, l.length),
                Arbitraries.longs()).as((n, seed) -> new Case(l, n, seed)));
    }

    @Property(tries = 300)
    void eachClassIsWithinOneOfItsExactShare(@ForAll("cases") Case c) {
        int[] counts = new int[6];
        for (int label : c.labels) {
            counts[label]++;
        }
        int[] idx = Subsets.stratifiedIndices(c.labels, 6, c.n, c.seed);
        assertEquals(c.n, idx.length);
        int[] got = new int[6];
        for (int i = 0; i < idx.length; i++) {
            got[c.labels[idx[i]]]++;
            if (i > 0) {
                assertTrue(idx[i] > idx[i - 1], "ascending and without repeats");
            }
        }
        for (int k = 0; k < 6; k++) {
            double exact = (double) c.n * counts[k] / c.labels.length;
            assertTrue(Math.abs(got[k] - exact) < 1.0, "class " + k + ": " + got[k] + " vs exact " + exact);
            assertTrue(got[k] <= counts[k]);
        }
        assertArrayEquals(Subsets.allocate(counts, c.n), got);
    }

    @Property(tries = 200)
    void sameSeedSameSubset(@ForAll("cases") Case c) {
        assertArrayEquals(Subsets.stratifiedIndices(c.labels, 6, c.n, c.seed),
                Subsets.stratifiedIndices(c.labels.clone(), 6, c.n, c.seed));
    }

    @Property(tries = 200)
    void allocationSumsToN(@ForAll("cases") Case c) {
        int[] counts = new int[6];
        for (int label : c.labels) {
            counts[label]++;
        }
        assertEquals(c.n, Arrays.stream(Subsets.allocate(counts, c.n)).sum());
    }
}
