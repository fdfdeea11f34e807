package io.salr.reports.format;

import io.salr.analysis.stats.Samples;
import io.salr.reports.tables.Cell;
import io.salr.reports.tables.MetricSpec;

/**
 * The plain text of a cell shared by every format: {@code mean (std)}, {@code mean (n too small)}, with
 * {@code , k failed} inside the brackets when runs failed, or {@code all k failed}.
 */
final class CellText {

    private CellText() {
    }

    /** {@code 94.94 (0.09)}, {@code 94.94 (n too small)}, {@code 94.90 (0.10, 2 failed)}; digits, '.', '-' and words only. */
    static String core(Cell cell, MetricSpec metric) {
        if (cell.mean().isEmpty()) {
            return "all " + cell.failed() + " failed";
        }
        String spread = cell.std().isPresent() ? metric.format(cell.std().getAsDouble()) : Samples.N_TOO_SMALL;
        return metric.format(cell.mean().getAsDouble()) + " (" + spread
                + (cell.failed() > 0 ? ", " + cell.failed() + " failed" : "") + ")";
    }
}
