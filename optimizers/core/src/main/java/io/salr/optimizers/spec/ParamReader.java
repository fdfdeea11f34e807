package io.salr.optimizers.spec;

import io.salr.validation.InvalidParameterException;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a method's parameters from the typed values given (a sweep's grid point, a spec read at the JSON or YAML
 * edge, {@code -P KEY=VALUE}), falling back to the defaults the caller passes. Every parameter read is remembered, so
 * that {@link #finish()} can refuse parameters the method does not have. Errors name the parameter and the value.
 */
final class ParamReader {

    private final Method method;
    private final Map<Param, ParamValue> given;
    private final Set<Param> known = new LinkedHashSet<>();

    ParamReader(Method method, Map<Param, ParamValue> given) {
        this.method = method;
        this.given = new EnumMap<>(Param.class);
        this.given.putAll(given == null ? Map.of() : given);
    }

    Method method() {
        return method;
    }

    /** A finite number. */
    double real(Param param, double fallback) {
        known.add(param);
        ParamValue v = given.get(param);
        if (v instanceof ParamValue.Choice) {
            throw new InvalidParameterException(param.key(), v, "must be a number");
        }
        return v == null ? fallback : v.asDouble();
    }

    /** A whole number. */
    int integer(Param param, int fallback) {
        known.add(param);
        ParamValue v = given.get(param);
        if (v == null) {
            return fallback;
        }
        if (v instanceof ParamValue.Whole w) {
            return w.value();
        }
        if (v instanceof ParamValue.Real r) {
            // a real given where an integer is read: integral values only, as a number would be
            return ((ParamValue.Whole) ParamValue.parse(param, r.value())).value();
        }
        throw new InvalidParameterException(param.key(), v, "must be an integer");
    }

    /** One of an enum's values, written in lower case with '-' for '_'. */
    <E extends Enum<E>> E choice(Param param, E fallback, Class<E> type) {
        String name = param.key();
        known.add(param);
        ParamValue v = given.get(param);
        if (v == null) {
            return fallback;
        }
        String t = v.toString().trim().toLowerCase(Locale.ROOT);
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
        for (Map.Entry<Param, ParamValue> e : given.entrySet()) {
            if (!known.contains(e.getKey())) {
                throw new InvalidParameterException(e.getKey().key(), e.getValue(), "is not a parameter of "
                        + method.cliName() + " (its parameters: "
                        + String.join(", ", known.stream().map(Param::key).toList()) + ")");
            }
        }
    }
}
