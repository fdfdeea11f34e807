package io.salr.analysis.significance;

import io.salr.analysis.aggregate.Configuration;
import io.salr.analysis.compare.Comparison;
import java.util.Objects;

/**
 * One method configuration compared with the reference on one dataset, model and metric.
 *
 * @param dataset       dataset
 * @param model         model
 * @param metric        metric
 * @param method        method label: the method name, with {@code [hyperparameters]} appended when the method has
 *                      several configurations in this dataset, model and metric
 * @param configuration the method's configuration
 * @param reference     the reference method's name
 * @param family        the Holm family this row belongs to, e.g. {@code metric: cifar10/resnet18/test_accuracy}
 * @param familySize    how many tested comparisons the family holds (Holm's m)
 * @param comparison    the statistics and the verdict
 */
public record SignificanceRow(String dataset, String model, String metric, String method, Configuration configuration,
                              String reference, String family, int familySize, Comparison comparison) {

    public SignificanceRow {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(configuration, "configuration");
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(comparison, "comparison");
    }

    SignificanceRow with(Comparison c, int size) {
        return new SignificanceRow(dataset, model, metric, method, configuration, reference, family, size, c);
    }
}
