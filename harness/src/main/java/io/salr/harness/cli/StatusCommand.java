package io.salr.harness.cli;

import io.salr.harness.run.RunResult;
import io.salr.harness.sweep.RunClaims;
import io.salr.harness.sweep.Store;
import io.salr.harness.sweep.SweepPlan;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code salr status}: how far a store's sweep has come. Runs are done (completed, diverged or collapsed),
 * running (claimed by a live process), interrupted (started, no result and no live claim: the next sweep
 * resumes them), failed, or remaining. Failed runs are split by kind, which says what a rerun does: a plain
 * {@code salr sweep} resumes those that failed for a reason of the machine; those that failed
 * deterministically need {@code --retry-failed}. Each failed run is listed with its cause.
 */
@Command(name = "status", header = "Count a store's runs by state and list the failed ones with their causes.", mixinStandardHelpOptions = true,
        description = {"Count a store's runs: done (completed, diverged or collapsed), running (claimed by a live process),",
            "interrupted (started, no result: the next sweep resumes them), failed (infrastructure: the next sweep resumes",
            "them; deterministic: rerun with --retry-failed), remaining; then list the failed runs with their causes."})
final class StatusCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "STORE", description = "The results store.")
    Path store;

    @Spec
    CommandSpec commandSpec;

    /** A store's runs by where they stand. */
    record Counts(Map<Store.RunState, Integer> states, int running, int interrupted, int infrastructure,
            int deterministic, List<String> failed) {
        int get(Store.RunState s) {
            return states.get(s);
        }
    }

    @Override
    public Integer call() {
        Store.Opened o = Store.open(store);
        Counts c = counts(o.store(), o.plan());
        PrintWriter out = commandSpec.commandLine().getOut();
        int done = c.get(Store.RunState.COMPLETED) + c.get(Store.RunState.DIVERGED) + c.get(Store.RunState.COLLAPSED);
        out.printf(Locale.ROOT, "study %s: %d runs: done %d (completed %d, diverged %d, collapsed %d), running %d, interrupted %d,"
                + " failed %d (infrastructure %d, deterministic %d), remaining %d%n",
                o.plan().spec().study(), o.plan().runs().size(), done, c.get(Store.RunState.COMPLETED),
                c.get(Store.RunState.DIVERGED), c.get(Store.RunState.COLLAPSED), c.running(), c.interrupted(),
                c.get(Store.RunState.FAILED), c.infrastructure(), c.deterministic(), c.get(Store.RunState.REMAINING));
        if (!c.failed().isEmpty()) {
            out.println("failed runs (infrastructure: the next sweep resumes them from their checkpoints;"
                    + " deterministic: rerun them with --retry-failed):");
            c.failed().forEach(f -> out.println("  " + f));
        }
        out.flush();
        return 0;
    }

    static Counts counts(Store store, SweepPlan plan) {
        Map<Store.RunState, Integer> counts = new EnumMap<>(Store.RunState.class);
        for (Store.RunState s : Store.RunState.values()) {
            counts.put(s, 0);
        }
        RunClaims claims = new RunClaims(store.root(), RunClaims.DEFAULT_TIMEOUT);
        int running = 0;
        int interrupted = 0;
        int infrastructure = 0;
        int deterministic = 0;
        List<String> failed = new ArrayList<>();
        for (SweepPlan.PlannedRun r : plan.runs()) {
            Store.RunState state = store.state(r.id());
            if (state == Store.RunState.RUNNING || state == Store.RunState.REMAINING) {
                // a claimed run is running, even before its folder exists
                if (claims.isHeld(r.id())) {
                    running++;
                    state = Store.RunState.RUNNING;
                } else if (state == Store.RunState.RUNNING) {
                    interrupted++;
                }
            } else if (state == Store.RunState.FAILED) {
                RunResult res = store.result(r.id()).orElseThrow();
                if (res.resumable()) {
                    infrastructure++;
                } else {
                    deterministic++;
                }
                failed.add(r.id() + " " + res.failure().map(RunResult.FailureKind::label).orElse("?") + ": "
                        + res.cause().orElse("no cause recorded"));
            }
            counts.merge(state, 1, Integer::sum);
        }
        return new Counts(counts, running, interrupted, infrastructure, deterministic, failed);
    }
}
