package io.salr.harness.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code salr} in a JVM of its own, as a user's shell would start it, for the tests that need processes:
 * several sweeps on one store, signals, kills. Output goes to a log file next to the store.
 */
final class ForkedSalr {

    private static final ObjectMapper JSON = new ObjectMapper();

    final Process process;
    final Path log;

    private ForkedSalr(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts {@code salr ARGS} with a small heap and one OpenMP thread. */
    static ForkedSalr start(Path log, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m", "-Dorg.bytedeco.javacpp.maxbytes=1g", "-Dorg.bytedeco.javacpp.maxphysicalbytes=2g",
                "-Djava.awt.headless=true", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", System.getProperty("java.class.path"), "io.salr.harness.cli.SalrCommand"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("OMP_NUM_THREADS", "1");
        pb.environment().put("OMP_WAIT_POLICY", "PASSIVE");
        return new ForkedSalr(pb.start(), log);
    }

    long pid() {
        return process.pid();
    }

    /** Waits for the exit code (fails the test after {@code seconds}). */
    int waitFor(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError("salr did not end within " + seconds + " s; its output:\n" + output());
        }
        return process.exitValue();
    }

    String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    /** Sends a signal by name (STOP, CONT, TERM, KILL) to one process. */
    static void signal(long pid, String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid)).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new AssertionError("kill -" + name + " " + pid + " failed");
        }
    }

    /** Kills this process and everything it started. */
    void killTree() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** The "N completed now" of a sweep's closing line. */
    int completedNow() {
        Matcher m = Pattern.compile("already complete, (\\d+) completed now").matcher(output());
        if (!m.find()) {
            throw new AssertionError("no closing line in:\n" + output());
        }
        return Integer.parseInt(m.group(1));
    }

    /** The runs claimed now by process {@code pid} in {@code store}. */
    static List<String> claimedBy(Path store, long pid) throws IOException {
        Path dir = store.resolve("claims");
        List<String> runs = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return runs;
        }
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".json")).toList()) {
                readClaim(f).filter(m -> m.get("pid") instanceof Number n && n.longValue() == pid)
                        .ifPresent(m -> runs.add(String.valueOf(m.get("run"))));
            }
        }
        return runs;
    }

    /** The claim files left in a store. */
    static List<String> claimFiles(Path store) throws IOException {
        Path dir = store.resolve("claims");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @SuppressWarnings("unchecked")
    private static Optional<Map<String, Object>> readClaim(Path f) {
        try {
            return Optional.of(JSON.readValue(f.toFile(), Map.class));
        } catch (IOException e) {
            return Optional.empty(); // being rewritten or removed
        }
    }
}
