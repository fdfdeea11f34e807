package io.salr.harness.sweep;

import io.salr.analysis.format.Numbers;
import io.salr.analysis.metric.Metric;
import io.salr.analysis.io.AtomicFiles;
import io.salr.harness.run.DataSpec;
import io.salr.harness.run.EvaluationSpec;
import io.salr.harness.run.RunResult;
import io.salr.harness.run.RunWeights;
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
    /**
     * The evaluation of a stage that needs no end-of-run curvature measures (the probe's settings their defaults),
     * its end-of-epoch curve measured as the study's is.
     */
    private static EvaluationSpec withoutFinalMeasures(EvaluationSpec study) {
        return new EvaluationSpec(0, EvaluationSpec.DEFAULTS.gamma(), EvaluationSpec.DEFAULTS.n1(),
                EvaluationSpec.DEFAULTS.n2(), 0, study.epochTrainExamples());
    }

    /**
     * The tuning section, typed.
     *
     * @param validationExamples training examples held out for validation
     * @param validationSeed the seed of the hold-out
     * @param seeds the tuning seeds
     * @param budget the tuning runs' budget
     * @param grid per method, the values of each tuned parameter (the tuning stage's overrides)
     * @param metricGiven whether the section names its metric
     */
    private record Tuning(int validationExamples, long validationSeed, List<Long> seeds, SweepSpec.BudgetRule budget,
            Map<Method, Map<Param, List<ParamValue>>> grid, boolean metricGiven) {
    }

    /**
     * The pretrain section, typed.
     *
     * @param method the method of the one pre-training run
     * @param params its parameters (the rest: its defaults)
     * @param classes the classes it trains on
     * @param budget its budget
     * @param seed its seed
     */
    private record Pretrain(Method method, Map<Param, List<ParamValue>> params, List<Integer> classes,
            SweepSpec.BudgetRule budget, long seed) {
    }

    private final String text;
    private final SweepSpec template;
    private final Tuning tuning;
    private final Optional<Pretrain> pretrain;
    private final Metric metric;

    private TunedStudy(String text, SweepSpec template, Tuning tuning, Optional<Pretrain> pretrain, Metric metric) {
        this.text = text;
        this.template = template;
        this.tuning = tuning;
        this.pretrain = pretrain;
        this.metric = metric;
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

    /**
     * Parses and validates a tuned study: the YAML edge reads the study's own sweep and its tuning and pretrain
     * sections into typed values once; every derived stage is planned now, so every error shows now.
     */
    public static TunedStudy parse(String text) {
        Map<String, Object> m = load(text);
        Optional<Map<String, Object>> rawPretrain = Optional.empty();
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
            rawPretrain = Optional.of(p);
        }
        Object t = m.remove("tuning");
        if (!(t instanceof Map<?, ?> tm)) {
            throw new InvalidParameterException("tuning", t, "must be a map with validation, seeds, budget and grid");
        }
        Map<String, Object> raw = textKeys("tuning", tm);
        for (String k : raw.keySet()) {
            if (!TUNING_FIELDS.contains(k)) {
                throw new InvalidParameterException("tuning." + k, raw.get(k), "is not a field of tuning (fields: "
                        + String.join(", ", new java.util.TreeSet<>(TUNING_FIELDS)) + ")");
            }
        }
        for (String k : List.of("validation", "seeds", "budget", "grid")) {
            if (!raw.containsKey(k)) {
                throw new InvalidParameterException("tuning." + k, "(missing)", "must be given");
            }
        }
        Map<String, Object> validation = textKeys("tuning.validation", raw.get("validation"));
        if (!validation.containsKey("examples")) {
            throw new InvalidParameterException("tuning.validation.examples", "(missing)", "must be given");
        }
        Map<String, Object> rawGrid = textKeys("tuning.grid", raw.get("grid"));
        for (Map.Entry<String, Object> e : rawGrid.entrySet()) {
            textKeys("tuning.grid." + e.getKey(), e.getValue());
        }
        SweepSpec template = SweepSpec.parse(m);
        if (template.datasets().size() != 1 || template.models().size() != 1) {
            throw new InvalidParameterException("datasets/models", template.datasets() + " / " + template.models(),
                    "must name one dataset and one model in a study with a tuning stage (the choice is per method)");
        }
        Map<Method, Map<Param, List<ParamValue>>> grid = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : rawGrid.entrySet()) {
            Method method = Method.parse("tuning.grid", e.getKey());
            if (!template.methods().contains(method)) {
                throw new InvalidParameterException("tuning.grid." + e.getKey(), e.getValue(), "names a method that is not in methods");
            }
            grid.put(method, parameters("tuning.grid." + e.getKey() + ".", method, textKeys("tuning.grid." + e.getKey(), e.getValue())));
        }
        Tuning tuning;
        try {
            tuning = new Tuning(SweepSpec.integer("validation.examples", validation.get("examples"), 0),
                    SweepSpec.longValue("validation.seed", validation.getOrDefault("seed", 0)),
                    SweepSpec.seeds(raw.get("seeds")), SweepSpec.budget(SweepSpec.map("budget", raw.get("budget"))), grid,
                    raw.containsKey("metric"));
        } catch (InvalidParameterException e) {
            throw SweepSpec.prefixed("tuning.", e);
        }
        Optional<Pretrain> pretrain = Optional.empty();
        if (rawPretrain.isPresent()) {
            Map<String, Object> p = rawPretrain.get();
            try {
                Method method = Method.parse("method", SweepSpec.text("method", p.get("method")));
                List<Integer> classes = new ArrayList<>();
                for (Object c : SweepSpec.values("classes", p.get("classes"))) {
                    classes.add(SweepSpec.integer("classes", c, 0));
                }
                pretrain = Optional.of(new Pretrain(method, p.containsKey("params")
                        ? parameters("params.", method, textKeys("params", p.get("params"))) : Map.of(), List.copyOf(classes),
                        SweepSpec.budget(SweepSpec.map("budget", p.get("budget"))),
                        SweepSpec.longValue("seed", p.getOrDefault("seed", 0))));
            } catch (InvalidParameterException e) {
                throw SweepSpec.prefixed("pretrain.", e);
            }
        }
        boolean textData = template.datasets().get(0).startsWith("text:");
        Metric metric = raw.containsKey("metric") ? tuningMetric(raw.get("metric"), textData) : Metric.TEST_ACCURACY;
        TunedStudy s = new TunedStudy(text, template, tuning, pretrain, metric);
        if (pretrain.isPresent()) {
            SweepSpec p = s.pretrainSpec().orElseThrow(); // validates the derived pre-training spec
            if (p.runCount() != 1) {
                throw new InvalidParameterException("pretrain", rawPretrain.get(), "must describe one run (one setting, one seed)");
            }
        }
        SweepSpec finalTemplate = s.finalSpec(Map.of()); // validates the derived test spec
        SweepSpec tuningSpec = s.tuningSpec(); // validates the derived tuning spec
        List<Long> shared = new ArrayList<>(tuningSpec.seeds());
        shared.retainAll(finalTemplate.seeds());
        if (!shared.isEmpty()) {
            throw new InvalidParameterException("tuning.seeds", shared,
                    "must be disjoint from the study's final seeds (a setting chosen on a seed must not be tested on it)");
        }
        return s;
    }

    /** A method's parameters as a section gives them (each a value or a list of values), read as their types. */
    private static Map<Param, List<ParamValue>> parameters(String prefix, Method method, Map<String, Object> given) {
        List<String> own = SweepSpec.parametersOf(method);
        Map<Param, List<ParamValue>> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : given.entrySet()) {
            if (!own.contains(e.getKey())) {
                throw new InvalidParameterException(prefix + e.getKey(), e.getValue(), "is not a parameter of " + method.cliName()
                        + " (its parameters: " + String.join(", ", own) + ")");
            }
            Param param = Param.byKey(e.getKey()).orElseThrow();
            out.put(param, SweepSpec.typed(prefix, param, SweepSpec.values(prefix + e.getKey(), e.getValue())));
        }
        return out;
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
    public List<String> protocolGaps() {
        List<String> gaps = new ArrayList<>();
        SweepSpec tuningSpec = tuningSpec();
        if (tuningSpec.seeds().size() < MIN_TUNING_SEEDS) {
            gaps.add("tuning.seeds: " + tuningSpec.seeds().size() + " tuning seed(s), fewer than " + MIN_TUNING_SEEDS);
        }
        if (!tuning.budget().equals(template.budget())) {
            gaps.add("tuning.budget: " + describe(tuning.budget()) + " is not the final budget " + describe(template.budget()));
        }
        // every tuning run has the same budget B (matched), so equal budgets are equal numbers of runs
        Map<String, Long> cost = new LinkedHashMap<>();
        SweepPlan plan = tuningSpec.plan();
        long b = plan.budgets().values().stream().mapToLong(Long::longValue).max().orElse(0);
        for (SweepPlan.PlannedRun r : plan.runs()) {
            cost.merge(r.spec().methodName(), b > 0 ? b : r.expectedCalls(), Long::sum);
        }
        for (Method m : tuningSpec.methods()) {
            List<Double> rates = tuning.grid().getOrDefault(m, Map.of()).getOrDefault(Param.LR, List.of()).stream()
                    .map(ParamValue::asDouble).toList();
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
            gaps.add("tuning.metric: the tuning ranks settings by validation " + metric.id() + (tuning.metricGiven()
                    ? "" : " (the default)") + " while the claims on a text use perplexity (tuning.metric: perplexity)");
        }
        return gaps;
    }

    /** A budget as a spec file writes it. */
    private static String describe(SweepSpec.BudgetRule b) {
        return b.gradientCalls() > 0 ? "{gradient_calls: " + b.gradientCalls() + ", currency: " + b.currency().label() + "}"
                : "{epochs: " + b.epochs() + (b.reference() == null ? "" : ", of: " + b.reference().cliName()) + ", currency: "
                        + b.currency().label() + "}";
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

    /**
     * A derived stage: the transformed typed spec written as its sweep.yaml and read back, which validates it (and
     * plans it) as a spec file is; it must read back to itself.
     */
    private static SweepSpec derived(SweepSpec typed) {
        SweepSpec back = SweepSpec.parse(typed.toYaml());
        if (!back.equals(typed)) {
            throw new IllegalStateException("the derived spec of study " + typed.study() + " does not read back to itself:\n"
                    + typed.toYaml());
        }
        return back;
    }

    /**
     * The derived spec of the pre-training stage, as YAML text: one run of the study's data, model, engine and
     * batch size on the pretrain section's classes, method, parameters, budget and seed, keeping its weights.
     */
    public Optional<String> pretrainYaml() {
        return pretrainSpec().map(SweepSpec::toYaml);
    }

    /** The pre-training stage's spec, when the study has one. */
    public Optional<SweepSpec> pretrainSpec() {
        if (pretrain.isEmpty()) {
            return Optional.empty();
        }
        Pretrain p = pretrain.get();
        SweepSpec t = template;
        DataSpec d = t.data();
        try {
            return Optional.of(derived(new SweepSpec(t.study() + "-pretrain", t.datasets(), t.models(), List.of(p.method()),
                    t.engines(), t.device(), Map.of(), p.params().isEmpty() ? Map.of() : Map.of(p.method(), p.params()),
                    List.of(p.seed()), p.budget(), new DataSpec(d.dataset(), d.trainSubset(), d.subsetMode(), d.testSubset(), 0, 0,
                            p.classes()), t.batchSize(), t.model(), withoutFinalMeasures(t.evaluation()), Optional.empty(), List.of(), List.of(),
                    List.of(), t.threads(), new RunWeights(Optional.empty(), true), Optional.empty())));
        } catch (InvalidParameterException e) {
            throw SweepSpec.prefixed("pretrain.", e);
        }
    }

    /** The id of the pre-training run every other run of the study starts from, when the study has one. */
    public Optional<String> pretrainRunId() {
        return pretrainSpec().map(p -> p.plan().runs().get(0).id());
    }

    /** The study's own sweep with {@code init_from} the pre-training run, when there is one. */
    private SweepSpec studySpec() {
        return pretrainRunId().map(template::withInitFrom).orElse(template);
    }

    /** The derived spec of the tuning stage, as YAML text. */
    public String tuningYaml() {
        return tuningSpec().toYaml();
    }

    /**
     * The tuning stage's spec: the study's sweep under the study name with {@code -tuning}, without its report
     * reference and control runs, over the tuning seeds and budget, on the training set less the validation
     * hold-out (evaluated on the hold-out, no test subset), without the end-of-run curvature measures, and with the
     * tuning grid merged into the overrides.
     */
    public SweepSpec tuningSpec() {
        SweepSpec s = studySpec();
        DataSpec d = s.data();
        return derived(s.withStudy(s.study() + "-tuning").withoutReferenceAndControls().withSeeds(tuning.seeds())
                .withBudget(tuning.budget())
                .withData(new DataSpec(d.dataset(), d.trainSubset(), d.subsetMode(), 0, tuning.validationExamples(),
                        tuning.validationSeed(), d.classes()))
                .withEvaluation(withoutFinalMeasures(s.evaluation())).withOverrides(tuning.grid()));
    }

    /** The derived spec of the test stage, with the chosen settings as overrides, as YAML text. */
    public String finalYaml(Map<Method, Map<Param, ParamValue>> chosen) {
        return finalSpec(chosen).toYaml();
    }

    /** The test stage's spec: the study's sweep with the chosen settings as overrides. */
    public SweepSpec finalSpec(Map<Method, Map<Param, ParamValue>> chosen) {
        Map<Method, Map<Param, List<ParamValue>>> overrides = new LinkedHashMap<>();
        chosen.forEach((m, params) -> {
            Map<Param, List<ParamValue>> o = new LinkedHashMap<>();
            params.forEach((p, v) -> o.put(p, List.of(v)));
            overrides.put(m, o);
        });
        return derived(studySpec().withOverrides(overrides));
    }

    /** The parameters tuned for {@code method}, in the grid's order. */
    public List<Param> tunedParameters(Method method) {
        return List.copyOf(tuning.grid().getOrDefault(method, Map.of()).keySet());
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
                    .append(Double.isNaN(s.meanValue()) ? "" : Double.isInfinite(s.meanValue()) ? String.valueOf(s.meanValue())
                            : Numbers.format(s.meanValue())).append(',')
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
            out.printf(Locale.ROOT, "study %s: pre-training stage, 1 run into %s%n", template.study(), pretrainStore.root());
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
        if (!tuningStore.acceptsSpec(tuningText)) {
            throw new InvalidParameterException("store", root, "holds this study's tuning stage with another tuning spec (see "
                    + tuningStore.sweepYaml() + "); if only the tuning grid grew (more values or seeds) and the final stage"
                    + " has not started, rerun with --widen-tuning; otherwise use another --store");
        }
        tuningStore.prepare(tuningPlan, tuningText);
        AtomicFiles.writeString(root.resolve("study.yaml"), text);
        out.printf(Locale.ROOT, "study %s: tuning stage, %d runs into %s%n", template.study(), tuningPlan.runs().size(),
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
                    + " stage starts when they all have one: rerun the sweep to resume%n", template.study(), unfinished,
                    tuningPlan.runs().size());
            out.flush();
            return tuned;
        }
        Tuned t = choose(tuningStore, tuningPlan);
        AtomicFiles.writeString(root.resolve("tuning.csv"), tuningCsv(t));
        Map<Method, Map<Param, ParamValue>> chosen = t.chosenValues();
        for (Map.Entry<Method, Setting> e : t.chosen().entrySet()) {
            double mean = e.getValue().meanValue();
            long paper = t.settings().stream().filter(s -> s.method() == e.getKey()).mapToLong(Setting::paperCalls).sum();
            out.printf(Locale.ROOT, "  chosen for %s: %s (validation %s %s; tuning cost %d paper calls, %d metered passes)%s%n",
                    e.getKey().cliName(), e.getValue().parameters(), metric.id(),
                    Double.isFinite(mean) ? Numbers.format(mean) : String.valueOf(mean), paper,
                    t.tuningCalls().get(e.getKey()), t.chosenAtEdge(e.getKey()) ? "; its rate is at the edge of the grid" : "");
        }
        SweepSpec finalSpec = finalSpec(chosen);
        String finalText = finalSpec.toYaml();
        SweepPlan finalPlan = finalSpec.plan();
        main.prepare(finalPlan, finalText);
        out.printf(Locale.ROOT, "study %s: test stage, %d runs into %s%n", template.study(), finalPlan.runs().size(), root);
        out.flush();
        return SweepRunner.run(main, finalPlan.runs(), options);
    }

    /** The test stage's plan once the tuning results exist. */
    public Optional<SweepPlan> finalPlan(Path root) {
        Store tuningStore = new Store(root.resolve("tuning"));
        SweepPlan tuningPlan = tuningSpec().plan();
        Tuned t;
        try {
            t = choose(tuningStore, tuningPlan);
        } catch (IllegalStateException e) {
            return Optional.empty();
        }
        return Optional.of(finalSpec(t.chosenValues()).plan());
    }
}
