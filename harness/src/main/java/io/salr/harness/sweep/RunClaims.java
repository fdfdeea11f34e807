package io.salr.harness.sweep;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.salr.validation.InvalidParameterException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Per-run claims on a results store, so that any number of {@code salr sweep} processes and Slurm tasks on
 * one store (on one machine or on a shared filesystem) execute each run once.
 *
 * <p>A claim is a small JSON file {@code STORE/claims/RUN_ID.G.json}, where G is the claim's generation
 * (1, 2, ...). It is created with {@code O_CREAT | O_EXCL}, which the filesystem (NFS included) arbitrates:
 * of two processes that create the same file, exactly one succeeds. The holder records its host, the
 * machine's boot id, its process id and start time, the process id of the worker JVM running the run, when
 * it claimed the run, and a heartbeat time that it rewrites (temporary file and rename) every
 * {@code timeout / 6} while the run is alive. Both the sweep process and its worker JVM refresh the heartbeat,
 * so a run stays claimed while either of them is alive and not frozen.
 *
 * <p>A claim is <em>stale</em>, and may be taken over, when its heartbeat is older than the timeout (at least
 * three of the holder's heartbeat intervals, whatever the observer's own timeout), or at once when the holder
 * ran on this machine (same host name and boot id) and neither of its processes exists any more. A takeover
 * creates generation G + 1 (again exclusively, so of several processes that find the same stale claim only
 * one takes it over); a holder that finds a later generation, or its own file gone or rewritten, has lost the
 * claim and must stop. Heartbeats compare the writer's clock with the reader's: hosts sharing a store must
 * keep their clocks within a small part of the timeout (NTP does).
 *
 * <p>When a run ends, its holder deletes its claim and the earlier generations; a claim left by a process
 * that was killed is found stale by the next sweep, which takes it over and says so in the run's
 * {@code attempts.log}.
 */
public final class RunClaims {

    /** How long a claim's heartbeat may be silent before another process may take the run over. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern FILE = Pattern.compile("([0-9a-f]{16})\\.([0-9]{1,9})\\.json");

    /**
     * Who holds (or held) a claim.
     *
     * @param runId the run
     * @param generation the claim's generation (its file is {@code RUN_ID.GENERATION.json})
     * @param token a random token that identifies this claim among all claims of the run
     * @param host the host name of the claiming process
     * @param bootId the machine's boot id (Linux), or empty: with the host it tells "this machine, this boot"
     * @param pid the claiming process (the sweep)
     * @param pidStart when that process started, as the operating system says (tells a reused pid apart)
     * @param workerPid the worker JVM that runs the run, once there is one
     * @param claimed when the run was claimed
     * @param heartbeat the last heartbeat
     * @param interval how often the holder refreshes the heartbeat
     */
    public record Holder(String runId, int generation, String token, String host, String bootId, long pid,
            Optional<Instant> pidStart, OptionalLong workerPid, Instant claimed, Instant heartbeat, Duration interval) {

        public Holder {
            Objects.requireNonNull(runId, "runId");
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(bootId, "bootId");
            Objects.requireNonNull(pidStart, "pidStart");
            Objects.requireNonNull(workerPid, "workerPid");
            Objects.requireNonNull(claimed, "claimed");
            Objects.requireNonNull(heartbeat, "heartbeat");
            Objects.requireNonNull(interval, "interval");
        }

        /** {@code host=H pid=P[ worker=W]}. */
        public String describe() {
            return "host=" + host + " pid=" + pid + (workerPid.isPresent() ? " worker=" + workerPid.getAsLong() : "");
        }

        Holder withHeartbeat(Instant time) {
            return new Holder(runId, generation, token, host, bootId, pid, pidStart, workerPid, claimed, time, interval);
        }

        Holder withWorker(long worker) {
            return new Holder(runId, generation, token, host, bootId, pid, pidStart, OptionalLong.of(worker), claimed,
                    heartbeat, interval);
        }

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("run", runId);
            m.put("generation", generation);
            m.put("token", token);
            m.put("host", host);
            m.put("boot_id", bootId);
            m.put("pid", pid);
            pidStart.ifPresent(t -> m.put("pid_start", t.toString()));
            workerPid.ifPresent(w -> m.put("worker_pid", w));
            m.put("claimed", claimed.toString());
            m.put("heartbeat", heartbeat.toString());
            m.put("heartbeat_interval_ms", interval.toMillis());
            return m;
        }

