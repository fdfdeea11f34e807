package io.salr.optimizers.spec;

import io.salr.validation.InvalidParameterException;
import java.util.Locale;

/**
 * The value of one {@link Param}: a real number, an integer or a choice. Its text ({@link #toString()}) is what the
 * CSV files, the plan and the tuning table print, and {@link #plain()} the scalar the JSON and YAML codecs write.
 */
public sealed interface ParamValue permits ParamValue.Real, ParamValue.Whole, ParamValue.Choice {

    /** The value as the scalar a JSON or YAML writer takes: a Double, an Integer or a String. */
    Object plain();

    /** A finite number. */
    record Real(double value) implements ParamValue {
        @Override
        public Object plain() {
            return value;
        }

        @Override
        public String toString() {
            return Double.toString(value);
        }
    }

    /** An integer. */
    record Whole(int value) implements ParamValue {
        @Override
        public Object plain() {
            return value;
        }

        @Override
        public String toString() {
            return Integer.toString(value);
        }
    }

    /** One of an enum's values, by its label (lower case, '-' for '_'). */
    record Choice(String label) implements ParamValue {
        @Override
        public Object plain() {
            return label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /**
     * The codec's reading of one value a user gave for {@code param} (a spec file's scalar, a command-line string):
     * a number or its text for a real or an integer, text for a choice (whose label the method checks). A value of
     * the wrong type is an error naming the parameter and the value.
     */
    static ParamValue parse(Param param, Object raw) {
        if (raw instanceof ParamValue v) {
            return v;
        }
        String name = param.key();
        switch (param.kind()) {
            case REAL -> {
                double d;
                try {
                    d = raw instanceof Number n ? n.doubleValue() : Double.parseDouble(String.valueOf(raw).trim());
                } catch (NumberFormatException e) {
                    throw new InvalidParameterException(name, raw, "must be a number");
                }
                if (!Double.isFinite(d)) {
                    throw new InvalidParameterException(name, raw, "must be a finite number");
                }
                return new Real(d);
            }
            case WHOLE -> {
                try {
                    if (raw instanceof Number n) {
                        double d = n.doubleValue();
                        if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
                            throw new NumberFormatException();
                        }
                        return new Whole((int) d);
                    }
                    return new Whole(Integer.parseInt(String.valueOf(raw).trim()));
                } catch (NumberFormatException e) {
                    throw new InvalidParameterException(name, raw, "must be an integer");
                }
            }
            default -> {
                return new Choice(String.valueOf(raw).trim().toLowerCase(Locale.ROOT));
            }
        }
    }

    /** A real number. */
    static ParamValue of(double v) {
        return new Real(v);
    }

    static ParamValue of(int v) {
        return new Whole(v);
    }

    static ParamValue of(Enum<?> v) {
        return new Choice(label(v));
    }

    /** The label of an enum value: lower case, '-' for '_'. */
    static String label(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** A real number's value as a double; integers widen. */
    default double asDouble() {
        if (this instanceof Real r) {
            return r.value();
        }
        if (this instanceof Whole w) {
            return w.value();
        }
        throw new IllegalStateException(this + " is a choice, not a number");
    }
}
