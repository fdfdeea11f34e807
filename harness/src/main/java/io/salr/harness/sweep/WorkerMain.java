package io.salr.harness.sweep;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.salr.harness.run.Interruption;
import io.salr.harness.run.RunResult;
import io.salr.harness.run.RunSpec;
import io.salr.harness.run.RunStatus;
import io.salr.harness.run.Trainer;
import io.salr.validation.InvalidParameterException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The entry point of a worker JVM of a sweep: one JVM runs many runs of one store, one after another, so
 * the natives load once and each data set is read and checksummed once ({@link Trainer.DataLoader#caching}).
 *
 * <p>The protocol is one line each way. The sweep writes a {@link Request} per run to the worker's standard
 * input: the run id, the run's canonical spec (the tree its id is the hash of; the worker reads it back with
 * {@link RunSpec#fromMap} and refuses it unless it hashes to that id) and the claim the sweep holds on it. The
 * worker adopts the claim, refreshes its heartbeat while the run trains, writes the run folder, and answers with
 * one line {@code @@salr-worker done ID CODE} on standard output (0 completed, 1 ended otherwise, 2 refused,
 * {@link SweepRunner#EXIT_CLAIM_LOST} claim lost). Everything else the JVM prints (standard error included,
 * which is the same stream here) is the run's log; the sweep copies it into the run's {@code worker.log}.
 *
 * <p>Failures stay isolated as with a JVM per run: a crash or an out-of-memory error ends this JVM
 * ({@link SweepRunner#EXIT_OUT_OF_MEMORY}) and loses only the run in flight, which the sweep records as a
 * failure of the machine (resumed from its checkpoint); the sweep starts a fresh worker for the next run.
 * The worker computes with the intra-op thread count it was started with ({@code OMP_NUM_THREADS}, read by
 * LibTorch, OpenBLAS and ND4J when they load) and refuses a run whose spec asks for another. It ends when
 * its standard input closes: at once (exit 0) when idle, the sweep being done with it, and with exit 143 in
 * the middle of a run, the sweep having died; SIGTERM checkpoints the run in flight and ends the JVM
 * ({@link Interruption}).
 */
public final class WorkerMain {

    /** The prefix of the worker's answer line. */
    static final String REPLY = "@@salr-worker done ";

    /** The prefix of a notice line: the sweep shows it on its console and writes it, without the prefix, to the run's log. */
    public static final String NOTICE = "@@salr-notice ";

    /** Exit status of a run that ended, but not as completed (diverged, collapsed or failed). */
    static final int NOT_COMPLETED = 1;

    /** A request the worker refused (bad spec, wrong thread count). */
    static final int REFUSED = 2;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Store store;
    private final int threads;
    private final Trainer.Options options;
    private final PrintStream out;

    private WorkerMain(Store store, int threads, Trainer.Options options, PrintStream out) {
        this.store = store;
        this.threads = threads;
        this.options = options;
        this.out = out;
    }

    /**
     * One run for a worker.
     *
     * @param runId the id the spec must hash to
     * @param spec the canonical spec tree ({@link RunSpec#toMap()})
     * @param claimGeneration the generation of the sweep's claim on the run (absent: run unclaimed)
     * @param claimToken the claim's token
     * @param claimTimeout the claims' timeout
     * @param note appended to the run's attempts.log line (a takeover)
     */
    record Request(String runId, Map<String, Object> spec, Optional<Integer> claimGeneration, String claimToken,
            Duration claimTimeout, Optional<String> note) {

        String toLine() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("run_id", runId);
            m.put("spec", spec);
            claimGeneration.ifPresent(g -> m.put("claim_generation", g));
            m.put("claim_token", claimToken);
            m.put("claim_timeout_ms", claimTimeout.toMillis());
            note.ifPresent(n -> m.put("note", n));
            try {
                return JSON.writeValueAsString(m); // one line: JSON escapes every line break inside strings
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @SuppressWarnings("unchecked")
        static Request parse(String line) {
            Map<String, Object> m;
            try {
                m = JSON.readValue(line, new TypeReference<Map<String, Object>>() {
                });
            } catch (IOException e) {
                throw new InvalidParameterException("request", line.length() > 200 ? line.substring(0, 200) + "..." : line,
                        "is not a worker request (" + e.getMessage() + ")");
            }
            Object id = m.get("run_id");
            Object spec = m.get("spec");
            if (!(id instanceof String) || !(spec instanceof Map)) {
                throw new InvalidParameterException("request", line, "needs run_id (text) and spec (an object)");
            }
            Object generation = m.get("claim_generation");
            Object timeout = m.getOrDefault("claim_timeout_ms", RunClaims.DEFAULT_TIMEOUT.toMillis());
            return new Request((String) id, (Map<String, Object>) spec,
                    generation instanceof Number n ? Optional.of(n.intValue()) : Optional.empty(),
                    String.valueOf(m.getOrDefault("claim_token", "")), Duration.ofMillis(((Number) timeout).longValue()),
                    Optional.ofNullable((String) m.get("note")));
        }
    }

    /**
     * {@code WorkerMain --store DIR --threads N [--data-dir DIR]}: serves requests from standard input until it
     * closes.
     */
    public static void main(String[] args) throws Exception {
        Path storeRoot = null;
        Optional<Path> dataDir = Optional.empty();
        int threads = 0;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--store" -> storeRoot = Path.of(required(args[i], value));
                case "--data-dir" -> dataDir = Optional.of(Path.of(required(args[i], value)));
                case "--threads" -> threads = Integer.parseInt(required(args[i], value));
                default -> throw new InvalidParameterException("argument", args[i], "is not an option of the worker");
            }
            i++;
        }
        if (storeRoot == null || threads < 1) {
            throw new InvalidParameterException("arguments", String.join(" ", args), "need --store DIR and --threads N");
        }
        Interruption.install(); // SIGTERM/SIGINT: finish the step, checkpoint, exit
        // one ordered stream: the sweep reads answers and log lines from it in the order they were written
        PrintStream out = System.out;
        System.setErr(out);
        // a notice (a checkpoint passed over, a thread-count mismatch) goes to the sweep's console as well as the log
        Trainer.Options options = Trainer.Options.defaults().withDataDir(dataDir)
                .withLoader(Trainer.DataLoader.caching(Trainer.DataLoader.READ))
                .withLog(m -> {
                    out.println(NOTICE + m);
                    out.flush();
                });
        Store store = new Store(storeRoot);
        new WorkerMain(store, threads, options.withInitSources(store.initSources()), out).serve();
    }

    private static String required(String option, String value) {
        if (value == null) {
            throw new InvalidParameterException(option, "(missing)", "needs a value");
        }
        return value;
    }

    private volatile boolean busy;
    private int served;

    private void serve() throws InterruptedException {
        BlockingQueue<String> requests = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (!line.isBlank()) {
                        requests.add(line);
                    }
                }
            } catch (IOException e) {
                // a broken pipe: the sweep is gone as well
            }
            if (busy) {
                out.println("worker: the sweep that started this worker is gone; stopping");
                out.flush();
                System.exit(143);
            }
            System.exit(0);
        }, "worker-requests");
        reader.setDaemon(true);
        reader.start();
        while (true) {
            String line = requests.take();
            busy = true;
            String id = "?";
            int code;
            try {
                Request r = Request.parse(line);
                id = r.runId();
                code = execute(r);
            } catch (Interruption.StopRequested e) {
                out.println("worker: " + e.getMessage());
                out.flush();
                return; // the shutdown hook that asked for the stop ends the JVM
            } catch (OutOfMemoryError e) {
                out.println("worker: out of memory: " + e.getMessage());
                out.flush();
                Runtime.getRuntime().halt(SweepRunner.EXIT_OUT_OF_MEMORY);
                return;
            } catch (InvalidParameterException e) {
                out.println("worker: refused run " + id + ": " + e.getMessage());
                code = REFUSED;
            }
            busy = false;
            out.println(REPLY + id + " " + code);
            out.flush();
        }
    }

    /** 1st, 2nd, 3rd, 4th, ..., 11th, 12th, 13th, 21st. */
    static String ordinal(int n) {
        int tens = n % 100;
        String suffix = tens >= 11 && tens <= 13 ? "th" : switch (n % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
        return n + suffix;
    }

    /** Runs one request; returns its answer code. */
    private int execute(Request r) {
        RunSpec spec = RunSpec.fromMap(r.spec());
        if (!spec.id().equals(r.runId())) {
            throw new InvalidParameterException("run_id", r.runId(), "is not the id of the spec sent with it (" + spec.id() + ")");
        }
        if (spec.threads() != threads) {
            throw new InvalidParameterException("threads", spec.threads(), String.format(Locale.ROOT,
                    "differs from the %d intra-op threads this worker JVM was started with", threads));
        }
        served++;
        out.println(String.format(Locale.ROOT, "worker %d: run %s, the %s in this JVM (%d intra-op threads)",
                ProcessHandle.current().pid(), r.runId(), ordinal(served), threads));
        RunClaims.Heartbeat heartbeat = null;
        if (r.claimGeneration().isPresent()) {
            RunClaims claims = new RunClaims(store.root(), r.claimTimeout());
            RunClaims.Claim claim;
            try {
                claim = claims.adopt(r.runId(), r.claimGeneration().get(), r.claimToken());
            } catch (IllegalStateException e) {
                out.println("run " + r.runId() + ": " + e.getMessage() + "; not started");
                return SweepRunner.EXIT_CLAIM_LOST;
            }
            try {
                claim.setWorker(ProcessHandle.current().pid()); // the sweep records it too; whichever writes first
            } catch (RuntimeException e) {
                // the next heartbeat writes the claim again
            }
            heartbeat = claims.heartbeat(lost -> {
                out.println("run " + r.runId() + ": another process took the claim over; stopping at once");
                out.flush();
                Runtime.getRuntime().halt(SweepRunner.EXIT_CLAIM_LOST);
            });
            heartbeat.add(claim);
        }
        try {
            RunResult result = store.execute(spec, options, r.note());
            out.println("run " + r.runId() + ": " + result.status().label() + result.cause().map(c -> " (" + c + ")").orElse(""));
            return result.status() == RunStatus.COMPLETED ? 0 : NOT_COMPLETED;
        } finally {
            if (heartbeat != null) {
                heartbeat.close();
            }
        }
    }
}
