package io.salr.reports.format;

import io.salr.analysis.stats.Samples;
import io.salr.reports.tables.Cell;
import io.salr.reports.tables.MetricSpec;

/** The plain text of a cell shared by every format: {@code mean (std)} or {@code mean (n too small)}. */
final class CellText {

    private CellText() {
    }

    /** {@code 94.94 (0.09)}, or {@code 94.94 (n too small)} for a single seed; digits, '.', '-' and words only. */
    static String core(Cell cell, MetricSpec metric) {
        String spread = cell.std().isPresent() ? metric.format(cell.std().getAsDouble()) : Samples.N_TOO_SMALL;
        return metric.format(cell.mean()) + " (" + spread + ")";
    }
}
