package io.salr.harness.cli;

import io.salr.harness.sweep.Store;
import io.salr.harness.sweep.SweepPlan;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code salr status}: how far a store's sweep has come. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Count a store's runs: done (completed or diverged), running (started, no result: running or interrupted), failed, remaining."})
final class StatusCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "STORE", description = "The results store.")
    Path store;

    @Spec
    CommandSpec commandSpec;

    @Override
    public Integer call() {
        Store.Opened o = Store.open(store);
        Map<Store.RunState, Integer> counts = counts(o.store(), o.plan());
        PrintWriter out = commandSpec.commandLine().getOut();
        int done = counts.get(Store.RunState.COMPLETED) + counts.get(Store.RunState.DIVERGED);
        out.printf("study %s: %d runs: done %d (completed %d, diverged %d), running %d, failed %d, remaining %d%n",
                o.plan().spec().study(), o.plan().runs().size(), done, counts.get(Store.RunState.COMPLETED),
                counts.get(Store.RunState.DIVERGED), counts.get(Store.RunState.RUNNING), counts.get(Store.RunState.FAILED),
                counts.get(Store.RunState.REMAINING));
        out.flush();
        return 0;
    }

    static Map<Store.RunState, Integer> counts(Store store, SweepPlan plan) {
        Map<Store.RunState, Integer> counts = new EnumMap<>(Store.RunState.class);
        for (Store.RunState s : Store.RunState.values()) {
            counts.put(s, 0);
        }
        for (SweepPlan.PlannedRun r : plan.runs()) {
            counts.merge(store.state(r.id()), 1, Integer::sum);
        }
        return counts;
    }
}
