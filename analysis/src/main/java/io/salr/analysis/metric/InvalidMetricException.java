package io.salr.analysis.metric;

/**
 * A metric setting or a metric value that cannot be used: an unknown direction word, a malformed
 * {@code METRIC=lower} option, an accuracy that is not a fraction. The message names the field and the value.
 */
public final class InvalidMetricException extends IllegalArgumentException {

    private final String field;
    private final String value;

    public InvalidMetricException(String field, Object value, String requirement) {
        super(field + " " + requirement + ", got " + value);
        this.field = field;
        this.value = String.valueOf(value);
    }

    /** The offending field, option or column. */
    public String field() {
        return field;
    }

    /** The offending value, as text. */
    public String value() {
        return value;
    }
}
