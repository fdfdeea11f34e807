package io.salr.datasets.real;

import io.salr.optimizers.engine.HostBatch;

import io.salr.validation.InvalidParameterException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Minibatch assembly and validation of the in-memory labelled data type. */
class LabeledDataTest {

    /** 4 examples of 2x2x3; feature j of example i is (10 i + j) / 100. */
    private static LabeledData small() {
        float[] x = new float[4 * 12];
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 12; j++) {
                x[i * 12 + j] = (10 * i + j) / 100f;
            }
        }
        return new LabeledData("small", x, new int[]{2, 0, 1, 2}, new ImageShape(2, 2, 3), List.of("x", "y", "z"));
    }

    @Test
    void batchFollowsTheGivenIndicesWithClassIndices() {
        LabeledData data = small();
        HostBatch batch = data.batch(new int[]{3, 1, 3});
        assertEquals(HostBatch.Kind.IMAGES, batch.kind());
        assertArrayEquals(new int[]{2, 2, 3}, batch.exampleShape());
        assertEquals(3, batch.size());
        assertEquals(3, batch.numClasses());
        float[] x = batch.features();
        assertEquals(3 * 12, x.length);
        // Example 1, channel 1, row 0, column 2 is feature j = 1*6 + 0*3 + 2 = 8 (row-major [c, h, w]).
        assertEquals((10 + 8) / 100f, x[12 + 8], 0f);
        assertEquals((30 + 11) / 100f, x[11], 0f);
        assertArrayEquals(data.features(3), java.util.Arrays.copyOfRange(x, 0, 12), 0f);
        assertArrayEquals(data.features(1), java.util.Arrays.copyOfRange(x, 12, 24), 0f);
        assertArrayEquals(data.features(3), java.util.Arrays.copyOfRange(x, 24, 36), 0f);
        assertArrayEquals(new int[]{2, 0, 2}, batch.targets());
        assertEquals(0, batch.tokens().length);
    }

    @Test
    void badIndicesAreRejectedNamingThePosition() {
        LabeledData data = small();
        var e = assertThrows(InvalidParameterException.class, () -> data.batch(new int[]{0, 4}));
        assertEquals("indices[1]", e.parameter());
        assertEquals("4", e.value());
        assertThrows(InvalidParameterException.class, () -> data.batch(new int[0]));
        assertThrows(InvalidParameterException.class, () -> data.select(new int[]{-1}));
    }

    @Test
    void constructorValidatesAndCopies() {
        float[] x = new float[12];
        int[] labels = {1};
        LabeledData data = new LabeledData("d", x, labels, new ImageShape(1, 3, 4), List.of("a", "b"));
        x[0] = 0.5f;
        labels[0] = 0;
        assertEquals(0f, data.feature(0, 0), 0f, "later changes to the input array do not leak in");
        assertEquals(1, data.label(0));
        data.labels()[0] = 0;
        assertEquals(1, data.label(0), "returned arrays are copies");

        var e = assertThrows(InvalidParameterException.class,
                () -> new LabeledData("d", new float[12], new int[]{2}, new ImageShape(1, 3, 4), List.of("a", "b")));
        assertEquals("labels[0]", e.parameter());
        var e2 = assertThrows(InvalidParameterException.class,
                () -> new LabeledData("d", new float[11], new int[]{0}, new ImageShape(1, 3, 4), List.of("a")));
        assertEquals("features.length", e2.parameter());
        float[] bad = new float[12];
        bad[5] = Float.NaN;
        var e3 = assertThrows(InvalidParameterException.class,
                () -> new LabeledData("d", bad, new int[]{0}, new ImageShape(1, 3, 4), List.of("a")));
        assertEquals("features[5]", e3.parameter());
        assertEquals("NaN", e3.value());
        var e4 = assertThrows(InvalidParameterException.class, () -> new ImageShape(3, 0, 2));
        assertEquals("height", e4.parameter());
    }

    @Test
    void fileDigestIsValidated() {
        var e = assertThrows(InvalidParameterException.class, () -> new FileDigest("f", 1, "ABC"));
        assertEquals("sha256", e.parameter());
        assertThrows(InvalidParameterException.class, () -> new FileDigest("f", -1, "0".repeat(64)));
    }
}
