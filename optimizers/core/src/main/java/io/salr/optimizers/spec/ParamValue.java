package io.salr.optimizers.spec;

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
