package io.salr.harness.cli;

import io.salr.optimizers.spec.Method;
import io.salr.optimizers.spec.Param;

import io.salr.harness.sweep.SweepPlan;
import io.salr.harness.sweep.SweepSpec;
import io.salr.harness.sweep.PlanEstimate;
import io.salr.validation.InvalidParameterException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code salr plan}: expands a sweep spec and prints its runs, budget matching and cost; runs nothing. */
@Command(name = "plan", header = "Show the runs, budgets and cost of a sweep spec without running anything.", mixinStandardHelpOptions = true,
        description = {"Print the runs of a sweep spec, its budget matching and its wall time from this machine's bench figures, without running anything."})
final class PlanCommand implements Callable<Integer> {

    @Mixin
    SpecSource source;

    @Option(names = "--bench", paramLabel = "FILE",
            description = "The bench.csv whose figures price the runs (default: the newest out/bench*/bench.csv under the current directory).")
    Path bench;

    @Option(names = "--calibrate", paramLabel = "STORE",
            description = "Price each run from the completed runs of this results store that share its network, method, data, batch"
                    + " and threads (their wall time per gradient call, evaluation included), and only the rest from the bench.")
    Path calibrate;

    @Option(names = "--workers", defaultValue = "1", description = "Workers the estimate divides the runs over (default: ${DEFAULT-VALUE}).")
    int workers;

    @Spec
    CommandSpec commandSpec;

    @Override
    public Integer call() {
        if (workers < 1) {
            throw new InvalidParameterException("workers", workers, "must be >= 1");
        }
        SpecSource.Loaded l = source.load();
        PrintWriter out = commandSpec.commandLine().getOut();
        Optional<PlanEstimate.Figures> figures = Optional.ofNullable(bench)
                .or(() -> PlanEstimate.newestBench(Path.of("")))
                .map(PlanEstimate.Figures::read);
        Optional<PlanEstimate.Measured> measured = Optional.ofNullable(calibrate).map(PlanEstimate.Measured::read);
        if (l.tuned().isPresent()) {
            // the test stage's runs are known once the tuning stage has chosen; its size and cost are not
            SweepSpec template = SweepSpec.parse(l.tuned().get().finalYaml(java.util.Map.of()));
            List<Stage> stages = new java.util.ArrayList<>();
            Optional<SweepSpec> pretrain = l.tuned().get().pretrainSpec();
            if (pretrain.isPresent()) {
                out.println("== pre-training stage (one run that keeps its weights; every later run starts from them)");
                print(pretrain.get().plan(), out);
                out.println();
                stages.add(new Stage("pre-training", pretrain.get().plan()));
            }
            out.println("== tuning stage (validation hold-out of the training set; its own seeds and budget)");
            print(l.plan(), out);
            out.println();
            out.println("== test stage (the chosen setting per method, full training set, test set; shown with the defaults"
                    + " in place of the settings the tuning stage will choose)");
            print(template.plan(), out);
            out.println();
            stages.add(new Stage("tuning stage", l.plan()));
            stages.add(new Stage("test stage", template.plan()));
            wallTime(stages, figures, measured, workers, out);
            return 0;
        }
        print(l.plan(), out);
        out.println();
        wallTime(List.of(new Stage("all runs", l.plan())), figures, measured, workers, out);
        return 0;
    }

    /** A named part of a study. */
    record Stage(String name, SweepPlan plan) {
    }

    /** The wall-time estimate per stage and in total, with what priced it (bench rows, measured runs), or why there is none. */
    static void wallTime(List<Stage> stages, Optional<PlanEstimate.Figures> figures, Optional<PlanEstimate.Measured> measured,
            int workers, PrintWriter out) {
        if (figures.isEmpty() && measured.isEmpty()) {
            out.println("wall time: not estimated: no bench figures (run ./salr bench, which writes out/bench/bench.csv,"
                    + " or pass --bench FILE) and no store to calibrate from (--calibrate STORE)");
            out.flush();
            return;
        }
        String plural = workers == 1 ? "" : "s";
        if (measured.isPresent()) {
            PlanEstimate.Measured m = measured.get();
            out.printf(Locale.ROOT, "wall time with %d worker%s from the %d completed runs of %s (their wall time per gradient call,"
                    + " evaluation included, for runs of the same network, method, data, batch and threads)%s:%n", workers, plural,
                    m.runs(), m.store(), figures.map(f -> "; other runs and every run's final measures from " + f.file()).orElse(""));
        } else {
            out.printf(Locale.ROOT, "wall time from %s with %d worker%s (training: iterations x the bench's time per gradient call"
                    + " of each method at the bench's threads, on the plain network; evaluation: forward passes at a third of an SGD"
                    + " step; not counted: each worker JVM's start and data loading, once per worker; runs with fewer threads or"
                    + " with BatchNorm or dropout cost more: price them from a store of such runs with --calibrate):%n",
                    figures.get().file(), workers, plural);
        }
        double total = 0;
        int missing = 0;
        java.util.Set<String> used = new java.util.LinkedHashSet<>();
        java.util.Set<String> lacking = new java.util.LinkedHashSet<>();
        for (Stage st : stages) {
            PlanEstimate.Estimate e = PlanEstimate.estimate(st.plan().runs(), figures, measured, workers);
            total += e.seconds();
            missing += e.missing();
            used.addAll(e.usedRows());
            lacking.addAll(e.missingRows());
            String source = measured.isEmpty() ? ""
                    : String.format(Locale.ROOT, " (%d priced from the store, %d from the bench)", e.measured(), e.runs() - e.measured());
            out.printf(Locale.ROOT, "  %-14s %4d runs  %s%s%s%n", st.name(), e.runs() + e.missing(), duration(e.seconds()),
                    e.missing() == 0 ? "" : String.format(Locale.ROOT, " for %d of them; %d runs not priced", e.runs(), e.missing()),
                    source);
        }
        if (stages.size() > 1) {
            out.printf(Locale.ROOT, "  %-14s %s%s%n", "total", duration(total),
                    missing == 0 ? "" : String.format(Locale.ROOT, " (without the %d runs not priced)", missing));
        }
        if (!used.isEmpty()) {
            out.println("  rows used: " + String.join(", ", used));
        }
        if (!lacking.isEmpty()) {
            out.println("  " + figures.map(f -> "rows missing from " + f.file()).orElse("missing") + " (runs needing them are not priced): "
                    + String.join("; ", lacking));
        }
        out.flush();
    }

