package io.salr.optimizers.spec;

import io.salr.optimizers.methods.MethodConfig;
import io.salr.optimizers.methods.RuleConfig;
import io.salr.validation.Checks;
import java.util.Map;
import java.util.Optional;

/**
 * A method with every parameter resolved: what a run spec records (and hashes) about its method. One
 * record per family, each with its defaults, its validation, its cost per iteration and
 * {@link #bind} to the optimizers' configuration once the run's shape is known (epoch-relative fields:
 * the decay period in epochs, SWA's start as a fraction of the run).
 *
 * <p>{@link #values()} gives every parameter as a typed {@link ParamValue} under its {@link Param}, the one
 * vocabulary of spec files, spec.json, result.json and the CSV columns (the harness's codec writes them as plain
 * values), and {@link #resolve} reads named values back.
 */
public sealed interface MethodSpec permits GradientSpec, SamSpec, SwaSpec, EntropySpec {

    Method method();

    RateParams rate();

    /** The first-order rule (SGD or Adam, as the method's base says), the optimizers' own validated record. */
    RuleConfig rule();

    /** SALR's parameters, for the methods that use SALR. */
    Optional<SalrParams> salr();

    /** Every parameter of the method, in {@link Param}'s order. */
    Map<Param, ParamValue> values();

    /** One parameter, when the method has it. */
    default Optional<ParamValue> value(Param param) {
        return Optional.ofNullable(values().get(param));
    }

    /** SALR's probe step gamma, for the methods that use SALR. */
    default java.util.OptionalDouble gamma() {
        return salr().isPresent() ? java.util.OptionalDouble.of(salr().get().gamma()) : java.util.OptionalDouble.empty();
    }

    /**
     * The optimizers' configuration.
     *
     * @param iterationsPerEpoch steps in one pass over the training data (epoch-based decay)
     * @param plannedIterations the iterations the run expects to make (SWA's start)
     */
    MethodConfig bind(long iterationsPerEpoch, long plannedIterations);

    /**
     * Gradient calls one iteration costs on average (over a refresh period), counting every
     * forward+backward pass the method's step makes; a test checks it against the meter for every method.
     *
     * @param perExampleDirectionCalls gradient calls of one per-example normalized direction on the
     *     engine and network at hand (used only by SALR methods with {@code per-example} normalization)
     */
    double gradientCallsPerIteration(long perExampleDirectionCalls);

    /**
     * Gradient calls one iteration costs in the paper's currency (Section VI: "SALR, Entropy, and SAM,
     * respectively, require (n1 + n2)/c = 5, L_a = 5 and two times more gradient calls at each iteration"):
     * a per-example normalized direction counts as one gradient call, whatever an engine pays for it.
     * SGD and Adam (and SWA) 1; SAM 2; Entropy-SGD and Entropy-Adam L, with or without SALR (Section VI
     * runs Entropy-SGD-SALR for as many epochs as Entropy-SGD); SGD-SALR and Adam-SALR (n1 + n2) / c, and at
     * least the 1 of the step's own gradient. It does not depend on the engine or the network; the meter's
     * count ({@link #gradientCallsPerIteration}) is reported beside it.
     */
    default double paperCallsPerIteration() {
        return switch (method().family()) {
            case GRADIENT -> salr().map(SalrParams::paperCallsPerIteration).orElse(1.0);
            case SAM -> 2.0;
            case SWA -> 1.0;
            case ENTROPY -> ((EntropySpec) this).entropy().langevinSteps();
        };
    }

    /** The defaults of {@code method}. */
    static MethodSpec defaults(Method method) {
        return of(method, Map.of());
    }

    /**
     * The spec of {@code method} with the defaults overridden by the typed values {@code given} (a transform of
     * another spec, a sweep's grid point). A parameter the method does not have and values out of range are errors
     * naming the parameter and the value.
     */
    static MethodSpec of(Method method, Map<Param, ParamValue> given) {
        Checks.present("method", method);
        ParamReader r = new ParamReader(method, given);
        MethodSpec spec = switch (method.family()) {
            case GRADIENT -> GradientSpec.read(r);
            case SAM -> SamSpec.read(r);
            case SWA -> SwaSpec.read(r);
            case ENTROPY -> EntropySpec.read(r);
        };
        r.finish();
        return spec;
    }

    /**
     * The reading of a method's parameters by name, as spec.json and the command line give them: the spec of
     * {@code method} with the defaults overridden by {@code given} (values typed, or numbers and their text, which
     * {@link ParamValue#parse} types by their {@link Param}). Unknown names, values of the wrong type and values out
     * of range are errors naming the parameter and the value.
     */
    static MethodSpec resolve(Method method, Map<String, ?> given) {
        Checks.present("method", method);
        Map<Param, ParamValue> typed = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, ?> e : new java.util.TreeMap<>(given == null ? Map.<String, Object>of() : given).entrySet()) {
            Param param = Param.byKey(e.getKey()).orElseThrow(() -> new io.salr.validation.InvalidParameterException(
                    e.getKey(), e.getValue(), "is not a parameter of " + method.cliName() + " (its parameters: "
                            + String.join(", ", defaults(method).values().keySet().stream().map(Param::key).toList()) + ")"));
            typed.put(param, e.getValue() instanceof ParamValue v ? v : ParamValue.parse(param, e.getValue()));
        }
        return of(method, typed);
    }

    /** The default eta_0 of a method: 0.05 for SGD forms, 1e-3 for Adam forms, 1 for Entropy-SGD (Section VI). */
    static double defaultLearningRate(Method method) {
        if (method.base() == Method.Base.ADAM) {
            return 1e-3;
        }
        return method.family() == Method.Family.ENTROPY ? 1.0 : 0.05;
    }

    /** The cost of the SALR probe per iteration, 0 without SALR. */
    default double salrCallsPerIteration(long perExampleDirectionCalls) {
        return salr().map(s -> s.probeCallsPerIteration(
                s.normalization() == io.salr.optimizers.methods.StochasticSharpnessConfig.Normalization.PER_EXAMPLE
                        ? perExampleDirectionCalls : 1)).orElse(0.0);
    }
}
