package io.salr.analysis.gate;

/**
 * A gate input that cannot be used: a setting out of range, a metric absent from an input, an accuracy
 * that is not a fraction, no configuration in common. The message names the field and the value.
 */
public final class InvalidGateInputException extends IllegalArgumentException {

    private final String field;
    private final String value;

    public InvalidGateInputException(String field, Object value, String requirement) {
        super(field + " " + requirement + ", got " + value);
        this.field = field;
        this.value = String.valueOf(value);
    }

    /** The offending field or option, e.g. {@code alpha}. */
    public String field() {
        return field;
    }

    /** The offending value, as text. */
    public String value() {
        return value;
    }
}
