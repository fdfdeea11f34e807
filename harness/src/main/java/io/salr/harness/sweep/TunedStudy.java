package io.salr.harness.sweep;

import io.salr.analysis.metric.Metric;
import io.salr.analysis.io.AtomicFiles;
import io.salr.harness.run.RunResult;
import io.salr.harness.run.RunStatus;
import io.salr.optimizers.spec.Method;
import io.salr.optimizers.spec.MethodSpec;
import io.salr.optimizers.spec.Param;
import io.salr.optimizers.spec.ParamValue;
import io.salr.validation.InvalidParameterException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.representer.Representer;

/**
 * A study that tunes before it tests (the protocol a referee asks for): a sweep spec with a
 * {@code tuning} section runs in two stages.
 *
 * <pre>
 * tuning:
 *   validation: {examples: 6000, seed: 2026}  # held out of the training set (stratified, seeded), never the test set
 *   seeds: [1000]                             # tuning seeds, distinct from the final ones
 *   budget: {epochs: 2, of: sgd}              # the tuning runs' own budget (reported)
 *   metric: test_accuracy                     # what the settings are ranked by (the default; text: perplexity)
 *   grid:                                     # per method: its learning rate and its key parameter
 *     sgd: {lr: [0.01, 0.03, 0.1]}
 *     sgd-salr: {lr: [0.01, 0.03, 0.1], gamma: [0.005, 0.02]}
 * </pre>
 *
 * <ol>
 *   <li>Tuning: every method at every point of its tuning grid, trained on the training set minus the
 *       validation hold-out and evaluated on the hold-out, over the tuning seeds with the tuning budget, into
 *       the sub-store {@code STORE/tuning} (an ordinary store of a derived spec).</li>
 *   <li>Testing: per method, the best setting is run on the full training set over the study's seeds with
 *       its budget and evaluated on the test set, into {@code STORE} itself; its {@code sweep.yaml} is the
 *       derived final spec (the study's spec with the chosen values as overrides), so every other command
 *       reads it as an ordinary store.</li>
 * </ol>
 *
 * The best setting of a method, by the tuning metric ({@code tuning.metric}: a result a tuning run records, read
 * on the validation hold-out, which a tuning run records under the test set's names - {@code test_accuracy},
 * {@code test_loss}, and for a text {@code perplexity}; default {@code test_accuracy}): a setting any of whose
 * tuning runs diverged, collapsed, failed or recorded no value of the metric ranks below every setting whose runs
 * all finished (a referee would not pick a rate that blew up on one seed because the others did well); within
 * the finished settings the best mean over the seeds wins, in the metric's direction. Among unfinished settings
 * a higher-is-better metric (an accuracy, a fraction) counts a run that did not finish at 0, its worst value, as
 * the first studies did; a lower-is-better one has no worst value to count, so fewer unfinished runs rank first,
 * then the mean of the finished ones. Ties go to the first setting in grid order.
 *
 * <p>{@code STORE/study.yaml} keeps the study as written and {@code STORE/tuning.csv} every tuned setting with
 * its mean validation value (the column names the metric: {@code mean_validation_accuracy},
 * {@code mean_validation_perplexity}, ...), failures, cost (metered gradient calls, paper calls, wall seconds),
 * whether it was chosen and whether the chosen rate sits at an edge of its grid. A study with a tuning section
 * has one dataset and one model (the choice is per method), and tuning seeds disjoint from the final ones.
 *
 * <p>A study may start with a pre-training stage (Table VI: fine-tuning a trained network):
 *
 * <pre>
 * pretrain:                                   # one run, into STORE/pretrain, that keeps its weights
 *   method: sgd
 *   params: {lr: 0.05, momentum: 0.9}         # the method's parameters (the rest: its defaults)
 *   classes: [0, 1, 2, 3, 4]                  # the classes it trains on (data.classes of its run)
 *   budget: {epochs: 10}
 *   seed: 0
 * </pre>
 *
 * Its run has the study's data, model, engine and batch size, the given classes and {@code save_weights}; every
 * tuning and final run then has {@code init_from} its run id, so the source is part of every id. The stage
 * runs first; a source that did not complete stops the study before the tuning stage. Workers find it in
 * {@code STORE/pretrain} ({@link Store#initSources()}).
 *
 * <p>{@link #protocolGaps()} lists what a referee would reject in the protocol (fewer than 3 tuning seeds, a
 * tuning horizon other than the final one, a learning-rate grid of fewer than 4 log-spaced rates, unequal
 * tuning budgets across methods, a text tuned by accuracy while its claims are in perplexity); the run prints
 * them before it starts.
 */
