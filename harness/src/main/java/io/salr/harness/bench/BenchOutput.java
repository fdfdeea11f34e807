package io.salr.harness.bench;

import java.util.List;
import java.util.Locale;

/** The two renderings of a bench: {@code bench.csv} ({@code name,value,unit}) and a text table. */
public final class BenchOutput {

    private BenchOutput() {
    }

    /** CSV with the header {@code name,value,unit}, values with up to 4 decimals, in {@link Locale#ROOT}. */
    public static String csv(List<BenchRow> rows) {
        StringBuilder sb = new StringBuilder("name,value,unit\n");
        for (BenchRow r : rows) {
            sb.append(r.name()).append(',').append(number(r.value())).append(',').append(r.unit()).append('\n');
        }
        return sb.toString();
    }

    /** A fixed-width table, one figure a line. */
    public static String table(List<BenchRow> rows) {
        int width = 4;
        for (BenchRow r : rows) {
            width = Math.max(width, r.name().length());
        }
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-" + width + "s  %12s  %s%n", "name", "value", "unit"));
        for (BenchRow r : rows) {
            sb.append(String.format(Locale.ROOT, "%-" + width + "s  %12s  %s%n", r.name(), number(r.value()), r.unit()));
        }
        return sb.toString();
    }

    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        String s = String.format(Locale.ROOT, "%.4f", v);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
