package io.salr.datasets.real;

import io.salr.validation.InvalidParameterException;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** First-N and stratified subsets and the stratified hold-out split, on a small labelled set. */
class SubsetsTest {

    /** 100 examples of 1x1x2: class counts 50, 30, 15, 5, in interleaved order; features encode the index. */
    static LabeledData unbalanced() {
        int[] labels = new int[100];
        for (int i = 0; i < 100; i++) {
            int r = i % 20;
            labels[i] = r < 10 ? 0 : r < 16 ? 1 : r < 19 ? 2 : 3;
        }
        float[] x = new float[200];
        for (int i = 0; i < 100; i++) {
            x[2 * i] = i / 100f;
            x[2 * i + 1] = 1f;
        }
        return new LabeledData("toy", x, labels, new ImageShape(1, 1, 2), List.of("a", "b", "c", "d"));
    }

    @Test
    void firstNKeepsTheFirstExamplesInOrder() {
        LabeledData data = unbalanced();
        LabeledData first = Subsets.firstN(data, 7);
        assertEquals(7, first.size());
        for (int i = 0; i < 7; i++) {
            assertEquals(data.label(i), first.label(i));
            assertArrayEquals(data.features(i), first.features(i), 0f);
        }
        assertArrayEquals(new int[]{0, 1, 2}, Subsets.firstNIndices(10, 3));
        var e = assertThrows(InvalidParameterException.class, () -> Subsets.firstN(data, 101));
        assertEquals("n", e.parameter());
        assertEquals("101", e.value());
        assertThrows(InvalidParameterException.class, () -> Subsets.firstN(data, 0));
    }

    @Test
    void allocationUsesLargestRemainders() {
        // Exact shares of 10 from (50, 30, 15, 5): 5, 3, 1.5, 0.5 -> remainders tie, lower class wins.
        assertArrayEquals(new int[]{5, 3, 2, 0}, Subsets.allocate(new int[]{50, 30, 15, 5}, 10));
        assertThrows(InvalidParameterException.class, () -> Subsets.allocate(new int[]{1, 1, 1}, 7),
                "7 > 3 examples");
        // Shares of 11 from (60, 25, 15): 6.6, 2.75, 1.65 -> floors 6, 2, 1, remainders .6 .75 .65 -> +1 to class 1, then 2.
        assertArrayEquals(new int[]{6, 3, 2}, Subsets.allocate(new int[]{60, 25, 15}, 11));
        assertArrayEquals(new int[]{0, 4, 0}, Subsets.allocate(new int[]{0, 4, 0}, 4));
    }

    @Test
    void stratifiedSubsetKeepsProportionsAndIsReproducible() {
        LabeledData data = unbalanced();
        LabeledData a = Subsets.stratified(data, 20, 42L);
        LabeledData b = Subsets.stratified(data, 20, 42L);
        LabeledData c = Subsets.stratified(data, 20, 43L);
        assertArrayEquals(new int[]{10, 6, 3, 1}, a.classCounts());
        assertArrayEquals(a.labels(), b.labels());
        float[] fa = new float[20];
        float[] fb = new float[20];
        float[] fc = new float[20];
        for (int i = 0; i < 20; i++) {
            fa[i] = a.feature(i, 0);
            fb[i] = b.feature(i, 0);
            fc[i] = c.feature(i, 0);
        }
        assertArrayEquals(fa, fb, 0f, "same seed, same examples");
        assertFalse(Arrays.equals(fa, fc), "another seed, other examples");
        for (int i = 1; i < 20; i++) {
            assertTrue(fa[i] > fa[i - 1], "original order kept");
        }
        int[] idx = Subsets.stratifiedIndices(data.labels(), 4, 20, 42L);
        for (int i = 0; i < 20; i++) {
            assertEquals(idx[i] / 100f, fa[i], 0f);
            assertEquals(data.label(idx[i]), a.label(i));
        }
    }

    @Test
    void stratifiedOfEverythingIsEverything() {
        LabeledData data = unbalanced();
        assertArrayEquals(IntStream.range(0, 100).toArray(), Subsets.stratifiedIndices(data.labels(), 4, 100, 1L));
    }

    @Test
    void holdOutIsDisjointCoversEverythingAndIsStratified() {
        LabeledData data = unbalanced();
        Subsets.TrainValidation split = Subsets.stratifiedHoldOut(data, 10, 7L);
        assertEquals(90, split.train().size());
        assertEquals(10, split.validation().size());
        assertArrayEquals(new int[]{5, 3, 2, 0}, split.validation().classCounts());
        assertArrayEquals(new int[]{45, 27, 13, 5}, split.train().classCounts());
        boolean[] seen = new boolean[100];
        for (LabeledData part : List.of(split.train(), split.validation())) {
            for (int i = 0; i < part.size(); i++) {
                int original = Math.round(part.feature(i, 0) * 100);
                assertFalse(seen[original], "example " + original + " appears twice");
                seen[original] = true;
                assertEquals(data.label(original), part.label(i));
            }
        }
        for (int i = 0; i < 100; i++) {
            assertTrue(seen[i], "example " + i + " missing");
        }
        Subsets.TrainValidation again = Subsets.stratifiedHoldOut(data, 10, 7L);
        assertArrayEquals(split.validation().features(3), again.validation().features(3), 0f);
        var e = assertThrows(InvalidParameterException.class, () -> Subsets.stratifiedHoldOut(data, 100, 7L));
        assertEquals("validationSize", e.parameter());
    }

    @Test
    void explicitGeneratorGivesTheSameSubsetAsItsSeed() {
        LabeledData data = unbalanced();
        assertArrayEquals(Subsets.stratifiedIndices(data.labels(), 4, 30, 99L),
                Subsets.stratifiedIndices(data.labels(), 4, 30, Subsets.SOURCE.create(99L)));
    }

    @Test
    void firstNOfTextSequences() {
        CharVocabulary v = new CharVocabulary(new int[]{'a', 'b'}, false);
        CharSequenceData seqs = new CharSequenceData("t", v, new int[]{0, 1, 0, 1, 1, 0, 0, 1, 1}, 2);
        assertEquals(4, seqs.size());
        CharSequenceData first = (CharSequenceData) Subsets.firstN((ExampleSet) seqs, 2);
        assertEquals(2, first.size());
        assertArrayEquals(new int[]{0, 1, 1}, new int[]{first.inputs(1)[0], first.inputs(1)[1], first.targets(1)[1]});
    }
}