public final class TunedStudy {

    /** The fields of the tuning section. */
    private static final Set<String> TUNING_FIELDS = Set.of("validation", "seeds", "budget", "grid", "metric");
    /** The fields of the pretrain section. */
    private static final Set<String> PRETRAIN_FIELDS = Set.of("method", "params", "classes", "budget", "seed");
    /** The sub-store of the pre-training stage. */
    public static final String PRETRAIN_STORE = "pretrain";

    private final String text;
    private final Map<String, Object> study;
    private final Map<String, Object> tuning;
    private final Optional<Map<String, Object>> pretrain;
    private final Metric metric;

    private TunedStudy(String text, Map<String, Object> study, Map<String, Object> tuning, Optional<Map<String, Object>> pretrain,
            Metric metric) {
        this.text = text;
        this.study = study;
        this.tuning = tuning;
        this.pretrain = pretrain;
        this.metric = metric;
    }

    private static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        DumperOptions dump = new DumperOptions();
        dump.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        return new Yaml(new SafeConstructor(options), new Representer(dump), dump, options);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> load(String text) {
        Object root = SweepSpec.readYaml(text);
        if (!(root instanceof Map<?, ?>)) {
            throw new InvalidParameterException("spec", root, "must be a map of fields");
        }
        return textKeys("spec", root);
    }

    /** {@code v} as a map with text keys, or an error naming {@code field}. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> textKeys(String field, Object v) {
        if (!(v instanceof Map<?, ?> m)) {
            throw new InvalidParameterException(field, v, "must be a mapping of names to values");
        }
        for (Object k : m.keySet()) {
            if (!(k instanceof String)) {
                throw new InvalidParameterException(field, k, "must have text keys");
            }
        }
        return new LinkedHashMap<>((Map<String, Object>) m);
    }

    /** True when the spec text has a {@code tuning} section. */
    public static boolean isTuned(String text) {
        return load(text).containsKey("tuning");
    }

    /** Parses and validates a tuned study: both derived specs are planned, so every error shows now. */
    @SuppressWarnings("unchecked")
    public static TunedStudy parse(String text) {
        Map<String, Object> m = load(text);
        Optional<Map<String, Object>> pretrain = Optional.empty();
        if (m.containsKey("pretrain")) {
            Map<String, Object> p = textKeys("pretrain", m.remove("pretrain"));
            for (String k : p.keySet()) {
                if (!PRETRAIN_FIELDS.contains(k)) {
                    throw new InvalidParameterException("pretrain." + k, p.get(k), "is not a field of pretrain (fields: "
                            + String.join(", ", new java.util.TreeSet<>(PRETRAIN_FIELDS)) + ")");
                }
            }
            for (String k : List.of("method", "classes", "budget")) {
                if (!p.containsKey(k)) {
                    throw new InvalidParameterException("pretrain." + k, "(missing)", "must be given");
                }
            }
            if (m.containsKey("init_from")) {
                throw new InvalidParameterException("init_from", m.get("init_from"),
                        "cannot be given with a pretrain stage (its run is every run's init_from)");
            }
            pretrain = Optional.of(p);
        }
        Object t = m.remove("tuning");
        if (!(t instanceof Map<?, ?> tm)) {
            throw new InvalidParameterException("tuning", t, "must be a map with validation, seeds, budget and grid");
        }
        Map<String, Object> tuning = textKeys("tuning", tm);
        for (String k : tuning.keySet()) {
            if (!TUNING_FIELDS.contains(k)) {
                throw new InvalidParameterException("tuning." + k, tuning.get(k), "is not a field of tuning (fields: "
                        + String.join(", ", new java.util.TreeSet<>(TUNING_FIELDS)) + ")");
            }
        }
        for (String k : List.of("validation", "seeds", "budget", "grid")) {
            if (!tuning.containsKey(k)) {
                throw new InvalidParameterException("tuning." + k, "(missing)", "must be given");
            }
        }
        Map<String, Object> validation = textKeys("tuning.validation", tuning.get("validation"));
        if (!validation.containsKey("examples")) {
            throw new InvalidParameterException("tuning.validation.examples", "(missing)", "must be given");
        }
        Map<String, Object> grid = textKeys("tuning.grid", tuning.get("grid"));
        for (Map.Entry<String, Object> e : grid.entrySet()) {
            textKeys("tuning.grid." + e.getKey(), e.getValue());
        }
        TunedStudy s = new TunedStudy(text, m, tuning, pretrain, Metric.TEST_ACCURACY);
        if (pretrain.isPresent()) {
            SweepSpec p;
            try {
                p = SweepSpec.parse(s.pretrainYaml().orElseThrow());
            } catch (InvalidParameterException e) {
                throw SweepSpec.prefixed("pretrain.", e);
            }
            if (p.runCount() != 1) {
                throw new InvalidParameterException("pretrain", pretrain.get(), "must describe one run (one setting, one seed)");
            }
        }
        SweepSpec finalTemplate = SweepSpec.parse(s.finalYaml(Map.of()));
        if (finalTemplate.datasets().size() != 1 || finalTemplate.models().size() != 1) {
            throw new InvalidParameterException("datasets/models", finalTemplate.datasets() + " / " + finalTemplate.models(),
                    "must name one dataset and one model in a study with a tuning stage (the choice is per method)");
        }
        for (String method : grid.keySet()) {
            if (!finalTemplate.methods().contains(Method.parse("tuning.grid", method))) {
                throw new InvalidParameterException("tuning.grid." + method, grid.get(method),
                        "names a method that is not in methods");
            }
        }
        boolean textData = finalTemplate.datasets().get(0).startsWith("text:");
        if (tuning.containsKey("metric")) {
            s = new TunedStudy(text, m, tuning, pretrain, tuningMetric(tuning.get("metric"), textData));
        }
        SweepSpec tuningSpec = s.tuningSpec(); // validates the derived tuning spec
        List<Long> shared = new ArrayList<>(tuningSpec.seeds());
        shared.retainAll(finalTemplate.seeds());
        if (!shared.isEmpty()) {
            throw new InvalidParameterException("tuning.seeds", shared,
                    "must be disjoint from the study's final seeds (a setting chosen on a seed must not be tested on it)");
        }
        return s;
    }

