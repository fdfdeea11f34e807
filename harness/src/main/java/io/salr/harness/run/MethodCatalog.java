package io.salr.harness.run;

import io.salr.optimizers.methods.AdamConfig;
import io.salr.optimizers.methods.EntropySgdConfig;
import io.salr.optimizers.methods.GradientMethodConfig;
import io.salr.optimizers.methods.MethodConfig;
import io.salr.optimizers.methods.RateConfig;
import io.salr.optimizers.methods.RuleConfig;
import io.salr.optimizers.methods.SalrRate;
import io.salr.optimizers.methods.SamConfig;
import io.salr.optimizers.methods.ScheduledRate;
import io.salr.optimizers.methods.SgdConfig;
import io.salr.optimizers.methods.StochasticSharpnessConfig;
import io.salr.optimizers.methods.SwaConfig;
import io.salr.optimizers.schedule.BaseSchedule;
import io.salr.optimizers.schedule.SalrScheduleConfig;
import io.salr.optimizers.sharpness.SharpnessConfig;
import io.salr.optimizers.sharpness.ZeroGradientPolicy;
import io.salr.validation.InvalidParameterException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The ten methods of the paper by their command-line names, their hyperparameters and the defaults
 * (STYLE rule 6: defaults live in one place). A user's parameters are resolved against the defaults
 * into a complete, typed map (what the run spec records and hashes); the map plus the run's shape
 * (iterations per epoch, planned iterations) then builds the optimizers module's configuration.
 *
 * <p>Parameters, by group (a method accepts exactly the groups it uses):
 * <ul>
 *   <li>rate: {@code lr} (eta_0), {@code decay_factor} and {@code decay_every} (step decay every so many
 *       epochs; 0 = constant);</li>
 *   <li>SGD rule: {@code momentum}, {@code weight_decay}; Adam rule: {@code beta1}, {@code beta2},
 *       {@code eps}, {@code weight_decay};</li>
 *   <li>SALR (Algorithms 1-3): {@code gamma}, {@code n1} (descent steps), {@code n2} (ascent steps),
 *       {@code c} (refresh period), {@code normalization} ({@code batch} or {@code per-example}),
 *       {@code probe_batch} ({@code step} or {@code fresh}), {@code clamp_min}/{@code clamp_max} (0 = off),
 *       {@code warmup} (iterations at the base rate);</li>
 *   <li>SAM: {@code rho};</li>
 *   <li>Entropy-SGD: {@code langevin_steps} (L), {@code langevin_lr} (eta'), {@code noise},
 *       {@code scope_gamma} (gamma_0 of the coupling), {@code scoping}, {@code alpha};</li>
 *   <li>SWA: {@code swa_start} (fraction of the planned iterations), {@code swa_lr_max},
 *       {@code swa_lr_min}, {@code swa_cycle} (iterations).</li>
 * </ul>
 */
public final class MethodCatalog {

    /** The method names, in the order of the paper's tables. */
    public static final List<String> METHODS = List.of("sgd", "adam", "sgd-salr", "adam-salr", "sam", "swa",
            "entropy-sgd", "entropy-sgd-salr", "entropy-adam", "entropy-adam-salr");

    private static final Map<String, Object> RATE = ordered(
            "lr", 0.05, "decay_factor", 0.2, "decay_every", 0);
    private static final Map<String, Object> SGD_RULE = ordered("momentum", 0.9, "weight_decay", 0.0);
    private static final Map<String, Object> ADAM_RULE = ordered(
            "beta1", 0.9, "beta2", 0.999, "eps", 1e-8, "weight_decay", 0.0);
    /** n1 = n2 = 5, c = 2: Section VI's CIFAR setting. */
    private static final Map<String, Object> SALR = ordered(
            "gamma", 0.01, "n1", 5, "n2", 5, "c", 2, "normalization", "batch", "probe_batch", "step",
            "clamp_min", 0.0, "clamp_max", 0.0, "warmup", 0);
    private static final Map<String, Object> SAM = ordered("rho", 0.05);
    /** Section VI's Entropy-SGD settings (after Chaudhari et al.). */
    private static final Map<String, Object> ENTROPY = ordered(
            "langevin_steps", 5, "langevin_lr", 0.1, "noise", 1e-4, "scope_gamma", 0.03, "scoping", 1e-3, "alpha", 0.75);
    private static final Map<String, Object> SWA = ordered(
            "swa_start", 0.75, "swa_lr_max", 0.05, "swa_lr_min", 0.05, "swa_cycle", 1);

    private static final Set<String> TEXT_PARAMS = Set.of("normalization", "probe_batch");
    private static final Set<String> INTEGER_PARAMS = Set.of("decay_every", "n1", "n2", "c", "warmup",
            "langevin_steps", "swa_cycle");

    private MethodCatalog() {
    }

    /** The defaults of every parameter {@code method} accepts, in a fixed order. */
    public static Map<String, Object> defaults(String method) {
        requireKnown(method);
        Map<String, Object> m = new LinkedHashMap<>(RATE);
        if (method.contains("adam")) {
            m.put("lr", 1e-3);
            m.putAll(ADAM_RULE);
        } else {
            m.putAll(SGD_RULE);
        }
        if (method.endsWith("-salr")) {
            m.putAll(SALR);
        }
        if (method.equals("sam")) {
            m.putAll(SAM);
        }
        if (method.startsWith("entropy-")) {
            m.putAll(ENTROPY);
            m.put("lr", method.contains("adam") ? 1e-3 : 1.0);
        }
        if (method.equals("swa")) {
            m.putAll(SWA);
        }
        return m;
    }

    /**
     * The complete parameters of a run: the defaults of {@code method}, overridden by {@code given}
     * (values may be numbers or their text). Unknown methods and parameters, and values of the wrong
     * type, are errors naming the field and the value.
     */
    public static Map<String, Object> resolve(String method, Map<String, ?> given) {
        Map<String, Object> resolved = defaults(method);
        for (Map.Entry<String, ?> e : new TreeMap<>(given).entrySet()) {
            String key = e.getKey();
            if (!resolved.containsKey(key)) {
                throw new InvalidParameterException(key, e.getValue(),
                        "is not a parameter of " + method + " (its parameters: " + String.join(", ", resolved.keySet()) + ")");
            }
            resolved.put(key, coerce(key, e.getValue()));
        }
        // build once to validate every value now, before anything runs
        build(method, resolved, 100, 1000, 128);
        return resolved;
    }

    /** Whether {@code method} adapts its learning rate with SALR. */
    public static boolean isSalr(String method) {
        return method.endsWith("-salr");
    }

    /**
     * The optimizers module's configuration for resolved parameters.
     *
     * @param iterationsPerEpoch steps in one pass over the training data (for epoch-based decay)
     * @param plannedIterations the iterations the run expects to make (for SWA's start)
     * @param batchSize examples per step
     */
    public static MethodConfig build(String method, Map<String, Object> p, long iterationsPerEpoch,
            long plannedIterations, int batchSize) {
        requireKnown(method);
        RuleConfig rule = method.contains("adam")
                ? new AdamConfig(num(p, "beta1"), num(p, "beta2"), num(p, "eps"), num(p, "weight_decay"))
                : new SgdConfig(num(p, "momentum"), num(p, "weight_decay"));
        BaseSchedule base = baseSchedule(p, iterationsPerEpoch);
        RateConfig rate = isSalr(method) ? salrRate(p, base) : new ScheduledRate(base);
        return switch (method) {
            case "sgd", "adam", "sgd-salr", "adam-salr" -> new GradientMethodConfig(rule, rate);
            case "sam" -> new SamConfig(rule, base, num(p, "rho"));
            case "swa" -> new SwaConfig(rule, base,
                    Math.max(0, Math.round(num(p, "swa_start") * plannedIterations)),
                    num(p, "swa_lr_max"), num(p, "swa_lr_min"), integer(p, "swa_cycle"));
            default -> new EntropySgdConfig(rule, rate, integer(p, "langevin_steps"), num(p, "langevin_lr"),
                    num(p, "noise"), num(p, "scope_gamma"), num(p, "scoping"), num(p, "alpha"));
        };
    }

    /**
     * Gradient calls one iteration costs on average under the method's own meter: 1 for SGD, Adam and
     * SWA; 2 for SAM; L for Entropy-SGD; plus, for SALR, (n1 + n2) probe directions every c iterations,
     * each costing 1 call (batch normalization) or B calls (per-example normalization).
     */
    public static double callsPerIteration(String method, Map<String, Object> p, int batchSize) {
        requireKnown(method);
        double calls = switch (method) {
            case "sam" -> 2;
            case "entropy-sgd", "entropy-sgd-salr", "entropy-adam", "entropy-adam-salr" -> integer(p, "langevin_steps");
            default -> 1;
        };
        if (isSalr(method)) {
            double perDirection = "per-example".equals(p.get("normalization")) ? batchSize : 1;
            calls += (integer(p, "n1") + integer(p, "n2")) * perDirection / integer(p, "c");
        }
        return calls;
    }

    private static SalrRate salrRate(Map<String, Object> p, BaseSchedule base) {
        SalrScheduleConfig.Builder b = SalrScheduleConfig.builder(num(p, "lr"))
                .c(integer(p, "c"))
                .warmupIterations(integer(p, "warmup"))
                .baseSchedule(base);
        if (num(p, "clamp_min") > 0) {
            b.multiplierMin(num(p, "clamp_min"));
        }
        if (num(p, "clamp_max") > 0) {
            b.multiplierMax(num(p, "clamp_max"));
        }
        var normalization = switch ((String) p.get("normalization")) {
            case "batch" -> StochasticSharpnessConfig.Normalization.BATCH;
            case "per-example" -> StochasticSharpnessConfig.Normalization.PER_EXAMPLE;
            default -> throw new InvalidParameterException("normalization", p.get("normalization"),
                    "must be batch or per-example");
        };
        var probe = switch ((String) p.get("probe_batch")) {
            case "step" -> StochasticSharpnessConfig.ProbeBatch.STEP;
            case "fresh" -> StochasticSharpnessConfig.ProbeBatch.FRESH;
            default -> throw new InvalidParameterException("probe_batch", p.get("probe_batch"), "must be step or fresh");
        };
        return new SalrRate(b.build(), new StochasticSharpnessConfig(
                new SharpnessConfig(num(p, "gamma"), integer(p, "n1"), integer(p, "n2")),
                normalization, probe, ZeroGradientPolicy.defaultPolicy()));
    }

    private static BaseSchedule baseSchedule(Map<String, Object> p, long iterationsPerEpoch) {
        int every = integer(p, "decay_every");
        if (every < 0) {
            throw new InvalidParameterException("decay_every", every, "must be >= 0 (epochs; 0 = no decay)");
        }
        return every == 0 ? new BaseSchedule.Constant(num(p, "lr"))
                : new BaseSchedule.StepDecay(num(p, "lr"), num(p, "decay_factor"), every * Math.max(1, iterationsPerEpoch));
    }

    private static void requireKnown(String method) {
        if (method == null || !METHODS.contains(method)) {
            throw new InvalidParameterException("method", method, "must be one of " + String.join(", ", METHODS));
        }
    }

    private static Object coerce(String key, Object value) {
        if (TEXT_PARAMS.contains(key)) {
            return String.valueOf(value).toLowerCase(Locale.ROOT);
        }
        String text = String.valueOf(value).trim();
        try {
            if (INTEGER_PARAMS.contains(key)) {
                if (value instanceof Number n && n.doubleValue() != Math.rint(n.doubleValue())) {
                    throw new NumberFormatException();
                }
                return value instanceof Number n ? n.intValue() : Integer.parseInt(text);
            }
            double d = value instanceof Number n ? n.doubleValue() : Double.parseDouble(text);
            if (!Double.isFinite(d)) {
                throw new InvalidParameterException(key, value, "must be a finite number");
            }
            return d;
        } catch (NumberFormatException e) {
            throw new InvalidParameterException(key, value, INTEGER_PARAMS.contains(key) ? "must be an integer" : "must be a number");
        }
    }

    private static double num(Map<String, Object> p, String key) {
        return ((Number) p.get(key)).doubleValue();
    }

    private static int integer(Map<String, Object> p, String key) {
        return ((Number) p.get(key)).intValue();
    }

    private static Map<String, Object> ordered(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    /** Every parameter name any method accepts, sorted (for help texts). */
    public static List<String> allParameters() {
        Set<String> all = new TreeSet<>();
        for (String m : METHODS) {
            all.addAll(defaults(m).keySet());
        }
        return new ArrayList<>(all);
    }
}
