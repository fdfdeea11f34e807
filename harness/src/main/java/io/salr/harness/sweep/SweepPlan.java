package io.salr.harness.sweep;

import io.salr.harness.run.Budget;
import io.salr.harness.run.EngineChoice;
import io.salr.optimizers.spec.Method;
import io.salr.optimizers.spec.MethodSpec;
import io.salr.harness.run.RunSpec;
import io.salr.validation.InvalidParameterException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * @param spec the sweep spec
 * @param runs the runs, in plan order
 * @param budgets per dataset: B in gradient calls, or 0 for an unmatched epoch budget
 */
public record SweepPlan(SweepSpec spec, List<PlannedRun> runs, Map<String, Long> budgets) {

    /**
     * One run of the plan.
     *
     * @param index position in the plan (0-based)
     * @param spec the run spec; its id names the run folder
     * @param callsPerIteration the method's average gradient calls per iteration
     * @param iterations iterations the run is expected to make
     */
    public record PlannedRun(int index, RunSpec spec, double callsPerIteration, long iterations) {
        public String id() {
            return spec.id();
        }

        /** Gradient calls the run is expected to spend. */
        public long expectedCalls() {
            return spec.budget().inEpochs() ? Math.round(iterations * callsPerIteration) : spec.budget().gradientCalls();
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
                    long perExample = engine.perExampleDirectionCalls(model, spec.model().batchNorm(), spec.batchSize());
                    long b = rule.gradientCalls() > 0 ? rule.gradientCalls()
                            : rule.reference() == null ? 0 : referenceBudget(spec, combos, ipe, perExample);
                    budgets.merge(dataset, b, Math::max);
                    for (Method method : spec.methods()) {
                        for (MethodSpec params : combos.get(method)) {
                            double cpi = params.gradientCallsPerIteration(perExample);
                            for (long seed : spec.seeds()) {
                                Budget budget = b > 0 ? Budget.gradientCalls(b) : Budget.epochs(rule.epochs());
                                RunSpec run = spec.runSpec(dataset, model, params, engine, seed, budget);
                                long iterations = b > 0 ? (long) Math.ceil(b / cpi) : rule.epochs() * ipe;
                                if (!ids.add(run.id())) {
                                    throw new InvalidParameterException("grid", params.parameters(),
                                            "gives the same run twice (id " + run.id() + ")");
                                }
                                runs.add(new PlannedRun(runs.size(), run, cpi, iterations));
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
        double cpi = params.gradientCallsPerIteration(perExample);
        return (long) Math.ceil(spec.budget().epochs() * ipe * cpi);
    }

    private static long trainSize(SweepSpec spec, String dataset) {
        java.util.OptionalInt size = io.salr.datasets.real.Datasets.trainSize(dataset);
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
                    varied.add(k);
                }
            });
        }
        return new ArrayList<>(varied);
    }

    public long totalCalls() {
        return runs.stream().mapToLong(PlannedRun::expectedCalls).sum();
    }
}