    /**
     * The metric named by {@code tuning.metric}: a result (not a cost or an outcome flag) with a direction that
     * every tuning run records - not the final sharpness or Hessian measures, which tuning runs skip, and
     * perplexity only for a text.
     */
    static Metric tuningMetric(Object value, boolean textData) {
        if (!(value instanceof String name)) {
            throw new InvalidParameterException("tuning.metric", value, "must be the name of a metric, e.g. test_accuracy or perplexity");
        }
        Metric metric = Metric.byId(name).orElseThrow(() -> new InvalidParameterException("tuning.metric", value,
                "is not a metric a run records (results: " + String.join(", ", Metric.ids(Metric.Kind.RESULT)) + ")"));
        if (metric.kind() != Metric.Kind.RESULT || metric.direction().isEmpty()) {
            throw new InvalidParameterException("tuning.metric", value, "is " + (metric.kind() == Metric.Kind.COST ? "a cost"
                    : metric.kind() == Metric.Kind.DIAGNOSTIC ? "a diagnostic" : "an outcome flag") + ", not a result: the tuning ranks settings by what they achieved");
        }
        if (TUNING_SKIPS.contains(metric)) {
            throw new InvalidParameterException("tuning.metric", value,
                    "is an end-of-run curvature measure, which tuning runs do not measure");
        }
        if (metric == Metric.PERPLEXITY && !textData) {
            throw new InvalidParameterException("tuning.metric", value, "is recorded only by runs on a text (text:PATH)");
        }
        return metric;
    }

    /** The results a tuning run does not measure (its evaluation section is off). */
    private static final Set<Metric> TUNING_SKIPS = Set.of(Metric.FINAL_SHARPNESS, Metric.HESSIAN_MAX_EIGENVALUE,
            Metric.HESSIAN_TOP_ABS_EIGENVALUE);

    /** The metric the tuning stage ranks settings by, read on the validation hold-out. */
    public Metric metric() {
        return metric;
    }

    /** The least number of tuning seeds {@link #protocolGaps} accepts. */
    public static final int MIN_TUNING_SEEDS = 3;
    /** The least number of learning rates in a tuning grid {@link #protocolGaps} accepts. */
    public static final int MIN_RATES = 4;

