package io.salr.datasets.synthetic;

import io.salr.optimizers.function.DifferentiableFunction;
import io.salr.validation.Checks;
import io.salr.validation.InvalidParameterException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The synthetic landscapes by command-line name. Each call builds a fresh instance with the default
 * parameters documented per name.
 */
public final class Landscapes {

    /** Seed of the rotation of the default {@code quadratic}. */
    public static final long DEFAULT_QUADRATIC_SEED = 42L;

    private static final Map<String, Supplier<DifferentiableFunction>> BY_NAME = new LinkedHashMap<>();

    static {
        BY_NAME.put("sin3", Sin3::new);
        BY_NAME.put("sharp-flat-1d", SharpFlat1D::standard);
        BY_NAME.put("sharp-flat-2d", SharpFlat2D::standard);
        BY_NAME.put("rosenbrock", () -> new Rosenbrock(2));
        BY_NAME.put("quadratic", () -> Quadratic.rotated(new double[] {1.0, 10.0}, DEFAULT_QUADRATIC_SEED));
    }

    private Landscapes() {
    }

    /** The valid names, in a fixed order. */
    public static List<String> names() {
        return List.copyOf(BY_NAME.keySet());
    }

    /**
     * The landscape called {@code name}: "sin3" ({@link Sin3}), "sharp-flat-1d"
     * ({@link SharpFlat1D#standard()}), "sharp-flat-2d" ({@link SharpFlat2D#standard()}),
     * "rosenbrock" (2-D {@link Rosenbrock}) or "quadratic" (spectrum {1, 10} rotated with seed
     * {@value #DEFAULT_QUADRATIC_SEED}).
     *
     * @throws InvalidParameterException for any other name; the message lists the valid names
     */
    public static DifferentiableFunction byName(String name) {
        Checks.present("landscape", name);
        Supplier<DifferentiableFunction> supplier = BY_NAME.get(name);
        if (supplier == null) {
            throw new InvalidParameterException("landscape", name, "must be one of " + names());
        }
        return supplier.get();
    }
}
