package io.salr.harness.bench;

import io.salr.validation.Checks;

/**
 * One figure of the bench: a name from the fixed vocabulary of {@link Bench}, its value and its unit.
 * A value that could not be measured (the PyTorch peer absent) is not a row: the bench prints why.
 *
 * @param name the figure, e.g. {@code lenet_step_ms_dl4j}
 * @param value the measured value (finite)
 * @param unit e.g. {@code ms}, {@code GFLOP/s}, {@code MB}, {@code ratio}
 */
public record BenchRow(String name, double value, String unit) {

    public BenchRow {
        Checks.present("name", name);
        Checks.present("unit", unit);
        if (!name.matches("[a-z0-9_\\-]+")) {
            throw new IllegalArgumentException("bench row name must be [a-z0-9_-]+, got " + name);
        }
        if (unit.contains(",") || unit.contains("\n")) {
            throw new IllegalArgumentException("bench row " + name + " has a unit with a comma or line break (bench.csv's"
                    + " separators): " + unit);
        }
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("bench row " + name + " has a non-finite value " + value);
        }
    }
}