    /**
     * What a referee would reject in this study's tuning protocol, one sentence each; empty when none: fewer
     * than {@value #MIN_TUNING_SEEDS} tuning seeds; a tuning budget other than the final one (the choice at a
     * short horizon need not hold at the long one); a method whose learning-rate grid has fewer than
     * {@value #MIN_RATES} rates or is not log-spaced (a constant ratio between neighbours); methods tuned with
     * different budgets (settings x seeds x the budget B of a run, in the budget's currency); a text tuned by a
     * metric other than perplexity or its logarithm, the loss (Table V's claims are in perplexity, and the setting
     * with the best next-character accuracy need not have the best perplexity).
     */
    @SuppressWarnings("unchecked")
    public List<String> protocolGaps() {
        List<String> gaps = new ArrayList<>();
        SweepSpec tuningSpec = tuningSpec();
        if (tuningSpec.seeds().size() < MIN_TUNING_SEEDS) {
            gaps.add("tuning.seeds: " + tuningSpec.seeds().size() + " tuning seed(s), fewer than " + MIN_TUNING_SEEDS);
        }
        if (!String.valueOf(tuning.get("budget")).equals(String.valueOf(study.get("budget")))) {
            gaps.add("tuning.budget: " + tuning.get("budget") + " is not the final budget " + study.get("budget"));
        }
        Map<String, Object> grid = (Map<String, Object>) tuning.get("grid");
        // every tuning run has the same budget B (matched), so equal budgets are equal numbers of runs
        Map<String, Long> cost = new LinkedHashMap<>();
        SweepPlan plan = tuningSpec.plan();
        long b = plan.budgets().values().stream().mapToLong(Long::longValue).max().orElse(0);
        for (SweepPlan.PlannedRun r : plan.runs()) {
            cost.merge(r.spec().methodName(), b > 0 ? b : r.expectedCalls(), Long::sum);
        }
        for (Method m : tuningSpec.methods()) {
            Object p = grid.get(m.cliName());
            Object lr = p instanceof Map<?, ?> pm ? pm.get("lr") : null;
            List<Double> rates = new ArrayList<>();
            if (lr instanceof List<?> l) {
                l.forEach(v -> rates.add(v instanceof Number n ? n.doubleValue() : Double.NaN));
            } else if (lr instanceof Number n) {
                rates.add(n.doubleValue());
            }
            if (rates.size() < MIN_RATES || !logSpaced(rates)) {
                gaps.add("tuning.grid." + m.cliName() + ".lr: " + rates + " is not a log-spaced grid of at least " + MIN_RATES
                        + " rates");
            }
        }
        if (cost.values().stream().distinct().count() > 1) {
            gaps.add("tuning.grid: the methods' tuning budgets differ (" + tuningSpec.budget().currency().label() + " calls: "
                    + cost + ")");
        }
        if (tuningSpec.datasets().get(0).startsWith("text:") && metric != Metric.PERPLEXITY && metric != Metric.TEST_LOSS) {
            gaps.add("tuning.metric: the tuning ranks settings by validation " + metric.id() + (tuning.containsKey("metric")
                    ? "" : " (the default)") + " while the claims on a text use perplexity (tuning.metric: perplexity)");
        }
        return gaps;
    }

    /** Whether the sorted values have a constant ratio between neighbours (within 1%). */
    static boolean logSpaced(List<Double> values) {
        List<Double> v = values.stream().sorted().toList();
        if (v.get(0) <= 0 || v.stream().anyMatch(x -> !Double.isFinite(x))) {
            return false;
        }
        if (v.size() < 3) {
            return true;
        }
        double ratio = v.get(1) / v.get(0);
        for (int i = 2; i < v.size(); i++) {
            if (Math.abs(v.get(i) / v.get(i - 1) / ratio - 1) > 0.01) {
                return false;
            }
        }
        return ratio > 1;
    }

    /** The study as written. */
    public String text() {
        return text;
    }

    private String dump(Map<String, Object> map) {
        return yaml().dump(map);
    }

