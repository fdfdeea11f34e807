package io.salr.analysis.published;

import java.util.Objects;

/**
 * One cell of a published table: mean, standard deviation and number of runs of one method on one network and
 * metric, as a paper prints "mean (std) over n seeds".
 *
 * @param dataset dataset
 * @param model   model
 * @param method  method
 * @param metric  metric (accuracies as fractions)
 * @param mean    the mean, finite
 * @param std     the sample standard deviation, finite and &gt;= 0
 * @param n       the number of runs, &gt;= 1
 */
public record PublishedRow(String dataset, String model, String method, String metric, double mean, double std, int n) {

    public PublishedRow {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(metric, "metric");
        if (!Double.isFinite(mean) || !(std >= 0) || Double.isInfinite(std) || n < 1) {
            throw new IllegalArgumentException("mean must be finite, std finite and >= 0, n >= 1; got " + mean + ", "
                    + std + ", " + n);
        }
    }
}