        static Holder fromMap(Map<?, ?> m) {
            Object pidStart = m.get("pid_start");
            Object worker = m.get("worker_pid");
            return new Holder(String.valueOf(m.get("run")), ((Number) m.get("generation")).intValue(),
                    String.valueOf(m.get("token")), String.valueOf(m.get("host")), String.valueOf(m.get("boot_id")),
                    ((Number) m.get("pid")).longValue(),
                    pidStart == null ? Optional.empty() : Optional.of(Instant.parse(String.valueOf(pidStart))),
                    worker instanceof Number n ? OptionalLong.of(n.longValue()) : OptionalLong.empty(),
                    Instant.parse(String.valueOf(m.get("claimed"))), Instant.parse(String.valueOf(m.get("heartbeat"))),
                    Duration.ofMillis(((Number) m.get("heartbeat_interval_ms")).longValue()));
        }
    }

    /**
     * A stale claim that was taken over.
     *
     * @param previous who held it, when its file could be read
     * @param reason why it was stale
     */
    public record Takeover(Optional<Holder> previous, String reason) {
        /** For attempts.log: {@code takeover=(host=H pid=P: heartbeat 93 s old)}. */
        public String describe() {
            return "takeover=(" + previous.map(Holder::describe).orElse("unreadable claim") + ": " + reason + ")";
        }
    }

    /** The outcome of {@link #tryAcquire}. */
    public sealed interface Attempt permits Acquired, Held {
    }

    /** This process now holds the run; {@code takeover} says whose stale claim it replaced. */
    public record Acquired(Claim claim, Optional<Takeover> takeover) implements Attempt {
    }

    /** Another live process holds the run. */
    public record Held(Holder holder) implements Attempt {
    }

    /** The process that makes claims: what a claim records about it. */
    record Identity(String host, String bootId, long pid, Optional<Instant> pidStart) {

        static Identity current() {
            ProcessHandle self = ProcessHandle.current();
            return new Identity(RunClaims.hostName(), RunClaims.bootId(), self.pid(), self.info().startInstant());
        }
    }

    private final Path dir;
    private final Duration timeout;
    private final Clock clock;
    private final Identity self;

    /** The claims of the store at {@code storeRoot}, with the given timeout. */
    public RunClaims(Path storeRoot, Duration timeout) {
        this(storeRoot.resolve("claims"), timeout, Clock.systemUTC(), Identity.current());
    }

    RunClaims(Path dir, Duration timeout, Clock clock, Identity self) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new InvalidParameterException("claim-timeout", timeout.toMillis() / 1000.0, "must be > 0 seconds");
        }
        this.dir = dir;
        this.timeout = timeout;
        this.clock = clock;
        this.self = self;
    }

    /** The folder holding the claim files. */
    public Path dir() {
        return dir;
    }

    public Duration timeout() {
        return timeout;
    }

    /** How often holders refresh their heartbeat: a sixth of the timeout, at least 50 ms. */
    public Duration interval() {
        return Duration.ofMillis(Math.max(50, timeout.toMillis() / 6));
    }

    /**
     * Claims {@code runId} for this process, taking over a stale claim: {@link Acquired} with the claim, or
     * {@link Held} when another live process holds it.
     */
    public Attempt tryAcquire(String runId) {
        createDir();
        for (int tries = 0; tries < 20; tries++) {
            int generation = currentGeneration(runId);
            Optional<Takeover> takeover = Optional.empty();
            if (generation > 0) {
                Optional<Holder> holder = read(runId, generation);
                Optional<String> stale = staleness(runId, generation, holder);
                if (stale.isEmpty()) {
                    if (holder.isPresent()) {
                        return new Held(holder.get());
                    }
                    // a claim being written (or unreadable but recent): held
                    return new Held(new Holder(runId, generation, "?", "?", "", -1, Optional.empty(), OptionalLong.empty(),
                            clock.instant(), clock.instant(), interval()));
                }
                takeover = Optional.of(new Takeover(holder, stale.get()));
            }
            Instant now = clock.instant();
            Holder mine = new Holder(runId, generation + 1, UUID.randomUUID().toString(), self.host(), self.bootId(),
                    self.pid(), self.pidStart(), OptionalLong.empty(), now, now, interval());
            try {
                Files.write(file(runId, generation + 1), bytes(mine), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                return new Acquired(new Claim(mine), takeover);
            } catch (FileAlreadyExistsException e) {
                // another process created this generation first: look again
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the claim " + file(runId, generation + 1) + ": " + e.getMessage(), e);
            }
        }
        throw new IllegalStateException("could not claim run " + runId + " after 20 tries (claims keep changing in " + dir + ")");
    }

    /** The current claim of {@code runId}, live or stale, when there is one and it can be read. */
    public Optional<Holder> holder(String runId) {
        int generation = currentGeneration(runId);
        return generation == 0 ? Optional.empty() : read(runId, generation);
    }

    /** True when {@code runId} has a claim that is not stale. */
    public boolean isHeld(String runId) {
        int generation = currentGeneration(runId);
        return generation > 0 && staleness(runId, generation, read(runId, generation)).isEmpty();
    }

    /**
     * The claim {@code generation} of {@code runId} with {@code token}, made by another process (the sweep that
     * started this worker), for this process to refresh too.
     *
     * @throws IllegalStateException when that claim is no longer the current one (lost)
     */
    public Claim adopt(String runId, int generation, String token) {
        Optional<Holder> h = read(runId, generation);
        if (h.isEmpty() || !h.get().token().equals(token) || Files.exists(file(runId, generation + 1))) {
            throw new IllegalStateException("the claim on run " + runId + " (generation " + generation
                    + ") is no longer held by the sweep that started this worker");
        }
        return new Claim(h.get());
    }

    /**
     * Why the claim {@code generation} of {@code runId} is stale, or empty when it is live.
     */
    Optional<String> staleness(String runId, int generation, Optional<Holder> holder) {
        Instant now = clock.instant();
        if (holder.isEmpty()) {
            // being written, or damaged: judge by the file's time
            try {
                Instant modified = Files.getLastModifiedTime(file(runId, generation)).toInstant();
                long age = Duration.between(modified, now).toMillis();
                return age > timeout.toMillis()
                        ? Optional.of(String.format(Locale.ROOT, "unreadable claim untouched for %.1f s", age / 1000.0))
                        : Optional.empty();
            } catch (NoSuchFileException e) {
                return Optional.of("claim file gone");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file(runId, generation), e);
            }
        }
        Holder h = holder.get();
        if (h.host().equals(self.host()) && h.bootId().equals(self.bootId()) && !h.bootId().isEmpty()
                && !alive(h.pid(), h.pidStart()) && (h.workerPid().isEmpty() || !alive(h.workerPid().getAsLong(), Optional.empty()))) {
            return Optional.of("its processes on this machine are gone");
        }
        long age = Duration.between(h.heartbeat(), now).toMillis();
        long limit = Math.max(timeout.toMillis(), 3 * h.interval().toMillis());
        if (age > limit) {
            return Optional.of(String.format(Locale.ROOT, "heartbeat %.1f s old, timeout %.1f s", age / 1000.0, limit / 1000.0));
        }
        return Optional.empty();
    }

    private static boolean alive(long pid, Optional<Instant> start) {
        Optional<ProcessHandle> p = ProcessHandle.of(pid);
        if (p.isEmpty() || !p.get().isAlive()) {
            return false;
        }
        if (start.isEmpty()) {
            return true;
        }
        Optional<Instant> actual = p.get().info().startInstant();
        return actual.isEmpty() || Math.abs(Duration.between(actual.get(), start.get()).toMillis()) < 1000;
    }

    /** The highest generation of a claim file of {@code runId}, 0 when there is none. */
    int currentGeneration(String runId) {
        int max = 0;
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, runId + ".*.json")) {
                for (Path p : files) {
                    Matcher m = FILE.matcher(p.getFileName().toString());
                    if (m.matches() && m.group(1).equals(runId)) {
                        max = Math.max(max, Integer.parseInt(m.group(2)));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + dir, e);
            }
        }
        // a directory listing may lag behind on a network filesystem; a direct lookup does not
        while (Files.exists(file(runId, max + 1))) {
            max++;
        }
        return max;
    }

    private Optional<Holder> read(String runId, int generation) {
        try {
            byte[] b = Files.readAllBytes(file(runId, generation));
            Holder h = Holder.fromMap(JSON.readValue(b, Map.class));
            return h.runId().equals(runId) && h.generation() == generation ? Optional.of(h) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // absent, being written, or damaged
        }
    }

    Path file(String runId, int generation) {
        return dir.resolve(runId + "." + generation + ".json");
    }

    private void createDir() {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
        }
    }

    private static byte[] bytes(Holder h) {
        try {
            return (JSON.writeValueAsString(h.toMap()) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts a daemon thread that refreshes the heartbeat of every claim {@link Heartbeat#add added} to it,
     * every {@link #interval()}; a claim found lost is dropped and passed to {@code onLost}.
     */
    public Heartbeat heartbeat(Consumer<Claim> onLost) {
        return new Heartbeat(onLost);
    }

    /** Refreshes a set of claims in the background. */
    public final class Heartbeat implements AutoCloseable {
        private final Set<Claim> claims = ConcurrentHashMap.newKeySet();
        private final ScheduledExecutorService timer;
        private final Consumer<Claim> onLost;

        private Heartbeat(Consumer<Claim> onLost) {
            this.onLost = onLost;
            this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "claim-heartbeat");
                t.setDaemon(true);
                return t;
            });
            long every = interval().toMillis();
            timer.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.MILLISECONDS);
        }

        public void add(Claim c) {
            claims.add(c);
        }

        public void remove(Claim c) {
            claims.remove(c);
        }

        /** The claims refreshed now. */
        public List<Claim> claims() {
            return new ArrayList<>(claims);
        }

        private void beat() {
            for (Claim c : claims) {
                boolean kept;
                try {
                    kept = c.refresh();
                } catch (RuntimeException e) {
                    continue; // a failed write is retried at the next beat; the timeout leaves room for several
                }
                if (!kept && claims.remove(c)) {
                    try {
                        onLost.accept(c);
                    } catch (RuntimeException ignored) {
                        // the callback only stops a worker; nothing to do if it cannot
                    }
                }
            }
        }

        @Override
        public void close() {
            timer.shutdownNow();
        }
    }

    /** A claim this process holds (or adopted). */
    public final class Claim {
        private Holder holder;
        private volatile boolean released;

        private Claim(Holder holder) {
            this.holder = holder;
        }

        public synchronized Holder holder() {
            return holder;
        }

        public String runId() {
            return holder().runId();
        }

        /** Records the worker JVM that runs the run (so that a sweep on this machine knows it is alive). */
        public synchronized void setWorker(long pid) {
            holder = holder.withWorker(pid);
            refresh();
        }

        /**
         * True when another process took this claim over (a later generation exists, or the file holds another
         * token), or its file is gone. A file that exists but cannot be read right now (a network filesystem's
         * hiccup) does not count as lost: the next heartbeat looks again.
         */
        public synchronized boolean lost() {
            Path mine = file(holder.runId(), holder.generation());
            if (Files.exists(file(holder.runId(), holder.generation() + 1)) || !Files.exists(mine)) {
                return true;
            }
            Optional<Holder> now = read(holder.runId(), holder.generation());
            return now.isPresent() && !now.get().token().equals(holder.token());
        }

        /** Rewrites the heartbeat; false (nothing written) when the claim is lost or released. */
        public synchronized boolean refresh() {
            if (released || lost()) {
                return false;
            }
            holder = holder.withHeartbeat(clock.instant());
            Path target = file(holder.runId(), holder.generation());
            Path tmp = dir.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
            try {
                Files.write(tmp, bytes(holder), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                try {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (IOException e) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a hidden temporary file; harmless
                }
                throw new UncheckedIOException("cannot refresh " + target + ": " + e.getMessage(), e);
            }
            return true;
        }

        /** Deletes this claim and the earlier generations of the run (when this claim is still the current one). */
        public synchronized void release() {
            if (released) {
                return;
            }
            released = true;
            if (lost()) {
                return;
            }
            try {
                for (int g = 1; g < holder.generation(); g++) {
                    Files.deleteIfExists(file(holder.runId(), g));
                }
                Files.deleteIfExists(file(holder.runId(), holder.generation()));
            } catch (IOException e) {
                // a claim left behind is found stale (its processes gone) by the next sweep
            }
        }

        @Override
        public String toString() {
            return "claim " + holder().runId() + "." + holder().generation();
        }
    }

    /** This machine's host name. */
    static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            String env = System.getenv("HOSTNAME");
            return env == null || env.isBlank() ? "unknown" : env;
        }
    }

    /** The Linux boot id, empty elsewhere (then the dead-process shortcut is not used). */
    static String bootId() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/random/boot_id"), StandardCharsets.UTF_8).trim();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