    /**
     * The derived spec of the pre-training stage, as YAML text: one run of the study's data, model, engine and
     * batch size on the pretrain section's classes, method, parameters, budget and seed, keeping its weights.
     */
    @SuppressWarnings("unchecked")
    public Optional<String> pretrainYaml() {
        if (pretrain.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> p = pretrain.get();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("study", study.get("study") + "-pretrain");
        for (String k : List.of("datasets", "models", "engines", "device", "batch_size", "model_options", "threads")) {
            if (study.containsKey(k)) {
                m.put(k, study.get(k));
            }
        }
        m.put("methods", List.of(p.get("method")));
        if (p.containsKey("params")) {
            m.put("overrides", Map.of(String.valueOf(p.get("method")), p.get("params")));
        }
        m.put("seeds", List.of(p.getOrDefault("seed", 0)));
        m.put("budget", p.get("budget"));
        Map<String, Object> data = new LinkedHashMap<>((Map<String, Object>) study.getOrDefault("data", Map.of()));
        data.remove("validation_examples");
        data.remove("validation_seed");
        data.put("classes", p.get("classes"));
        m.put("data", data);
        m.put("evaluation", noFinalMeasures());
        m.put("save_weights", true);
        return Optional.of(dump(m));
    }

    /** The pre-training stage's spec, when the study has one. */
    public Optional<SweepSpec> pretrainSpec() {
        return pretrainYaml().map(SweepSpec::parse);
    }

    /** The id of the pre-training run every other run of the study starts from, when the study has one. */
    public Optional<String> pretrainRunId() {
        return pretrainSpec().map(p -> p.plan().runs().get(0).id());
    }

    /** The study's own fields with {@code init_from} the pre-training run, when there is one. */
    private Map<String, Object> studyFields() {
        Map<String, Object> m = deepCopy(study);
        pretrainRunId().ifPresent(id -> m.put("init_from", id));
        return m;
    }

    /** The derived spec of the tuning stage, as YAML text. */
    @SuppressWarnings("unchecked")
    public String tuningYaml() {
        Map<String, Object> m = studyFields();
        m.put("study", study.get("study") + "-tuning");
        m.remove("reference");
        m.remove("description");
        m.remove("controls"); // controls answer a question of the final runs; the tuning stage chooses settings
        m.put("seeds", tuning.get("seeds"));
        m.put("budget", tuning.get("budget"));
        Map<String, Object> validation = (Map<String, Object>) tuning.get("validation");
        Map<String, Object> data = new LinkedHashMap<>((Map<String, Object>) m.getOrDefault("data", Map.of()));
        data.put("validation_examples", validation.get("examples"));
        data.put("validation_seed", validation.getOrDefault("seed", 0));
        data.remove("test_subset");
        m.put("data", data);
        // the tuning stage compares validation accuracies: the end-of-run curvature measures are not needed
        m.put("evaluation", noFinalMeasures());
        Map<String, Object> overrides = new LinkedHashMap<>((Map<String, Object>) m.getOrDefault("overrides", Map.of()));
        ((Map<String, Object>) tuning.get("grid")).forEach((method, params) -> {
            Map<String, Object> o = new LinkedHashMap<>((Map<String, Object>) overrides.getOrDefault(method, Map.of()));
            o.putAll((Map<String, Object>) params);
            overrides.put(method, o);
        });
        m.put("overrides", overrides);
        return dump(m);
    }

    /** The tuning stage's spec. */
    public SweepSpec tuningSpec() {
        return SweepSpec.parse(tuningYaml());
    }

    /** The derived spec of the test stage, with the chosen settings as overrides. */
    @SuppressWarnings("unchecked")
    public String finalYaml(Map<Method, Map<Param, ParamValue>> chosen) {
        Map<String, Object> m = studyFields();
        Map<String, Object> overrides = new LinkedHashMap<>((Map<String, Object>) m.getOrDefault("overrides", Map.of()));
        chosen.forEach((method, params) -> {
            Map<String, Object> o = new LinkedHashMap<>((Map<String, Object>) overrides.getOrDefault(method.cliName(), Map.of()));
            params.forEach((p, v) -> o.put(p.key(), v.plain()));
            overrides.put(method.cliName(), o);
        });
        m.put("overrides", overrides);
        return dump(m);
    }

    /** The parameters tuned for {@code method}, in the grid's order. */
    @SuppressWarnings("unchecked")
    public List<Param> tunedParameters(Method method) {
        Map<String, Object> grid = (Map<String, Object>) tuning.get("grid");
        Object p = grid.get(method.cliName());
        if (!(p instanceof Map<?, ?> pm)) {
            return List.of();
        }
        // the tuning spec was planned when the study was parsed, so every name is a parameter of the method
        return ((Map<String, Object>) pm).keySet().stream().map(k -> Param.byKey(k).orElseThrow(
                () -> new InvalidParameterException("tuning.grid." + method.cliName() + "." + k, pm.get(k), "is not a parameter")))
                .toList();
    }

    /**
     * One tuned setting of a method and how it did on the validation hold-out.
     *
     * @param metric    what it is ranked by
     * @param meanValue the metric's mean over the seeds: for a higher-is-better metric over every seed, a run that
     *                  did not finish counting 0; for a lower-is-better one over the finished seeds (NaN when none)
     * @param failed    runs that diverged, collapsed, failed or recorded no value of the metric
     */
    public record Setting(Method method, Map<Param, ParamValue> parameters, Metric metric, double meanValue, int seeds, int failed,
            long gradientCalls, long paperCalls, double wallSeconds) {

        /** Validates that the metric has a direction. */
        public Setting {
            if (metric.direction().isEmpty()) {
                throw new InvalidParameterException("tuning.metric", metric.id(), "has no direction to rank by");
            }
        }

        /** Whether every tuning run of the setting finished (none diverged, collapsed or failed). */
        public boolean finished() {
            return failed == 0;
        }

        /**
         * Whether this setting ranks above {@code other} (see the class comment): finished before not; among
         * unfinished settings of a lower-is-better metric fewer failed runs first; then the better mean. A mean that
         * is NaN (no finished run) beats nothing; equal means beat nothing, so ties keep grid order.
         */
        public boolean beats(Setting other) {
            if (finished() != other.finished()) {
                return finished();
            }
            boolean lower = metric.direction().orElseThrow() == io.salr.analysis.metric.Direction.LOWER_IS_BETTER;
            if (!finished() && lower && failed != other.failed) {
                return failed < other.failed;
            }
            if (Double.isNaN(meanValue)) {
                return false;
            }
            if (Double.isNaN(other.meanValue)) {
                return true;
            }
            return lower ? meanValue < other.meanValue : meanValue > other.meanValue;
        }
    }

    /** The tuning results: every setting, the chosen one per method, and each method's tuning cost. */
    public record Tuned(Metric metric, List<Setting> settings, Map<Method, Setting> chosen, Map<Method, Long> tuningCalls) {

        /** Whether the chosen setting's learning rate is the smallest or largest of its method's grid. */
        public boolean chosenAtEdge(Method method) {
            Setting c = chosen.get(method);
            if (c == null || !c.parameters().containsKey(Param.LR)) {
                return false;
            }
            double lr = c.parameters().get(Param.LR).asDouble();
            List<Double> rates = settings.stream().filter(s -> s.method() == method && s.parameters().containsKey(Param.LR))
                    .map(s -> s.parameters().get(Param.LR).asDouble()).distinct().sorted().toList();
            return rates.size() > 1 && (lr == rates.get(0) || lr == rates.get(rates.size() - 1));
        }

        /** The chosen setting's tuned parameters per method: the overrides of the test stage. */
        public Map<Method, Map<Param, ParamValue>> chosenValues() {
            Map<Method, Map<Param, ParamValue>> out = new LinkedHashMap<>();
            chosen.forEach((m, s) -> out.put(m, s.parameters()));
            return out;
        }
    }

    /**
     * Chooses per method the best setting by the tuning metric (see the class comment: a setting with an
     * unfinished run ranks below every finished one, then the best mean in the metric's direction); ties go to
     * the first setting in grid order.
     *
     * @throws IllegalStateException when a tuning run has no result yet
     */
    public Tuned choose(Store tuningStore, SweepPlan tuningPlan) {
        Map<String, List<SweepPlan.PlannedRun>> bySetting = new LinkedHashMap<>();
        for (SweepPlan.PlannedRun r : tuningPlan.runs()) {
            Map<Param, ParamValue> params = tunedValues(r.spec().method());
            bySetting.computeIfAbsent(r.spec().methodName() + " " + params, k -> new ArrayList<>()).add(r);
        }
        List<Setting> settings = new ArrayList<>();
        Map<Method, Setting> chosen = new LinkedHashMap<>();
        Map<Method, Long> calls = new LinkedHashMap<>();
        for (List<SweepPlan.PlannedRun> runs : bySetting.values()) {
            Method method = runs.get(0).spec().method().method();
            Map<Param, ParamValue> params = tunedValues(runs.get(0).spec().method());
            boolean higher = metric.direction().orElseThrow() == io.salr.analysis.metric.Direction.HIGHER_IS_BETTER;
            double sum = 0;
            int failed = 0;
            long spent = 0;
            long paper = 0;
            double wall = 0;
            for (SweepPlan.PlannedRun r : runs) {
                RunResult result = tuningStore.result(r.id()).orElseThrow(() -> new IllegalStateException(
                        "tuning run " + r.id() + " has no result yet; rerun the sweep to finish the tuning stage"));
                spent += result.metric(Metric.GRAD_CALLS).orElse(0.0).longValue();
                paper += result.metric(Metric.PAPER_CALLS).orElse(0.0).longValue();
                wall += result.metric(Metric.WALL_SECONDS).orElse(0.0);
                Optional<Double> value = result.metric(metric).filter(Double::isFinite);
                if (result.status() == RunStatus.COMPLETED && value.isPresent()) {
                    sum += value.get();
                } else {
                    failed++; // a higher-is-better metric counts it at 0, its worst value
                }
            }
            // a lower-is-better metric has no worst value to count a failure at: the mean of the finished runs
            double mean = higher ? sum / runs.size() : failed == runs.size() ? Double.NaN : sum / (runs.size() - failed);
            Setting s = new Setting(method, params, metric, mean, runs.size(), failed, spent, paper, wall);
            settings.add(s);
            calls.merge(method, spent, Long::sum);
            Setting best = chosen.get(method);
            if (best == null || s.beats(best)) {
                chosen.put(method, s);
            }
        }
        return new Tuned(metric, settings, chosen, calls);
    }

    /** A run's values of its method's tuned parameters, in the grid's order. */
    private Map<Param, ParamValue> tunedValues(MethodSpec spec) {
        Map<Param, ParamValue> params = new LinkedHashMap<>();
        for (Param p : tunedParameters(spec.method())) {
            spec.value(p).ifPresent(v -> params.put(p, v));
        }
        return params;
    }

    /**
     * The tuning table: method, setting, the mean validation value of the tuning metric (empty when no run
     * finished), seeds, failed runs, metered gradient calls, the paper calls and wall seconds the setting's runs
     * spent, on a chosen row whether its rate sits at an edge of the grid ({@code lr_at_edge}: yes or no; empty on
     * the other rows), and chosen (yes or no). The third column names the metric: {@link #valueColumn}.
     */
    public static String tuningCsv(Tuned t) {
        StringBuilder sb = new StringBuilder("method,setting," + valueColumn(t.metric())
                + ",seeds,failed,grad_calls,paper_calls,wall_seconds,lr_at_edge,chosen\n");
        for (Setting s : t.settings()) {
            StringBuilder setting = new StringBuilder();
            s.parameters().forEach((k, v) -> setting.append(setting.length() == 0 ? "" : " ").append(k).append('=').append(v));
            sb.append(s.method().cliName()).append(',').append(setting).append(',')
                    .append(Double.isNaN(s.meanValue()) ? "" : String.format(Locale.ROOT, "%.6f", s.meanValue())).append(',')
                    .append(s.seeds()).append(',')
                    .append(s.failed()).append(',').append(s.gradientCalls()).append(',')
                    .append(s.paperCalls()).append(',').append(String.format(Locale.ROOT, "%.1f", s.wallSeconds())).append(',')
                    .append(t.chosen().get(s.method()) == s ? (t.chosenAtEdge(s.method()) ? "yes" : "no") : "").append(',')
                    .append(t.chosen().get(s.method()) == s ? "yes" : "no").append('\n');
        }
        return sb.toString();
    }

    /**
     * The name of tuning.csv's value column: {@code mean_validation_} and the metric's name without its
     * {@code test_} prefix (a tuning run records the hold-out under the test set's names), so an accuracy-tuned
     * study keeps the column {@code mean_validation_accuracy} its committed tables have, and a perplexity-tuned one
     * has {@code mean_validation_perplexity}.
     */
    public static String valueColumn(Metric metric) {
        String id = metric.id();
        return "mean_validation_" + (id.startsWith("test_") ? id.substring("test_".length()) : id);
    }

    /**
     * Runs both stages into {@code root}; returns the outcome of the test stage, or of the tuning stage when
     * it could not finish.
     */
    public SweepRunner.Outcome run(Path root, SweepRunner.Options options, PrintWriter out) {
        Store main = new Store(root);
        Store tuningStore = new Store(root.resolve("tuning"));
        SweepPlan tuningPlan = tuningSpec().plan();
        String tuningText = tuningYaml();
        for (String gap : protocolGaps()) {
            out.println("study: protocol gap (a referee would object): " + gap);
        }
        if (pretrain.isPresent()) {
            Store pretrainStore = new Store(root.resolve(PRETRAIN_STORE));
            SweepPlan pretrainPlan = pretrainSpec().orElseThrow().plan();
            SweepRunner.requireData(pretrainPlan.runs(), options.dataDir());
            SweepRunner.requireDevices(pretrainPlan.runs());
            pretrainStore.prepare(pretrainPlan, pretrainYaml().orElseThrow());
            AtomicFiles.writeString(root.resolve("study.yaml"), text);
            out.printf(Locale.ROOT, "study %s: pre-training stage, 1 run into %s%n", study.get("study"), pretrainStore.root());
            out.flush();
            SweepRunner.Outcome pre = SweepRunner.run(pretrainStore, pretrainPlan.runs(), options);
            String id = pretrainPlan.runs().get(0).id();
            Optional<RunResult> r = pretrainStore.result(id);
            if (!pre.ok() || r.isEmpty() || r.get().status() != RunStatus.COMPLETED) {
                out.println("study: the pre-training run " + id + " did not complete ("
                        + r.map(x -> x.status().label() + x.cause().map(c -> ": " + c).orElse("")).orElse("no result")
                        + "); the tuning and test stages start from its weights and are not run");
                out.flush();
                return pre;
            }
        }
        SweepRunner.requireData(tuningPlan.runs(), options.dataDir());
        SweepRunner.requireDevices(tuningPlan.runs());
        tuningStore.prepare(tuningPlan, tuningText);
        AtomicFiles.writeString(root.resolve("study.yaml"), text);
        out.printf(Locale.ROOT, "study %s: tuning stage, %d runs into %s%n", study.get("study"), tuningPlan.runs().size(),
                tuningStore.root());
        out.flush();
        SweepRunner.Outcome tuned = SweepRunner.run(tuningStore, tuningPlan.runs(), options);
        if (!tuned.ok() && tuned.failed() > 0) {
            out.println("study: the tuning stage has failed runs; fix them (or --retry-failed) before the test stage");
            out.flush();
            return tuned;
        }
        long unfinished = tuningPlan.runs().stream().filter(r -> tuningStore.result(r.id()).isEmpty()).count();
        if (unfinished > 0) {
            // stopped by a signal, or runs left to other processes: the test stage waits for every tuning result
            out.printf(Locale.ROOT, "study %s: the tuning stage is not finished (%d of %d runs have no result yet); the test"
                    + " stage starts when they all have one: rerun the sweep to resume%n", study.get("study"), unfinished,
                    tuningPlan.runs().size());
            out.flush();
            return tuned;
        }
        Tuned t = choose(tuningStore, tuningPlan);
        AtomicFiles.writeString(root.resolve("tuning.csv"), tuningCsv(t));
        Map<Method, Map<Param, ParamValue>> chosen = t.chosenValues();
        for (Map.Entry<Method, Setting> e : t.chosen().entrySet()) {
            out.printf(Locale.ROOT, "  chosen for %s: %s (validation %s %.4f; tuning cost %d gradient calls)%n",
                    e.getKey().cliName(), e.getValue().parameters(), metric.id(), e.getValue().meanValue(),
                    t.tuningCalls().get(e.getKey()));
        }
        String finalText = finalYaml(chosen);
        SweepPlan finalPlan = SweepSpec.parse(finalText).plan();
        main.prepare(finalPlan, finalText);
        out.printf(Locale.ROOT, "study %s: test stage, %d runs into %s%n", study.get("study"), finalPlan.runs().size(), root);
        out.flush();
        return SweepRunner.run(main, finalPlan.runs(), options);
    }

    /** The test stage's plan once the tuning results exist. */
    public Optional<SweepPlan> finalPlan(Path root) {
        Store tuningStore = new Store(root.resolve("tuning"));
        SweepPlan tuningPlan = tuningSpec().plan();
        try {
            Tuned t = choose(tuningStore, tuningPlan);
            return Optional.of(SweepSpec.parse(finalYaml(t.chosenValues())).plan());
        } catch (IllegalStateException e) {
            return Optional.empty();
        }
    }

    /**
     * The evaluation section of a stage that needs no end-of-run curvature measures, in a fixed key order: a
     * derived spec's text is compared with the one its store holds, so it must come out the same in every JVM
     * ({@code Map.of}'s iteration order changes from one JVM start to the next).
     */
    private static Map<String, Object> noFinalMeasures() {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("sharpness_examples", 0);
        e.put("hessian_iterations", 0);
        return e;
    }

    /**
     * A copy of nested maps. Keys are copied as they are: a key YAML read as a number (say {@code 1e999}) is not a
     * field, and the spec check that follows refuses it by name, so the copy must not fail on it first.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> deepCopy(Map<String, Object> m) {
        Map<Object, Object> out = new LinkedHashMap<>();
        ((Map<Object, Object>) (Map<?, ?>) m).forEach((k, v) -> out.put(k,
                v instanceof Map<?, ?> inner ? deepCopy((Map<String, Object>) inner) : v));
        return (Map<String, Object>) (Map<?, ?>) out;
    }
}
