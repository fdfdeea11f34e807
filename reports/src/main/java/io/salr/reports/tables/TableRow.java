package io.salr.reports.tables;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One row of a paper-style table.
 *
 * @param label  the row's label, verbatim from the input (e.g. {@code CIFAR-10 / ResNet50}); escaped by the formats
 * @param metric the metric the row's cells show
 * @param cells  one entry per table column; empty where that column has no runs on this row
 */
public record TableRow(String label, MetricSpec metric, List<Optional<Cell>> cells) {

    public TableRow {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(metric, "metric");
        cells = List.copyOf(cells);
        if (cells.stream().noneMatch(Optional::isPresent)) {
            throw new IllegalArgumentException("row '" + label + "' has no cells");
        }
    }
}
