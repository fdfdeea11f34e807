package io.salr.harness.cli;

import io.salr.harness.run.RunResult;
import io.salr.harness.run.RunStatus;
import io.salr.harness.run.Trainer;
import io.salr.harness.sweep.RunClaims;
import io.salr.harness.sweep.Store;
import io.salr.harness.sweep.SweepPlan;
import io.salr.harness.sweep.SweepRunner;
import io.salr.validation.InvalidParameterException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code salr worker} (internal, hidden): runs one run of a store in this JVM, found by id in the plan of the
 * store's sweep.yaml; for rerunning one run by hand. Sweeps do not use it: their worker JVMs run
 * {@link io.salr.harness.sweep.WorkerMain}, which receives each run's spec rather than re-planning the sweep.
 *
 * <p>The sweep claims the run before it starts the worker ({@link RunClaims}) and passes the claim's
 * generation and token; the worker refreshes the claim's heartbeat too, so the run stays claimed while it
 * runs even if the sweep process is stopped, and it ends at once (exit {@link SweepRunner#EXIT_CLAIM_LOST})
 * when another process has taken the claim over. With {@code --watch-parent} the worker also ends when its
 * standard input closes, which happens when the sweep process dies, however it dies: a worker never outlives
 * its sweep.
 */
@Command(name = "worker", header = "Run runs of a store for a sweep (internal).", hidden = true, description = "Internal: run one run of a store (used by salr sweep).")
final class WorkerCommand implements Callable<Integer> {

    @Option(names = "--store", required = true)
    Path store;

    @Option(names = "--id", required = true)
    String id;

    @Mixin
    DataDirOption data;

    @Option(names = "--claim-generation")
    Integer claimGeneration;

    @Option(names = "--claim-token")
    String claimToken;

    @Option(names = "--claim-timeout", defaultValue = "120")
    double claimTimeout;

    @Option(names = "--watch-parent", description = "End when standard input closes (the sweep that started this worker died).")
    boolean watchParent;

    @Option(names = "--note", description = "Appended to the run's attempts.log line.")
    String note;

    @Override
    public Integer call() {
        io.salr.harness.run.Interruption.install(); // SIGTERM/SIGINT: finish the step, checkpoint, exit
        if (watchParent) {
            watchParent(System.in);
        }
        Store.Opened o = Store.open(store);
        SweepPlan.PlannedRun r = o.plan().find(id)
                .orElseThrow(() -> new InvalidParameterException("id", id, "is not a run of the store's sweep"));
        RunClaims.Heartbeat heartbeat = null;
        if (claimGeneration != null) {
            RunClaims claims = new RunClaims(store, Duration.ofMillis(Math.round(claimTimeout * 1000)));
            RunClaims.Claim claim;
            try {
                claim = claims.adopt(id, claimGeneration, claimToken == null ? "" : claimToken);
            } catch (IllegalStateException e) {
                System.out.println("run " + id + ": " + e.getMessage() + "; not started");
                return SweepRunner.EXIT_CLAIM_LOST;
            }
            try {
                claim.setWorker(ProcessHandle.current().pid()); // the sweep records it too; whichever writes first
            } catch (RuntimeException e) {
                // the next heartbeat writes the claim again
            }
            heartbeat = claims.heartbeat(lost -> {
                System.out.println("run " + id + ": another process took the claim over; stopping at once");
                System.out.flush();
                Runtime.getRuntime().halt(SweepRunner.EXIT_CLAIM_LOST);
            });
            heartbeat.add(claim);
        }
        try {
            RunResult result = o.store().execute(r.spec(), Trainer.Options.defaults().withDataDir(data.get()),
                    Optional.ofNullable(note));
            System.out.println("run " + id + ": " + result.status().label() + result.cause().map(c -> " (" + c + ")").orElse(""));
            return result.status() == RunStatus.COMPLETED ? 0 : 1;
        } finally {
            if (heartbeat != null) {
                heartbeat.close();
            }
        }
    }

    /**
     * Reads {@code in} on a daemon thread until it ends, then exits (143, as SIGTERM would; shutdown hooks
     * run): the sweep holds the other end of this pipe, and the operating system closes it when the sweep dies.
     */
    static void watchParent(InputStream in) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[256];
            try {
                while (in.read(buffer) >= 0) {
                    // the sweep writes nothing; only the end matters
                }
            } catch (IOException e) {
                // a broken pipe: the sweep is gone as well
            }
            System.out.println("worker: the sweep that started this worker is gone; stopping");
            System.out.flush();
            System.exit(143);
        }, "watch-parent");
        t.setDaemon(true);
        t.start();
    }
}
