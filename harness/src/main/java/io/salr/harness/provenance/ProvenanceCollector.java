package io.salr.harness.provenance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Reads the facts a {@link Provenance} records from the running JVM, the machine and git; what the engine
 * computes with is the engine's to say ({@link Provenance#withEngine}), so no engine library is loaded here.
 */
public final class ProvenanceCollector {

    private ProvenanceCollector() {
    }

    /**
     * Provenance of a run starting now, for code in the git work tree that holds {@code projectDir};
     * {@code execution} is how this process runs its kernels (the caller's description of its pins and threads).
     */
    public static Provenance collect(Path projectDir, Map<String, String> execution) {
        Git commit = git(projectDir, "rev-parse", "HEAD");
        Git status = commit.output() == null ? Git.failed("no commit") : git(projectDir, "status", "--porcelain", "--untracked-files=no");
        if (commit.output() == null) {
            // said where the run's own log shows it: a missing commit should never pass unnoticed
            System.err.println("warning: the run's provenance has no git commit: " + commit.failure());
        }
        return new Provenance(
                commit.output() == null ? "unknown: " + commit.failure() : commit.output(),
                status.output() == null ? null : !status.output().isBlank(),
                System.getProperty("java.version"),
                System.getProperty("java.vendor"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                cpuModel() + " (" + Runtime.getRuntime().availableProcessors() + " cores)",
                "CPU",
                Map.of(),
                execution,
                Map.of(),
                Instant.now().toString(),
                null);
    }

    /** The directory the running code came from: the project root when run from a build tree. */
    public static Path codeDirectory() {
        try {
            Path location = Path.of(ProvenanceCollector.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            // .../harness/target/salr.jar or .../harness/target/classes -> the project root
            Path p = location;
            while (p != null && !Files.exists(p.resolve(".git")) && !Files.exists(p.resolve("salr"))) {
                p = p.getParent();
            }
            return p == null ? Path.of("").toAbsolutePath() : p;
        } catch (Exception e) {
            return Path.of("").toAbsolutePath();
        }
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8)) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // not Linux: fall back to the architecture
        }
        return System.getProperty("os.arch");
    }

    /**
     * What git said: its output, or (output null) why there is none.
     *
     * @param output  git's standard output, trimmed; null when it failed
     * @param failure why it failed (git could not be started, ran too long, or exited non-zero with its message)
     */
    record Git(String output, String failure) {
        static Git failed(String why) {
            return new Git(null, why);
        }
    }

    /** Runs git in {@code dir}: its output, or why there is none (missing, failed, or over 10 seconds). */
    static Git git(Path dir, String... args) {
        List<String> cmd = new java.util.ArrayList<>(List.of("git", "-C", dir.toString()));
        cmd.addAll(List.of(args));
        return run(cmd);
    }

    /** Runs {@code cmd} (a git command line): its output, or why there is none. */
    static Git run(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Git.failed("git took more than 10 seconds");
            }
            if (p.exitValue() != 0) {
                String first = err.lines().findFirst().orElse("");
                return Git.failed("git exited with " + p.exitValue() + (first.isEmpty() ? "" : " (" + first + ")"));
            }
            return new Git(out, null);
        } catch (IOException e) {
            // e.g. "Cannot run program "git"" when git is missing, or "Failed to exec spawn helper" when the JDK
            // this JVM runs on was replaced under it
            return Git.failed("git could not be started: " + e.getMessage()
                    + (e.getCause() == null || e.getCause().getMessage() == null ? "" : " (" + e.getCause().getMessage() + ")"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Git.failed("interrupted while waiting for git");
        }
    }
}
