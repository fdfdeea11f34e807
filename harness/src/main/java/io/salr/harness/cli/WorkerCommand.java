package io.salr.harness.cli;

import io.salr.harness.run.RunResult;
import io.salr.harness.run.RunStatus;
import io.salr.harness.run.Trainer;
import io.salr.harness.sweep.Store;
import io.salr.harness.sweep.SweepPlan;
import io.salr.validation.InvalidParameterException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code salr worker} (internal, hidden): runs one run of a store in this JVM. The sweep starts one such
 * JVM per run; the run is found by id in the plan of the store's sweep.yaml, so nothing but the id
 * crosses the process boundary.
 */
@Command(name = "worker", hidden = true, description = "Internal: run one run of a store (used by salr sweep).")
final class WorkerCommand implements Callable<Integer> {

    @Option(names = "--store", required = true)
    Path store;

    @Option(names = "--id", required = true)
    String id;

    @Option(names = "--data-dir")
    Path dataDir;

    @Override
    public Integer call() {
        io.salr.harness.run.Interruption.install(); // SIGTERM/SIGINT: finish the step, checkpoint, exit
        Store.Opened o = Store.open(store);
        SweepPlan.PlannedRun r = o.plan().find(id)
                .orElseThrow(() -> new InvalidParameterException("id", id, "is not a run of the store's sweep"));
        RunResult result = o.store().execute(r.spec(), Trainer.Options.defaults().withDataDir(Optional.ofNullable(dataDir)));
        System.out.println("run " + id + ": " + result.status().label() + result.cause().map(c -> " (" + c + ")").orElse(""));
        return result.status() == RunStatus.COMPLETED ? 0 : 1;
    }
}
