package io.salr.datasets.real;

import io.salr.validation.Checks;

import java.util.List;

/**
 * The shape of one example as channels x height x width. Non-image data (a feature vector) uses
 * {@code 1 x 1 x n}.
 *
 * @param channels number of channels (1 for grey scale, 3 for RGB)
 * @param height   rows
 * @param width    columns
 */
public record ImageShape(int channels, int height, int width) {

    /** Validates that every dimension is positive and the product fits an {@code int}. */
    public ImageShape {
        Checks.atLeast("channels", channels, 1);
        Checks.atLeast("height", height, 1);
        Checks.atLeast("width", width, 1);
        Checks.atLeast("channels*height*width", (long) channels * height * width, 1L);
        if ((long) channels * height * width > Integer.MAX_VALUE) {
            throw new io.salr.validation.InvalidParameterException("channels*height*width",
                    (long) channels * height * width, "must fit in an int");
        }
    }

    /** Number of values per example, {@code channels * height * width}. */
    public int size() {
        return channels * height * width;
    }

    /** The shape as a list {@code [channels, height, width]}, e.g. for provenance records. */
    public List<Integer> asList() {
        return List.of(channels, height, width);
    }

    @Override
    public String toString() {
        return channels + "x" + height + "x" + width;
    }
}
