package io.salr.harness.sweep;

import io.salr.optimizers.engine.Catalogue;
import io.salr.harness.run.Budget;
import io.salr.harness.run.ComputeDevice;
import io.salr.harness.run.DataSpec;
import io.salr.harness.run.EvaluationSpec;
import io.salr.harness.run.RunDefaults;
import io.salr.harness.run.EngineChoice;
import io.salr.optimizers.spec.Method;
import io.salr.optimizers.spec.MethodSpec;
import io.salr.optimizers.spec.Param;
import io.salr.optimizers.spec.ParamValue;
import io.salr.harness.run.ModelOptions;
import io.salr.harness.run.RunSpec;
import io.salr.validation.InvalidParameterException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.DuplicateKeyException;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * A sweep as its YAML file states it: datasets x models x methods x hyperparameter grids x seeds, one
 * budget for all runs, shared data, model and evaluation settings. Parsed into plain maps and lists
 * (SnakeYAML's {@link SafeConstructor}: no type tags, no objects built from the file), then validated
 * field by field; an unknown field or a bad value is an {@link InvalidParameterException} naming the field
 * (as a dotted path, e.g. {@code grid.gamma}) and the value. {@link #plan()} expands it into run specs.
 *
 * <pre>
 * study: quick                      # letters, digits, '.', '_', '-'
 * datasets: [fashion-mnist]         # default [fashion-mnist]
 * models: [mlp]                    # or a named variant: mlp-bn, mlp-dropout, mlp-bn-dropout (BatchNorm and/or
 *                                   #  dropout 0.5 after each hidden layer, Section VI's networks)
 * methods: [sgd, sgd-salr, sam]
 * engines: [dl4j]                   # default [dl4j]; a list is a grid dimension (dl4j, torch)
 * device: cpu                       # default cpu; cuda or cuda:N for the torch engine (DL4J's comes from the build)
 * grid: {gamma: [0.005, 0.01]}      # each entry applies to every method that has the parameter
 * overrides: {sam: {lr: 0.05}}      # per method; a list is a grid of that method only
 * seeds: 3                          # 0, 1, 2; or a list [0, 7, 9]
 * budget: {epochs: 2, of: sgd}      # or {gradient_calls: 5000}, or {epochs: 2} (not matched)
 *                                   # currency: passes (default: the meter) or paper (Section VI's count:
 *                                   #  a per-example normalized direction is one call; each method then
 *                                   #  trains B / its paper cost per iteration iterations)
 * exclude:                          # optional: points of the product not to run, each a partial assignment of
 *   - {model: mlp-bn, normalization: per-example}  #  model, method and parameters (each must exclude a run)
 * departures:                       # optional: how the study departs from the paper, one sentence each
 *   - "SGD-SALR's probe uses the batch-normalized direction on the BatchNorm networks"
 * controls:                         # optional: base method at SALR's eta_0 (constant) for exactly the
 *   - {method: sgd, iterations_of: sgd-salr}   # iterations of each SALR configuration (export: horizon column)
 * data: {train_subset: 2000, test_subset: 1000, subset_mode: stratified}
 *                                   # (validation_examples: N, validation_seed: S hold N training examples out
 *                                   #  and evaluate on them instead of the test set: a tuning stage, see TunedStudy)
 * batch_size: 128
 * model_options: {hidden: 256, dropout: 0.0, batch_norm: false, width: 1.0}
 * evaluation: {sharpness_examples: 1000, hessian_iterations: 100, gamma: 0.01, n1: 5, n2: 5}
 *                                  # and epoch_train_examples: N (the end-of-epoch training curve on the first N
 *                                  # training examples; default 0, the whole set)
 * reference: sgd                    # optional: the reference method of the store's report
 * init_from: RUN_DIR                # optional: every run starts from the final weights of this finished run (a
 *                                   #  run folder, or a run id found in the store's pretrain stage); its id enters
 *                                   #  every run id; the output layer is initialized from each run's seed
 * save_weights: true                # optional: every run keeps its final weights (weights.bin) for init_from
 * </pre>
 *
 * <p>{@code data.classes: [5, 6, 7, 8, 9]} restricts the runs to those classes, relabelled 0..k-1 (a transfer
 * study's halves of a data set).
 *
 * @param study the study name, recorded in every run spec
 * @param datasets dataset names
 * @param models architectures
 * @param methods the methods
 * @param engines the training engines (a grid dimension)
 * @param device where every run computes ({@code cpu} unless all engines are torch)
 * @param grid each parameter a grid gives, with its values (typed at the YAML edge), for every method that has it
 * @param overrides method to (parameter to its values)
 * @param seeds run seeds
 * @param budget the budget as written (see {@link BudgetRule})
 * @param data subset settings (the dataset field is a placeholder)
 * @param batchSize examples per step
 * @param model model options (the architecture field is a placeholder)
 * @param evaluation the end-of-run measurements
 * @param reference the method the study's report compares every other method against, when the spec
 *     names one (one of {@code methods}); otherwise the report's default
 * @param controls the control runs: a base method at a SALR method's eta_0 for that method's iterations
 * @param exclude points of the product that are not run: each a partial assignment ({@code model},
 *     {@code method}, parameter names) that a run matching all of it is left out for
 * @param departures how the study departs from the paper, as its file states them (for the report)
 * @param threads the intra-op threads of every run, when the spec gives them
 * @param weights every run's {@code init_from} (a run id) and {@code save_weights}
 * @param initFolder the source run's folder when {@code init_from} names one (where workers look for it)
 */
public record SweepSpec(String study, List<String> datasets, List<String> models, List<Method> methods,
        List<EngineChoice> engines, ComputeDevice device, Map<Param, List<ParamValue>> grid, Map<Method, Map<Param, List<ParamValue>>> overrides,
        List<Long> seeds, BudgetRule budget, DataSpec data, int batchSize, ModelOptions model, EvaluationSpec evaluation,
        Optional<Method> reference, List<Control> controls, List<Exclusion> exclude, List<String> departures,
        java.util.OptionalInt threads, io.salr.harness.run.RunWeights weights, Optional<java.nio.file.Path> initFolder) {

    private static final Set<String> TOP_FIELDS = Set.of("study", "datasets", "models", "methods", "engines", "device", "grid",
            "overrides", "seeds", "budget", "data", "batch_size", "model_options", "evaluation", "reference", "description",
            "controls", "exclude", "departures", "threads", "init_from", "save_weights");

    private static final java.util.regex.Pattern RUN_ID = java.util.regex.Pattern.compile("[0-9a-f]{16}");

    /** The dropout rate of a {@code -dropout} model variant: Section VI's 0.5 after each hidden layer. */
    public static final double VARIANT_DROPOUT = 0.5;

    /** What a budget counts. */
    public enum Currency {
        /** What the engine runs, as the meter counts it (forward+backward passes). */
        PASSES,
        /**
         * Section VI's count: one gradient call per gradient or per-example normalized direction
         * ({@link MethodSpec#paperCallsPerIteration}); the planner turns it into each method's iterations.
         */
        PAPER;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * A control: {@code method} (the base of {@code iterationsOf}: same family and rule, no SALR) at each
     * configuration's eta_0, held constant, with the configuration's rule parameters, for exactly the
     * iterations that configuration's runs make. It asks whether the sharpness-driven rate adds anything over
     * its own starting rate; the same runs compare flatness at equal iterations.
     *
     * @param method the base method that runs
     * @param iterationsOf the SALR method whose configurations and iterations it copies
     */
    public record Control(Method method, Method iterationsOf) {

        public Control {
            if (iterationsOf == null || !iterationsOf.salr()) {
                throw new InvalidParameterException("controls.iterations_of", iterationsOf, "must be a SALR method");
            }
            if (method == null || method.salr() || method.family() != iterationsOf.family() || method.base() != iterationsOf.base()) {
                throw new InvalidParameterException("controls.method", method, "must be the base method of " + iterationsOf
                        + " (the same rule without SALR)");
            }
        }

        /** The horizon label the control's runs carry: {@code iterations-of:sgd-salr}. */
        public String horizon() {
            return Budget.iterationsOf(iterationsOf.cliName());
        }
    }

    /**
     * The budget as the spec states it.
     *
     * @param gradientCalls a budget in gradient calls, or 0
     * @param epochs a budget in epochs, or 0
     * @param reference the method whose calls per epoch convert epochs to gradient calls, or null for
     *     "every run trains this many epochs" (not budget-matched)
     */
    public record BudgetRule(long gradientCalls, int epochs, Method reference, Currency currency) {

        public BudgetRule {
            if (currency == null) {
                throw new InvalidParameterException("budget.currency", "(none)", "must be passes or paper");
            }
        }

        public boolean matched() {
            return gradientCalls > 0 || reference != null;
        }
    }

    public SweepSpec {
        datasets = List.copyOf(datasets);
        models = List.copyOf(models);
        methods = List.copyOf(methods);
        engines = List.copyOf(engines);
        grid = Collections.unmodifiableMap(new LinkedHashMap<>(grid));
        overrides = Collections.unmodifiableMap(new LinkedHashMap<>(overrides));
        seeds = List.copyOf(seeds);
        controls = List.copyOf(controls);
        exclude = List.copyOf(exclude);
        departures = List.copyOf(departures);
    }

    /** Whether the run of {@code method} on {@code modelName} is left out by an {@code exclude} entry. */
    public boolean excluded(String modelName, MethodSpec method) {
        return exclude.stream().anyMatch(e -> e.matches(modelName, method));
    }

    /**
     * One {@code exclude} entry, read at the YAML edge: a partial assignment of a model, a method and parameter
     * values; a run matching every field it names is left out of the sweep.
     *
     * @param model the model's name in the spec, when the entry names one
     * @param method the method, when the entry names one
     * @param params parameter values the run must have, each typed as its {@link Param} says
     */
    public record Exclusion(Optional<String> model, Optional<Method> method, Map<Param, ParamValue> params) {

        public Exclusion {
            if (model.isEmpty() && method.isEmpty() && params.isEmpty()) {
                throw new InvalidParameterException("exclude", "{}", "must name at least one of model, method or a parameter");
            }
            params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        }

        /** True when the run of {@code spec} on {@code modelName} has every value this entry names. */
        public boolean matches(String modelName, MethodSpec spec) {
            if (model.isPresent() && !model.get().equals(modelName)
                    || method.isPresent() && method.get() != spec.method()) {
                return false;
            }
            for (Map.Entry<Param, ParamValue> e : params.entrySet()) {
                Optional<ParamValue> have = spec.value(e.getKey());
                if (have.isEmpty() || !same(have.get(), e.getValue())) {
                    return false;
                }
            }
            return true;
        }

        /** Numbers by value (an integer given for a real parameter matches), choices by label. */
        private static boolean same(ParamValue a, ParamValue b) {
            if (a instanceof ParamValue.Choice || b instanceof ParamValue.Choice) {
                return a.toString().equals(b.toString());
            }
            return a.asDouble() == b.asDouble();
        }

        @Override
        public String toString() {
            List<String> fields = new ArrayList<>();
            model.ifPresent(x -> fields.add("model: " + x));
            method.ifPresent(x -> fields.add("method: " + x.cliName()));
            params.forEach((p, v) -> fields.add(p.key() + ": " + v));
            return "{" + String.join(", ", fields) + "}";
        }
    }

    /**
     * The most runs a sweep may plan. A grid is refused above it before it is expanded: ten million runs made
     * {@code plan} run out of memory after a minute, and no store of that size would be analysed anyway.
     */
    public static final long MAX_RUNS = 100_000;

    /**
     * Reads spec text as YAML, refusing a key given twice in one mapping (YAML would silently keep the
     * last value, and a sweep would run something other than what its author read). Shared by plain and
     * tuned specs so both say the same thing about the same mistake.
     */
    static Object readYaml(String yamlText) {
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            return new Yaml(new SafeConstructor(options)).load(yamlText);
        } catch (DuplicateKeyException e) {
            String key = e.getProblem() == null ? "?" : e.getProblem().replaceFirst("^found duplicate key\\s*", "").trim();
            String line = e.getProblemMark() == null ? "" : " (again on line " + (e.getProblemMark().getLine() + 1) + ")";
            throw new InvalidParameterException(key, "a second value" + line,
                    "is given twice in the spec; each key may appear once in its mapping");
        } catch (YAMLException e) {
            throw new InvalidParameterException("spec", firstLine(e.getMessage()), "must be valid YAML");
        }
    }

    /** Parses and validates YAML text; nothing is run or written. */
    public static SweepSpec parse(String yamlText) {
        return parse(map("spec", readYaml(yamlText)));
    }

    /** {@link #parse(String)} of the tree a YAML reader gave (the codec's edge: plain maps, lists and scalars). */
    static SweepSpec parse(Map<String, Object> m) {
        for (String key : m.keySet()) {
            if (!TOP_FIELDS.contains(key)) {
                throw new InvalidParameterException(key, m.get(key), "is not a field of a sweep spec (fields: "
                        + String.join(", ", new java.util.TreeSet<>(TOP_FIELDS)) + ")");
            }
        }
        String study = text("study", required(m, "study"));
        List<String> datasets = m.containsKey("datasets") ? texts("datasets", m.get("datasets")) : List.of("fashion-mnist");
        for (String d : datasets) {
            if (!io.salr.datasets.real.Datasets.isKnown(d)) {
                throw new InvalidParameterException("datasets", d, "must be one of " + String.join(", ",
                        io.salr.datasets.real.Datasets.NAMES));
            }
        }
        List<String> models = texts("models", required(m, "models"));
        for (String model : models) {
            architectureOf(model);
        }
        List<String> methodNames = texts("methods", required(m, "methods"));
        requireDistinct("datasets", datasets);
        requireDistinct("models", models);
        requireDistinct("methods", methodNames);
        List<Method> methods = methodNames.stream().map(x -> Method.parse("methods", x)).toList();
        List<String> engineNames = m.containsKey("engines") ? texts("engines", m.get("engines")) : List.of("dl4j");
        requireDistinct("engines", engineNames);
        List<EngineChoice> engines = engineNames.stream().map(x -> EngineChoice.parse("engines", x)).toList();
        ComputeDevice device = m.containsKey("device") ? ComputeDevice.parse("device", m.get("device")) : ComputeDevice.CPU;
        for (EngineChoice e : engines) {
            e.requireDevice("device", device);
        }

        Map<Param, List<ParamValue>> grid = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : map("grid", m.getOrDefault("grid", Map.of())).entrySet()) {
            List<Object> given = values("grid." + e.getKey(), e.getValue());
            boolean used = methods.stream().anyMatch(x -> parametersOf(x).contains(e.getKey()));
            if (!used) {
                throw new InvalidParameterException("grid." + e.getKey(), e.getValue(),
                        "is not a parameter of any method of the sweep (" + String.join(", ", methodNames) + ")");
            }
            Param param = Param.byKey(e.getKey()).orElseThrow();
            grid.put(param, typed("grid.", param, given));
        }
        Map<Method, Map<Param, List<ParamValue>>> overrides = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : map("overrides", m.getOrDefault("overrides", Map.of())).entrySet()) {
            if (!methodNames.contains(e.getKey())) {
                throw new InvalidParameterException("overrides." + e.getKey(), e.getValue(),
                        "names a method that is not in methods (" + String.join(", ", methodNames) + ")");
            }
            Method method = Method.parse("overrides", e.getKey());
            Map<Param, List<ParamValue>> o = new LinkedHashMap<>();
            for (Map.Entry<String, Object> p : map("overrides." + e.getKey(), e.getValue()).entrySet()) {
                String field = "overrides." + e.getKey() + "." + p.getKey();
                if (!parametersOf(method).contains(p.getKey())) {
                    throw new InvalidParameterException(field, p.getValue(), "is not a parameter of " + e.getKey()
                            + " (its parameters: " + String.join(", ", parametersOf(method)) + ")");
                }
                Param param = Param.byKey(p.getKey()).orElseThrow();
                o.put(param, typed("overrides." + e.getKey() + ".", param, values(field, p.getValue())));
            }
            overrides.put(method, o);
        }
        List<Long> seeds = seeds(required(m, "seeds"));
        BudgetRule budget = budget(map("budget", required(m, "budget")));

        Map<String, Object> d = map("data", m.getOrDefault("data", Map.of()));
        allowOnly("data", d, Set.of("train_subset", "test_subset", "subset_mode", "validation_examples", "validation_seed",
                "classes"));
        String mode = text("data.subset_mode", d.getOrDefault("subset_mode", "stratified")).toLowerCase(Locale.ROOT);
        DataSpec.SubsetMode subsetMode = switch (mode) {
            case "first" -> DataSpec.SubsetMode.FIRST;
            case "stratified" -> DataSpec.SubsetMode.STRATIFIED;
            default -> throw new InvalidParameterException("data.subset_mode", mode, "must be first or stratified");
        };
        int trainSubset = integer("data.train_subset", d.getOrDefault("train_subset", 0), 0);
        int testSubset = integer("data.test_subset", d.getOrDefault("test_subset", 0), 0);
        int validationExamples = integer("data.validation_examples", d.getOrDefault("validation_examples", 0), 0);
        long validationSeed = longValue("data.validation_seed", d.getOrDefault("validation_seed", 0));
        for (String dataset : datasets) {
            checkSubsets(dataset, trainSubset, testSubset, "data.train_subset", "data.test_subset");
        }
        List<Integer> classes = new ArrayList<>();
        if (d.containsKey("classes")) {
            for (Object c : values("data.classes", d.get("classes"))) {
                classes.add(integer("data.classes", c, 0));
            }
            for (String dataset : datasets) {
                java.util.OptionalInt k = io.salr.datasets.real.Datasets.numClasses(dataset);
                if (k.isEmpty()) {
                    throw new InvalidParameterException("data.classes", d.get("classes"), "needs a labelled image data set; "
                            + dataset + " is not one");
                }
                for (int c : classes) {
                    if (c >= k.getAsInt()) {
                        throw new InvalidParameterException("data.classes", d.get("classes"), "names class " + c + ", which "
                                + dataset + " does not have (its classes are 0.." + (k.getAsInt() - 1) + ")");
                    }
                }
            }
        }
        DataSpec data;
        try {
            data = new DataSpec(datasets.get(0), trainSubset, subsetMode, testSubset, validationExamples, validationSeed, classes);
        } catch (InvalidParameterException e) {
            throw prefixed("", e);
        }
        int batchSize = integer("batch_size", m.getOrDefault("batch_size", RunDefaults.BATCH_SIZE), 1);

        Map<String, Object> mo = map("model_options", m.getOrDefault("model_options", Map.of()));
        allowOnly("model_options", mo, Set.of("hidden", "dropout", "batch_norm", "width"));
        ModelOptions model;
        try {
            model = new ModelOptions(architectureOf(models.get(0)), number("model_options.dropout", mo.getOrDefault("dropout", RunDefaults.DROPOUT)),
                    bool("model_options.batch_norm", mo.getOrDefault("batch_norm", false)),
                    number("model_options.width", mo.getOrDefault("width", RunDefaults.WIDTH)),
                    integer("model_options.hidden", mo.getOrDefault("hidden", RunDefaults.HIDDEN), 1));
        } catch (InvalidParameterException e) {
            throw prefixed("model_options.", e);
        }

        Map<String, Object> ev = map("evaluation", m.getOrDefault("evaluation", Map.of()));
        allowOnly("evaluation", ev, Set.of("sharpness_examples", "hessian_iterations", "gamma", "n1", "n2",
                "epoch_train_examples"));
        EvaluationSpec def = EvaluationSpec.DEFAULTS;
        EvaluationSpec evaluation;
        try {
            evaluation = new EvaluationSpec(
                    integer("evaluation.sharpness_examples", ev.getOrDefault("sharpness_examples", def.sharpnessExamples()), 0),
                    number("evaluation.gamma", ev.getOrDefault("gamma", def.gamma())),
                    integer("evaluation.n1", ev.getOrDefault("n1", def.n1()), 0),
                    integer("evaluation.n2", ev.getOrDefault("n2", def.n2()), 0),
                    integer("evaluation.hessian_iterations", ev.getOrDefault("hessian_iterations", def.hessianIterations()), 0),
                    integer("evaluation.epoch_train_examples", ev.getOrDefault("epoch_train_examples", 0), 0));
        } catch (InvalidParameterException e) {
            throw prefixed("evaluation.", e);
        }
        Optional<Method> reference = Optional.empty();
        if (m.containsKey("reference")) {
            String r = text("reference", m.get("reference"));
            if (!methodNames.contains(r)) {
                throw new InvalidParameterException("reference", r, "must be one of the spec's methods (" + String.join(", ", methodNames) + ")");
            }
            reference = Optional.of(Method.parse("reference", r));
        }
        List<Control> controls = new ArrayList<>();
        Object rawControls = m.getOrDefault("controls", List.of());
        if (!(rawControls instanceof List<?> controlList)) {
            throw new InvalidParameterException("controls", rawControls, "must be a list of {method, iterations_of}");
        }
        for (Object c : controlList) {
            Map<String, Object> cm = map("controls", c);
            allowOnly("controls", cm, Set.of("method", "iterations_of"));
            String of = text("controls.iterations_of", required(cm, "iterations_of"));
            if (!methodNames.contains(of)) {
                throw new InvalidParameterException("controls.iterations_of", of, "must be one of the spec's methods ("
                        + String.join(", ", methodNames) + ")");
            }
            Control control = new Control(Method.parse("controls.method", text("controls.method", required(cm, "method"))),
                    Method.parse("controls.iterations_of", of));
            if (controls.contains(control)) {
                throw new InvalidParameterException("controls", c, "is listed twice");
            }
            controls.add(control);
        }
        List<Exclusion> exclude = new ArrayList<>();
        Object rawExclude = m.getOrDefault("exclude", List.of());
        if (!(rawExclude instanceof List<?> excludeList)) {
            throw new InvalidParameterException("exclude", rawExclude, "must be a list of partial assignments");
        }
        for (Object x : excludeList) {
            exclude.add(exclusion(map("exclude", x), models, methods));
        }
        List<String> departures = m.containsKey("departures") ? texts("departures", m.get("departures")) : List.of();
        // the intra-op threads of every run; absent, each model's default (RunSpec#threads)
        java.util.OptionalInt threads = m.containsKey("threads")
                ? java.util.OptionalInt.of(integer("threads", m.get("threads"), 1)) : java.util.OptionalInt.empty();
        if (threads.isPresent() && threads.getAsInt() > RunSpec.MAX_THREADS) {
            throw new InvalidParameterException("threads", threads.getAsInt(), "must be at most " + RunSpec.MAX_THREADS);
        }
        Optional<java.nio.file.Path> initFolder = Optional.empty();
        Optional<String> initFrom = Optional.empty();
        if (m.containsKey("init_from")) {
            String given = text("init_from", m.get("init_from"));
            if (RUN_ID.matcher(given).matches()) {
                initFrom = Optional.of(given); // a run of this study's pretrain stage (TunedStudy), found in the store
            } else {
                initFolder = Optional.of(java.nio.file.Path.of(given));
                initFrom = Optional.of(io.salr.harness.run.InitFrom.idOf(initFolder.get()));
            }
        }
        boolean saveWeights = m.containsKey("save_weights") && bool("save_weights", m.get("save_weights"));
        SweepSpec spec = new SweepSpec(study, datasets, models, methods, engines, device, grid, overrides, seeds, budget, data,
                batchSize, model, evaluation, reference, controls, exclude, departures, threads,
                new io.salr.harness.run.RunWeights(initFrom, saveWeights), initFolder);
        long runs = spec.runCount();
        if (runs > MAX_RUNS) {
            throw new InvalidParameterException("grid", String.format(Locale.ROOT, "%s runs (%d datasets x %d models x %d engines"
                    + " x %s method configurations x %d seeds)", runs == Long.MAX_VALUE ? "more than 9.2e18" : Long.toString(runs),
                    datasets.size(), models.size(), engines.size(), spec.configurationCount() == Long.MAX_VALUE
                            ? "more than 9.2e18" : Long.toString(spec.configurationCount()), seeds.size()),
                    "is larger than the " + MAX_RUNS + " runs a sweep may plan; split it into several sweeps (studies)");
        }
        for (Exclusion e : exclude) {
            boolean used = models.stream().anyMatch(name -> methods.stream().anyMatch(method -> spec.combinations(method).stream()
                    .anyMatch(c -> e.matches(name, c))));
            if (!used) {
                throw new InvalidParameterException("exclude", e, "excludes no run of the sweep");
            }
        }
        spec.plan(); // expands and validates every run (hyperparameter values, budget) before anything runs
        return spec;
    }

    /** An {@code exclude} entry of the YAML tree, checked against the spec's models, methods and their parameters. */
    private static Exclusion exclusion(Map<String, Object> e, List<String> models, List<Method> methods) {
        if (e.isEmpty()) {
            throw new InvalidParameterException("exclude", e, "must name at least one of model, method or a parameter");
        }
        Optional<String> model = Optional.empty();
        Optional<Method> method = Optional.empty();
        Map<Param, ParamValue> params = new LinkedHashMap<>();
        for (Map.Entry<String, Object> c : e.entrySet()) {
            String field = "exclude." + c.getKey();
            Optional<Param> param = Param.byKey(c.getKey());
            boolean known = switch (c.getKey()) {
                case "model" -> models.contains(String.valueOf(c.getValue()));
                case "method" -> methods.stream().anyMatch(x -> x.cliName().equals(String.valueOf(c.getValue())));
                default -> param.isPresent() && methods.stream().anyMatch(x -> parametersOf(x).contains(c.getKey()));
            };
            if (!known) {
                throw new InvalidParameterException(field, c.getValue(),
                        "must be one of the spec's models, methods or a parameter of one of its methods");
            }
            switch (c.getKey()) {
                case "model" -> model = Optional.of(String.valueOf(c.getValue()));
                case "method" -> method = Optional.of(Method.parse(field, String.valueOf(c.getValue())));
                default -> {
                    try {
                        params.put(param.get(), ParamValue.parse(param.get(), c.getValue()));
                    } catch (InvalidParameterException bad) {
                        // the same requirement, under the field's place in the spec
                        String message = bad.getMessage();
                        throw new InvalidParameterException(field, c.getValue(), message.substring(
                                bad.parameter().length() + 1, message.lastIndexOf(", got ")));
                    }
                }
            }
        }
        return new Exclusion(model, method, params);
    }

    /**
     * Refuses subsets larger than the data set, naming its size: a subset of 100000 of Fashion-MNIST's 60000
     * training examples would train on all of them while the run spec (and id) recorded the impossible number.
     * The sizes of the image data sets are known before loading; a text corpus's only after (see
     * {@link #checkLoadedSubsets}).
     */
    public static void checkSubsets(String dataset, int trainSubset, int testSubset, String trainField, String testField) {
        java.util.OptionalInt train = io.salr.datasets.real.Datasets.trainSize(dataset);
        if (train.isPresent() && trainSubset > train.getAsInt()) {
            throw new InvalidParameterException(trainField, trainSubset, "exceeds the " + train.getAsInt()
                    + " training examples of " + dataset + " (0 = all of them)");
        }
        java.util.OptionalInt test = io.salr.datasets.real.Datasets.testSize(dataset);
        if (test.isPresent() && testSubset > test.getAsInt()) {
            throw new InvalidParameterException(testField, testSubset, "exceeds the " + test.getAsInt()
                    + " test examples of " + dataset + " (0 = all of them)");
        }
    }

    /** {@link #checkSubsets} for a data set whose sizes are known only once it is loaded (a text corpus). */
    public static void checkLoadedSubsets(String dataset, int trainSize, int testSize, int trainSubset, int testSubset,
            String trainField, String testField) {
        if (trainSubset > trainSize) {
            throw new InvalidParameterException(trainField, trainSubset, "exceeds the " + trainSize
                    + " training examples of " + dataset + " (0 = all of them)");
        }
        if (testSubset > testSize) {
            throw new InvalidParameterException(testField, testSubset, "exceeds the " + testSize
                    + " test examples of " + dataset + " (0 = all of them)");
        }
    }

    /** The runs {@link #plan()} would make, computed without expanding anything; saturates at Long.MAX_VALUE. */
    public long runCount() {
        long n = times(times(times(datasets.size(), models.size()), engines.size()), configurationCount());
        return times(n, seeds.size());
    }

    /** The method configurations over all methods (the sum of each method's grid product); saturating. */
    public long configurationCount() {
        long total = 0;
        for (Method method : methods) {
            long product = 1;
            for (List<ParamValue> values : gridOf(method).values()) {
                product = times(product, values.size());
            }
            total = total > Long.MAX_VALUE - product ? Long.MAX_VALUE : total + product;
        }
        return total;
    }

    private static long times(long a, long b) {
        return a != 0 && b > Long.MAX_VALUE / a ? Long.MAX_VALUE : a * b;
    }

    /** The parameter names of {@code method}, in its fixed order. */
    public static List<String> parametersOf(Method method) {
        return MethodSpec.defaults(method).values().keySet().stream().map(Param::key).toList();
    }

    /** The hyperparameter grid of {@code method}: every grid entry it accepts, then its overrides, sorted by name. */
    public Map<Param, List<ParamValue>> gridOf(Method method) {
        Set<Param> own = MethodSpec.defaults(method).values().keySet();
        Map<Param, List<ParamValue>> g = new TreeMap<>(java.util.Comparator.comparing(Param::key));
        grid.forEach((k, v) -> {
            if (own.contains(k)) {
                g.put(k, v);
            }
        });
        g.putAll(overrides.getOrDefault(method, Map.of()));
        return g;
    }

    /** Every resolved parameter combination of {@code method}, in a fixed order; errors name the field. */
    public List<MethodSpec> combinations(Method method) {
        List<Map<Param, ParamValue>> out = new ArrayList<>();
        out.add(new LinkedHashMap<>());
        for (Map.Entry<Param, List<ParamValue>> e : gridOf(method).entrySet()) {
            List<Map<Param, ParamValue>> next = new ArrayList<>();
            for (Map<Param, ParamValue> partial : out) {
                for (ParamValue v : e.getValue()) {
                    Map<Param, ParamValue> c = new LinkedHashMap<>(partial);
                    c.put(e.getKey(), v);
                    next.add(c);
                }
            }
            out = next;
        }
        List<MethodSpec> resolved = new ArrayList<>();
        for (Map<Param, ParamValue> given : out) {
            try {
                resolved.add(MethodSpec.of(method, given));
            } catch (InvalidParameterException e) {
                Optional<Param> p = Param.byKey(e.parameter());
                String where = p.isPresent() && overrides.getOrDefault(method, Map.of()).containsKey(p.get())
                        ? "overrides." + method + "." : p.isPresent() && grid.containsKey(p.get()) ? "grid." : method + ".";
                throw prefixed(where, e);
            }
        }
        return resolved;
    }

    /** The spec as a sweep.yaml says it: a YAML document that {@link #parse(String)} reads back to an equal spec. */
    public String toYaml() {
        return SweepSpecYaml.write(this);
    }

    /** The same sweep under another study name. */
    public SweepSpec withStudy(String s) {
        return new SweepSpec(s, datasets, models, methods, engines, device, grid, overrides, seeds, budget, data, batchSize, model,
                evaluation, reference, controls, exclude, departures, threads, weights, initFolder);
    }

    /** The same sweep over other seeds. */
    public SweepSpec withSeeds(List<Long> s) {
        return new SweepSpec(study, datasets, models, methods, engines, device, grid, overrides, s, budget, data, batchSize, model,
                evaluation, reference, controls, exclude, departures, threads, weights, initFolder);
    }

    /** The same sweep with another budget. */
    public SweepSpec withBudget(BudgetRule b) {
        return new SweepSpec(study, datasets, models, methods, engines, device, grid, overrides, seeds, b, data, batchSize, model,
                evaluation, reference, controls, exclude, departures, threads, weights, initFolder);
    }

    /** The same sweep on other subset settings (the dataset field stays a placeholder). */
    public SweepSpec withData(DataSpec d) {
        return new SweepSpec(study, datasets, models, methods, engines, device, grid, overrides, seeds, budget, d, batchSize, model,
                evaluation, reference, controls, exclude, departures, threads, weights, initFolder);
    }

    /** The same sweep with other end-of-run measurements. */
    public SweepSpec withEvaluation(EvaluationSpec e) {
        return new SweepSpec(study, datasets, models, methods, engines, device, grid, overrides, seeds, budget, data, batchSize, model,
                e, reference, controls, exclude, departures, threads, weights, initFolder);
    }

    /** The same runs without a report reference or control runs (a stage that only chooses settings). */
    public SweepSpec withoutReferenceAndControls() {
        return new SweepSpec(study, datasets, models, methods, engines, device, grid, overrides, seeds, budget, data, batchSize, model,
                evaluation, Optional.empty(), List.of(), exclude, departures, threads, weights, initFolder);
    }

    /**
     * The same sweep with {@code more} merged into its overrides: each method's given parameters replace its own
     * values of them (a single value or a list, a grid of that method).
     */
    public SweepSpec withOverrides(Map<Method, Map<Param, List<ParamValue>>> more) {
        Map<Method, Map<Param, List<ParamValue>>> o = new LinkedHashMap<>(overrides);
        more.forEach((m, params) -> {
            Map<Param, List<ParamValue>> merged = new LinkedHashMap<>(o.getOrDefault(m, Map.of()));
            merged.putAll(params);
            o.put(m, Collections.unmodifiableMap(merged));
        });
        return new SweepSpec(study, datasets, models, methods, engines, device, grid, o, seeds, budget, data, batchSize, model,
                evaluation, reference, controls, exclude, departures, threads, weights, initFolder);
    }

    /** The same sweep with every run starting from the finished run {@code id} (a run of the study's pretrain stage). */
    public SweepSpec withInitFrom(String id) {
        return new SweepSpec(study, datasets, models, methods, engines, device, grid, overrides, seeds, budget, data, batchSize, model,
                evaluation, reference, controls, exclude, departures, threads,
                new io.salr.harness.run.RunWeights(Optional.of(id), weights.save()), Optional.empty());
    }

    /** Expands the spec into its runs (see {@link SweepPlan#of}). */
    public SweepPlan plan() {
        return SweepPlan.of(this);
    }

    /** Builds the run spec of one point of the sweep; {@code modelName} is an entry of {@link #models}. */
    RunSpec runSpec(String dataset, String modelName, MethodSpec method, EngineChoice engine, long seed, Budget b) {
        ModelOptions options = modelOptions(modelName);
        return new RunSpec(study, new DataSpec(dataset, data.trainSubset(), data.subsetMode(), data.testSubset(),
                data.validationExamples(), data.validationSeed(), data.classes()),
                options, method, engine, device, seed, batchSize, b, evaluation, io.salr.harness.run.OutcomeRule.DEFAULTS,
                threads.orElse(options.defaultThreads()), weights);
    }

    /**
     * The architecture of a model name: the name itself ({@code mlp}), or the part before a variant suffix
     * ({@code mlp-bn-dropout} is the mlp with BatchNorm and dropout after each hidden layer).
     */
    public static String architectureOf(String modelName) {
        for (String suffix : List.of("-bn-dropout", "-bn", "-dropout", "")) {
            if (modelName.endsWith(suffix)) {
                String arch = modelName.substring(0, modelName.length() - suffix.length());
                if (Catalogue.find(arch).isPresent()) {
                    return arch;
                }
            }
        }
        throw new InvalidParameterException("models", modelName, "must be one of "
                + String.join(", ", Catalogue.names())
                + ", optionally with a variant suffix -bn, -dropout or -bn-dropout");
    }

    /**
     * The model options of a model name: the spec's {@code model_options} on its architecture; a {@code -bn}
     * variant turns BatchNorm on and a {@code -dropout} variant sets dropout {@value #VARIANT_DROPOUT}.
     */
    public ModelOptions modelOptions(String modelName) {
        String arch = architectureOf(modelName);
        String variant = modelName.substring(arch.length());
        boolean bn = variant.contains("-bn") || model.batchNorm();
        double dropout = variant.contains("-dropout") ? VARIANT_DROPOUT : model.dropout();
        return new ModelOptions(arch, dropout, bn, model.widthMultiplier(), model.hidden());
    }

    /** The name in {@link #models} whose options are {@code options} (what the export's model column shows). */
    public String modelName(ModelOptions options) {
        for (String name : models) {
            if (modelOptions(name).equals(options)) {
                return name;
            }
        }
        return options.architecture();
    }

    // ---- parsing helpers; every error names the field and the value ----

    static BudgetRule budget(Map<String, Object> b) {
        allowOnly("budget", b, Set.of("gradient_calls", "epochs", "of", "currency"));
        Currency currency = Currency.PASSES;
        if (b.containsKey("currency")) {
            String c = text("budget.currency", b.get("currency")).toLowerCase(Locale.ROOT);
            currency = switch (c) {
                case "passes" -> Currency.PASSES;
                case "paper" -> Currency.PAPER;
                default -> throw new InvalidParameterException("budget.currency", b.get("currency"), "must be passes or paper");
            };
        }
        if (b.containsKey("gradient_calls") == b.containsKey("epochs")) {
            throw new InvalidParameterException("budget", b, "must give exactly one of gradient_calls or epochs");
        }
        if (b.containsKey("gradient_calls")) {
            if (b.containsKey("of")) {
                throw new InvalidParameterException("budget.of", b.get("of"), "goes only with epochs");
            }
            long calls = longValue("budget.gradient_calls", b.get("gradient_calls"));
            if (calls < 1) {
                throw new InvalidParameterException("budget.gradient_calls", b.get("gradient_calls"), "must be >= 1");
            }
            return new BudgetRule(calls, 0, null, currency);
        }
        int epochs = integer("budget.epochs", b.get("epochs"), 1);
        Method of = b.containsKey("of") ? Method.parse("budget.of", text("budget.of", b.get("of"))) : null;
        if (of == null && currency == Currency.PAPER) {
            throw new InvalidParameterException("budget.currency", "paper",
                    "needs a matched budget (gradient_calls, or epochs with of: METHOD); plain epochs are not matched");
        }
        return new BudgetRule(0, epochs, of, currency);
    }

    static List<Long> seeds(Object v) {
        if (v instanceof Number n) {
            long count = longValue("seeds", n);
            if (count < 1 || count > 10_000) {
                throw new InvalidParameterException("seeds", v, "must be a count in 1..10000 or a list of seeds");
            }
            List<Long> s = new ArrayList<>();
            for (long i = 0; i < count; i++) {
                s.add(i);
            }
            return s;
        }
        List<Long> s = new ArrayList<>();
        for (Object o : values("seeds", v)) {
            s.add(longValue("seeds", o));
        }
        requireDistinct("seeds", s);
        return s;
    }

    private static Object required(Map<String, Object> m, String key) {
        if (!m.containsKey(key) || m.get(key) == null) {
            throw new InvalidParameterException(key, "(missing)", "is required");
        }
        return m.get(key);
    }

    private static void allowOnly(String field, Map<String, Object> m, Set<String> allowed) {
        for (String key : m.keySet()) {
            if (!allowed.contains(key)) {
                throw new InvalidParameterException(field + "." + key, m.get(key), "is not a field of " + field
                        + " (fields: " + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
            }
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(String field, Object v) {
        if (!(v instanceof Map<?, ?> raw)) {
            throw new InvalidParameterException(field, v, "must be a mapping of names to values");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : raw.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                throw new InvalidParameterException(field, e.getKey(), "must have text keys");
            }
            m.put(key, e.getValue());
        }
        return m;
    }

    /**
     * The YAML edge of a method parameter: each value a grid or an override lists, read as the parameter's type
     * (errors name the field, {@code grid.gamma}); the method checks its range when it is resolved.
     */
    static List<ParamValue> typed(String prefix, Param param, List<Object> given) {
        List<ParamValue> out = new ArrayList<>();
        for (Object o : given) {
            try {
                out.add(ParamValue.parse(param, o));
            } catch (InvalidParameterException e) {
                throw prefixed(prefix, e);
            }
        }
        return List.copyOf(out);
    }

    static List<Object> values(String field, Object v) {
        List<Object> list = v instanceof List<?> l ? new ArrayList<>(l) : new ArrayList<>(List.of(v == null ? "null" : v));
        if (list.isEmpty()) {
            throw new InvalidParameterException(field, "[]", "must not be empty");
        }
        for (Object o : list) {
            if (!(o instanceof Number || o instanceof String || o instanceof Boolean)) {
                throw new InvalidParameterException(field, o, "must hold numbers or text");
            }
        }
        return list;
    }

    private static List<String> texts(String field, Object v) {
        List<String> out = new ArrayList<>();
        for (Object o : values(field, v)) {
            out.add(text(field, o));
        }
        return out;
    }

    static String text(String field, Object v) {
        if (!(v instanceof String s) || s.isBlank()) {
            throw new InvalidParameterException(field, v, "must be a non-empty text");
        }
        return s.trim();
    }

    static int integer(String field, Object v, int min) {
        long l = longValue(field, v);
        if (l < min || l > Integer.MAX_VALUE) {
            throw new InvalidParameterException(field, v, "must be an integer >= " + min);
        }
        return (int) l;
    }

    static long longValue(String field, Object v) {
        if (v instanceof Integer || v instanceof Long) {
            return ((Number) v).longValue();
        }
        if (v instanceof java.math.BigInteger big) {
            // YAML reads integers beyond 64 bits as BigInteger; longValue() would keep the low 64 bits and wrap
            if (big.bitLength() > 63) {
                throw new InvalidParameterException(field, v, "must be an integer in " + Long.MIN_VALUE + ".." + Long.MAX_VALUE);
            }
            return big.longValueExact();
        }
        throw new InvalidParameterException(field, v, "must be an integer");
    }

    private static double number(String field, Object v) {
        if (v instanceof Number n && Double.isFinite(n.doubleValue())) {
            return n.doubleValue();
        }
        throw new InvalidParameterException(field, v, "must be a finite number");
    }

    private static boolean bool(String field, Object v) {
        if (v instanceof Boolean b) {
            return b;
        }
        throw new InvalidParameterException(field, v, "must be true or false");
    }

    private static <T> void requireDistinct(String field, List<T> list) {
        Set<T> seen = new LinkedHashSet<>();
        for (T t : list) {
            if (!seen.add(t)) {
                throw new InvalidParameterException(field, t, "is listed twice");
            }
        }
    }

    static InvalidParameterException prefixed(String prefix, InvalidParameterException e) {
        String requirement = e.getMessage();
        String head = e.parameter() + " ";
        if (requirement.startsWith(head)) {
            requirement = requirement.substring(head.length());
        }
        int got = requirement.lastIndexOf(", got ");
        if (got >= 0) {
            requirement = requirement.substring(0, got);
        }
        String name = e.parameter().startsWith(prefix) ? e.parameter() : prefix + e.parameter();
        return new InvalidParameterException(name, e.value(), requirement);
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }
}
