package io.salr.harness.cli;

import io.salr.optimizers.spec.Method;

import io.salr.harness.sweep.SweepPlan;
import io.salr.harness.sweep.SweepSpec;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code salr plan}: expands a sweep spec and prints its runs, budget matching and cost; runs nothing. */
@Command(name = "plan", header = "Show the runs, budgets and cost of a sweep spec without running anything.", mixinStandardHelpOptions = true,
        description = {"Print the runs of a sweep spec, its budget matching and an estimate of its cost, without running anything."})
final class PlanCommand implements Callable<Integer> {

    @Mixin
    SpecSource source;

    @Spec
    CommandSpec commandSpec;

    @Override
    public Integer call() {
        SpecSource.Loaded l = source.load();
        PrintWriter out = commandSpec.commandLine().getOut();
        if (l.tuned().isPresent()) {
            // the test stage's runs are known once the tuning stage has chosen; its size and cost are not
            SweepSpec template = SweepSpec.parse(l.tuned().get().finalYaml(java.util.Map.of()));
            out.println("== tuning stage (validation hold-out of the training set; its own seeds and budget)");
            print(l.plan(), out);
            out.println();
            out.println("== test stage (the chosen setting per method, full training set, test set; shown with the defaults"
                    + " in place of the settings the tuning stage will choose)");
            print(template.plan(), out);
            return 0;
        }
        print(l.plan(), out);
        return 0;
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
        out.printf(Locale.ROOT, "%-16s %-14s %-9s %-18s %-30s %s%n", "id", "dataset", "model", "method", "hyperparameters", "seed");
        java.util.List<String> varied = plan.variedHyperparameters();
        for (SweepPlan.PlannedRun r : plan.runs()) {
            StringBuilder hp = new StringBuilder();
            for (String k : keyParameters(r.spec().method().method(), varied)) {
                Object v = r.spec().methodParams().get(k);
                if (v != null) {
                    hp.append(hp.length() == 0 ? "" : " ").append(k).append('=').append(v);
                }
            }
            out.printf(Locale.ROOT, "%-16s %-14s %-9s %-18s %-30s %d%n", r.id(), r.spec().data().dataset(),
                    r.spec().model().architecture(), r.spec().methodName(), hp, r.spec().seed());
        }
        out.println();
        double seconds = plan.totalSeconds();
        out.printf(Locale.ROOT, "estimated total: %d gradient calls, about %s on 2 CPU cores with 1 worker"
                + " (rough: %s s per call at batch 128 for %s, plus %.0f s per run)%n", plan.totalCalls(),
                duration(seconds), SweepPlan.SECONDS_PER_CALL.get(SweepSpec.architectureOf(s.models().get(0))), s.models().get(0), SweepPlan.SECONDS_PER_RUN);
        out.flush();
    }

    /** lr, the method's own key parameter, and whatever the sweep varies. */
    private static java.util.List<String> keyParameters(Method method, java.util.List<String> varied) {
        java.util.LinkedHashSet<String> keys = new java.util.LinkedHashSet<>();
        keys.add("lr");
        if (method.salr()) {
            keys.add("gamma");
            keys.add("n1");
            keys.add("n2");
            keys.add("c");
        }
        switch (method.family()) {
            case SAM -> keys.add("rho");
            case ENTROPY -> keys.add("langevin_steps");
            case SWA -> keys.add("swa_start");
            default -> {
            }
        }
        keys.addAll(varied);
        return java.util.List.copyOf(keys);
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60)
                : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
}
