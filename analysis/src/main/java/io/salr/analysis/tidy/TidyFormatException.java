package io.salr.analysis.tidy;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * Bad tidy input: a missing column, an unparsable or non-finite number, an empty file, a duplicate row.
 * The message names the offending column, data row (1-based, not counting the header) and value where
 * they apply; the same facts are available as fields.
 */
public final class TidyFormatException extends IllegalArgumentException {

    private final OptionalInt row;
    private final Optional<String> column;
    private final Optional<String> value;

    public TidyFormatException(String message) {
        super(message);
        this.row = OptionalInt.empty();
        this.column = Optional.empty();
        this.value = Optional.empty();
    }

    public TidyFormatException(int row, String column, String value, String problem) {
        super("data row " + row + ", column '" + column + "': value '" + value + "' " + problem);
        this.row = OptionalInt.of(row);
        this.column = Optional.of(column);
        this.value = Optional.of(value);
    }

    /** The 1-based data row (header excluded), when the problem belongs to one row. */
    public OptionalInt row() {
        return row;
    }

    /** The offending column, when the problem belongs to one cell. */
    public Optional<String> column() {
        return column;
    }

    /** The offending cell text, verbatim. */
    public Optional<String> value() {
        return value;
    }
}