    static void print(SweepPlan plan, PrintWriter out) {
        SweepSpec s = plan.spec();
        out.printf(Locale.ROOT, "study %s: %d runs (%d datasets x %d models x %d methods with their grids x %d seeds)%n",
                s.study(), plan.runs().size(), s.datasets().size(), s.models().size(), s.methods().size(), s.seeds().size());
        SweepSpec.BudgetRule b = s.budget();
        out.println();
        out.println("budget matching:");
        for (Map.Entry<String, Long> e : plan.budgets().entrySet()) {
            if (e.getValue() > 0) {
                out.printf(Locale.ROOT, "  %s: B = %d gradient calls per run, currency %s%s%n", e.getKey(), e.getValue(),
                        b.currency().label(), b.reference() != null ? " (" + b.epochs() + " epochs of " + b.reference() + ")" : "");
            } else {
                out.printf(Locale.ROOT, "  %s: %d epochs per run (not budget-matched)%n", e.getKey(), b.epochs());
            }
        }
        out.printf(Locale.ROOT, "  %-18s %-18s %-16s %14s %14s %12s %14s %14s  %s%n", "method", "dataset", "model",
                "paper calls/it", "passes/it", "iterations", "paper calls", "passes", "horizon");
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (SweepPlan.PlannedRun r : plan.runs()) {
            String model = s.modelName(r.spec().model());
            String key = r.spec().methodName() + "|" + r.spec().data().dataset() + "|" + model + "|" + r.callsPerIteration()
                    + "|" + r.iterations() + "|" + r.horizon();
            if (seen.add(key)) {
                out.printf(Locale.ROOT, "  %-18s %-18s %-16s %14.3f %14.3f %12d %14d %14d  %s%n", r.spec().methodName(),
                        r.spec().data().dataset(), model, r.paperCallsPerIteration(), r.callsPerIteration(), r.iterations(),
                        r.expectedPaperCalls(), r.expectedCalls(), r.horizon().orElse(""));
            }
        }
        out.println();
        out.printf(Locale.ROOT, "%-16s %-14s %-16s %-18s %-30s %s%n", "id", "dataset", "model", "method", "hyperparameters", "seed");
        java.util.List<String> varied = plan.variedHyperparameters();
        for (SweepPlan.PlannedRun r : plan.runs()) {
            StringBuilder hp = new StringBuilder();
            for (Param k : keyParameters(r.spec().method().method(), varied)) {
                java.util.Optional<io.salr.optimizers.spec.ParamValue> v = r.spec().method().value(k);
                if (v.isPresent()) {
                    hp.append(hp.length() == 0 ? "" : " ").append(k).append('=').append(v.get());
                }
            }
            out.printf(Locale.ROOT, "%-16s %-14s %-16s %-18s %-30s %d%n", r.id(), r.spec().data().dataset(),
                    s.modelName(r.spec().model()), r.spec().methodName(), hp, r.spec().seed());
        }
        out.println();
        out.printf(Locale.ROOT, "estimated total: %d gradient calls%n", plan.totalCalls());
        out.flush();
    }

    /** lr, the method's own key parameter, and whatever the sweep varies. */
    private static java.util.List<Param> keyParameters(Method method, java.util.List<String> varied) {
        java.util.LinkedHashSet<Param> keys = new java.util.LinkedHashSet<>();
        keys.add(Param.LR);
        if (method.salr()) {
            keys.addAll(java.util.List.of(Param.GAMMA, Param.N1, Param.N2, Param.C));
        }
        switch (method.family()) {
            case SAM -> keys.add(Param.RHO);
            case ENTROPY -> keys.add(Param.LANGEVIN_STEPS);
            case SWA -> keys.add(Param.SWA_START);
            default -> {
            }
        }
        varied.forEach(k -> Param.byKey(k).ifPresent(keys::add));
        return java.util.List.copyOf(keys);
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60)
                : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
}
