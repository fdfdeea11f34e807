package io.salr.datasets.real;

import io.salr.optimizers.validation.InvalidParameterException;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

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
    void nchwBatchFollowsTheGivenIndicesWithOneHotLabels() {
        LabeledData data = small();
        DataSet batch = data.batch(new int[]{3, 1, 3}, FeatureLayout.NCHW);
        INDArray x = batch.getFeatures();
        INDArray y = batch.getLabels();
        assertArrayEquals(new long[]{3, 2, 2, 3}, x.shape());
        assertEquals(DataType.FLOAT, x.dataType());
        assertEquals(DataType.FLOAT, y.dataType());
        // Example 1, channel 1, row 0, column 2 is feature j = 1*6 + 0*3 + 2 = 8.
        assertEquals((10 + 8) / 100f, x.getFloat(1, 1, 0, 2), 0f);
        assertEquals((30 + 11) / 100f, x.getFloat(0, 1, 1, 2), 0f);
        assertEquals(x.getFloat(0, 0, 1, 1), x.getFloat(2, 0, 1, 1), 0f);
        assertArrayEquals(new long[]{3, 3}, y.shape());
        assertArrayEquals(new float[]{0, 0, 1}, y.getRow(0).toFloatVector(), 0f);
        assertArrayEquals(new float[]{1, 0, 0}, y.getRow(1).toFloatVector(), 0f);
        assertArrayEquals(new float[]{0, 0, 1}, y.getRow(2).toFloatVector(), 0f);
        assertEquals(data.batch(new int[]{3, 1, 3}).getFeatures(), x, "NCHW is the default");
    }

    @Test
    void flatBatchIsTheSameValuesInCOrder() {
        LabeledData data = small();
        INDArray flat = data.batch(new int[]{2, 0}, FeatureLayout.FLAT).getFeatures();
        assertArrayEquals(new long[]{2, 12}, flat.shape());
        assertArrayEquals(data.features(2), flat.getRow(0).toFloatVector(), 0f);
        assertArrayEquals(data.features(0), flat.getRow(1).toFloatVector(), 0f);
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
