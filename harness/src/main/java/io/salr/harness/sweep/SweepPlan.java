package io.salr.harness.sweep;

import io.salr.harness.run.Budget;
import io.salr.harness.run.EngineChoice;
import io.salr.optimizers.spec.Method;
import io.salr.optimizers.spec.MethodSpec;
import io.salr.optimizers.spec.Param;
import io.salr.optimizers.spec.ParamValue;
import io.salr.harness.run.RunSpec;
import io.salr.validation.InvalidParameterException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The runs of a sweep, in the spec's order: for each dataset, model, method, hyperparameter combination
 * (grid keys sorted, values in the spec's order) and seed. Deterministic: the same spec gives the same
 * runs with the same ids, in the same order.
 *
 * <p>Budget matching (Section VI): with a budget of B gradient calls (given, or {@code epochs} times the
 * reference method's calls per epoch on the dataset's training set), every run gets
 * {@link Budget#gradientCalls B} and spends it under its own method's meter, so SALR pays for its probes,
 * SAM for its second gradient and Entropy-SGD for its Langevin loop: the iterations differ, the calls do not.
 *
 * <p>A budget in the paper's currency ({@code budget.currency: paper}) counts calls as Section VI does
 * ({@link MethodSpec#paperCallsPerIteration}: a per-example normalized direction is one call): B is
 * {@code epochs} times the reference method's paper calls per epoch, and each run gets
 * {@code ceil(B / its paper cost per iteration)} iterations ({@link Budget#iterations}); the meter still
 * counts what the engine ran, and the plan shows both.
 *
 * <p>Controls ({@link SweepSpec.Control}) follow the ordinary runs: for each configuration of the SALR
 * method and each seed, the base method at that configuration's eta_0 (no decay) with its rule parameters,
 * for exactly the iterations the configuration's runs make; configurations that give the same control (the
 * same rate, rule and iterations) share its runs.
 *
 * @param spec the sweep spec
 * @param runs the runs, in plan order
 * @param budgets per dataset: B in the budget's currency (metered or paper gradient calls), or 0 for an
 *     unmatched epoch budget
 */
public record SweepPlan(SweepSpec spec, List<PlannedRun> runs, Map<String, Long> budgets) {

    /**
     * One run of the plan.
     *
     * @param index position in the plan (0-based)
     * @param spec the run spec; its id names the run folder
     * @param callsPerIteration the method's average gradient calls per iteration, as the meter counts them
     * @param iterations iterations the run is expected to make
     * @param paperCallsPerIteration the method's gradient calls per iteration in the paper's currency
     */
    public record PlannedRun(int index, RunSpec spec, double callsPerIteration, long iterations,
            double paperCallsPerIteration) {
        public String id() {
            return spec.id();
        }

        /** Gradient calls the run is expected to spend. */
        public long expectedCalls() {
            return spec.budget().inGradientCalls() ? spec.budget().gradientCalls() : Math.round(iterations * callsPerIteration);
        }

        /** Gradient calls the run is expected to spend in the paper's currency. */
        public long expectedPaperCalls() {
            return Math.round(iterations * paperCallsPerIteration);
        }

        /** The control's horizon ({@code iterations-of:sgd-salr}), empty for an ordinary run. */
        public Optional<String> horizon() {
            return spec.budget().horizon();
        }
    }

    public SweepPlan {
        runs = List.copyOf(runs);
        budgets = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(budgets));
    }

    /** Expands {@code spec}; every hyperparameter combination is validated on the way. */
    public static SweepPlan of(SweepSpec spec) {
        List<PlannedRun> runs = new ArrayList<>();
        Map<String, Long> budgets = new LinkedHashMap<>();
        Set<String> ids = new HashSet<>();
        Map<Method, List<MethodSpec>> combos = new LinkedHashMap<>();
        for (Method method : spec.methods()) {
            combos.put(method, spec.combinations(method));
        }
        for (String dataset : spec.datasets()) {
            long trainSize = trainSize(spec, dataset);
            long ipe = (trainSize + spec.batchSize() - 1) / spec.batchSize();
            SweepSpec.BudgetRule rule = spec.budget();
            for (String model : spec.models()) {
                for (EngineChoice engine : spec.engines()) {
                    long perExample = engine.perExampleDirectionCalls(spec.modelOptions(model).network(),
                            spec.modelOptions(model).batchNorm(), spec.batchSize());
                    boolean paper = rule.currency() == SweepSpec.Currency.PAPER;
                    long b = rule.gradientCalls() > 0 ? rule.gradientCalls()
                            : rule.reference() == null ? 0 : referenceBudget(spec, combos, ipe, perExample);
                    budgets.merge(dataset, b, Math::max);
                    for (Method method : spec.methods()) {
                        for (MethodSpec params : combos.get(method)) {
                            if (spec.excluded(model, params)) {
                                continue;
                            }
                            double cpi = params.gradientCallsPerIteration(perExample);
                            long iterations = iterations(rule, params, b, cpi, ipe);
                            for (long seed : spec.seeds()) {
                                Budget budget = paper ? Budget.iterations(iterations, b)
                                        : b > 0 ? Budget.gradientCalls(b) : Budget.epochs(rule.epochs());
                                RunSpec run = spec.runSpec(dataset, model, params, engine, seed, budget);
                                if (!ids.add(run.id())) {
                                    throw new InvalidParameterException("grid", params.values(),
                                            "gives the same run twice (id " + run.id() + ")");
                                }
                                runs.add(new PlannedRun(runs.size(), run, cpi, iterations, params.paperCallsPerIteration()));
                            }
                        }
                    }
                    for (SweepSpec.Control control : spec.controls()) {
                        for (MethodSpec salr : combos.get(control.iterationsOf())) {
                            if (spec.excluded(model, salr)) {
                                continue;
                            }
                            long iterations = iterations(rule, salr, b, salr.gradientCallsPerIteration(perExample), ipe);
                            MethodSpec params = controlParameters(control, salr);
                            double cpi = params.gradientCallsPerIteration(perExample);
                            for (long seed : spec.seeds()) {
                                Budget budget = Budget.control(iterations, paper ? b : 0, control.iterationsOf().cliName());
                                RunSpec run = spec.runSpec(dataset, model, params, engine, seed, budget);
                                if (ids.add(run.id())) { // SALR configurations differing only in SALR's own parameters share a control
                                    runs.add(new PlannedRun(runs.size(), run, cpi, iterations, params.paperCallsPerIteration()));
                                }
                            }
                        }
                    }
                }
            }
        }
        return new SweepPlan(spec, runs, budgets);
    }

    private static long referenceBudget(SweepSpec spec, Map<Method, List<MethodSpec>> combos, long ipe, long perExample) {
        Method ref = spec.budget().reference();
        MethodSpec params = combos.containsKey(ref) ? combos.get(ref).get(0) : MethodSpec.defaults(ref);
        double cpi = spec.budget().currency() == SweepSpec.Currency.PAPER ? params.paperCallsPerIteration()
                : params.gradientCallsPerIteration(perExample);
        return (long) Math.ceil(spec.budget().epochs() * ipe * cpi);
    }

    /** The iterations a run of {@code params} makes under the budget: B over its cost per iteration in B's currency. */
    private static long iterations(SweepSpec.BudgetRule rule, MethodSpec params, long b, double meteredPerIteration, long ipe) {
        if (b == 0) {
            return rule.epochs() * ipe;
        }
        double perIteration = rule.currency() == SweepSpec.Currency.PAPER ? params.paperCallsPerIteration() : meteredPerIteration;
        return Math.max(1, (long) Math.ceil(b / perIteration));
    }

    /**
     * The control's method at a SALR configuration's eta_0, held constant: every parameter the control
     * method shares with the configuration (the rate, the rule's momentum and weight decay, Entropy-SGD's
     * inner loop) is copied, the decay is switched off.
     */
    static MethodSpec controlParameters(SweepSpec.Control control, MethodSpec salr) {
        java.util.Set<Param> own = MethodSpec.defaults(control.method()).values().keySet();
        Map<Param, ParamValue> given = new LinkedHashMap<>();
        salr.values().forEach((p, v) -> {
            if (own.contains(p)) {
                given.put(p, v);
            }
        });
        given.put(Param.DECAY_EVERY, new ParamValue.Whole(0));
        return MethodSpec.of(control.method(), given);
    }

    private static long trainSize(SweepSpec spec, String dataset) {
        java.util.OptionalInt size = io.salr.datasets.real.Datasets.trainSize(dataset, spec.data().classes().size());
        Integer full = size.isPresent() ? size.getAsInt() : null;
        int subset = spec.data().trainSubset();
        if (full == null) {
            if (subset == 0 && spec.budget().reference() != null) {
                throw new InvalidParameterException("data.train_subset", 0,
                        "must be given for " + dataset + " when the budget is in epochs of a method (its size is not known before loading)");
            }
            return subset;
        }
        return subset > 0 ? Math.min(subset, full) : full;
    }

    /** The runs of shard {@code i} of {@code n} (1-based): sorted by id, those whose position mod n is i - 1. */
    public List<PlannedRun> shard(int i, int n) {
        if (n < 1) {
            throw new InvalidParameterException("shard", i + "/" + n, "must have n >= 1");
        }
        if (i < 1 || i > n) {
            throw new InvalidParameterException("shard", i + "/" + n, "must have 1 <= i <= n");
        }
        List<PlannedRun> sorted = new ArrayList<>(runs);
        sorted.sort(Comparator.comparing(PlannedRun::id));
        List<PlannedRun> out = new ArrayList<>();
        for (int k = 0; k < sorted.size(); k++) {
            if (k % n == i - 1) {
                out.add(sorted.get(k));
            }
        }
        out.sort(Comparator.comparingInt(PlannedRun::index));
        return out;
    }

    /** The run with this id. */
    public java.util.Optional<PlannedRun> find(String id) {
        return runs.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    /** The hyperparameters that take more than one value for some method of the sweep, sorted. */
    public List<String> variedHyperparameters() {
        java.util.TreeSet<String> varied = new java.util.TreeSet<>();
        for (Method method : spec.methods()) {
            spec.gridOf(method).forEach((k, v) -> {
                if (v.size() > 1) {
                    varied.add(k.key());
                }
            });
        }
        return new ArrayList<>(varied);
    }

    public long totalCalls() {
        return runs.stream().mapToLong(PlannedRun::expectedCalls).sum();
    }
}
