package io.salr.optimizers.spec;

import io.salr.validation.InvalidParameterException;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The reading half of the method parameters' codec: reads a method's parameters by name from what a user gave (a
 * spec file, {@code -P KEY=VALUE}, spec.json), falling back to the defaults the caller passes; values are typed
 * {@link ParamValue}s (a sweep's grid, read at the YAML edge) or numbers and their text, which
 * {@link ParamValue#parse} converts. Every name read is remembered, so that {@link #finish()} can refuse names the
 * method does not have. Errors name the parameter and the value.
 */
final class ParamReader {

    private final Method method;
    private final Map<String, Object> given;
    private final Set<String> known = new LinkedHashSet<>();

    ParamReader(Method method, Map<String, ?> given) {
        this.method = method;
        this.given = new TreeMap<>(given == null ? Map.of() : given);
    }

    Method method() {
        return method;
    }

    /** A finite number. */
    double real(Param param, double fallback) {
        known.add(param.key());
        Object v = given.get(param.key());
        return v == null ? fallback : ParamValue.parse(param, v).asDouble();
    }

    /** A whole number. */
    int integer(Param param, int fallback) {
        known.add(param.key());
        Object v = given.get(param.key());
        if (v == null) {
            return fallback;
        }
        if (v instanceof ParamValue.Real r) {
            v = r.value(); // a real given where an integer is read: integral values only, as a number would be
        }
        return ((ParamValue.Whole) ParamValue.parse(param, v)).value();
    }

    /** One of an enum's values, written in lower case with '-' for '_'. */
    <E extends Enum<E>> E choice(Param param, E fallback, Class<E> type) {
        String name = param.key();
        known.add(name);
        Object v = given.get(name);
        if (v == null) {
            return fallback;
        }
        String t = v instanceof ParamValue.Choice c ? c.label() : String.valueOf(v).trim().toLowerCase(Locale.ROOT);
        StringBuilder allowed = new StringBuilder();
        for (E e : type.getEnumConstants()) {
            String label = ParamValue.label(e);
            if (label.equals(t)) {
                return e;
            }
            allowed.append(allowed.length() == 0 ? "" : " or ").append(label);
        }
        throw new InvalidParameterException(name, v, "must be " + allowed);
    }

    /** Refuses every given name that was not read. */
    void finish() {
        for (Map.Entry<String, Object> e : given.entrySet()) {
            if (!known.contains(e.getKey())) {
                throw new InvalidParameterException(e.getKey(), e.getValue(), "is not a parameter of " + method.cliName()
                        + " (its parameters: " + String.join(", ", known) + ")");
            }
        }
    }
}
