package io.salr.reports.format;

import io.salr.reports.tables.RowComparison;
import java.util.Locale;

/** The sentence that says what the cells and marks of a table mean, with each format's own markup. */
final class Legend {

    private Legend() {
    }

    /**
     * The legend.
     *
     * @param bold    the format's way of showing "bold"
     * @param dagger  the format's dagger mark
     * @param section the format's section mark
     * @param dash    the format's dash for empty cells
     */
    static String sentence(String bold, String dagger, String section, String dash) {
        return String.format(Locale.ROOT, "Cells show mean (standard deviation) over the seeds that finished; "
                + "\"k failed\" counts runs that diverged or collapsed, which are left out of the mean. %s: the best "
                + "mean of the row. %s: not significantly different from the best: the exact Mann-Whitney test of the "
                + "cell against the best cell of its row, every run counted and failed runs ranked worst (at 3 seeds a "
                + "side it cannot reach 0.05), p-values Holm-adjusted within the row, alpha = %s. %s: not tested against the best (fewer than 2 finished "
                + "seeds on one side). \"n too small\": fewer than 2 seeds, so no standard deviation. %s: no runs.",
                bold, dagger, RowComparison.ALPHA, section, dash);
    }
}
