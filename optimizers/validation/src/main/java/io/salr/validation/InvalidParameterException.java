package io.salr.validation;

/**
 * A configuration value outside its domain. Carries the parameter's name and the offending value so
 * callers (the command line, the sweep planner) can report both without parsing the message.
 */
public final class InvalidParameterException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String parameter;
    private final String value;

    public InvalidParameterException(String parameter, Object value, String requirement) {
        super(parameter + " " + requirement + ", got " + value);
        this.parameter = parameter;
        this.value = String.valueOf(value);
    }

    /** The name of the parameter, as a user would type it (e.g. {@code gamma}). */
    public String parameter() {
        return parameter;
    }

    /** The rejected value, as text. */
    public String value() {
        return value;
    }
}
