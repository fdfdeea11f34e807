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
        String commit = git(projectDir, "rev-parse", "HEAD");
        String status = commit == null ? null : git(projectDir, "status", "--porcelain", "--untracked-files=no");
        return new Provenance(
                commit == null ? "unknown" : commit,
                status == null ? null : !status.isBlank(),
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

    /** Runs git in {@code dir}; null when git is missing, fails or takes more than 10 seconds. */
    static String git(Path dir, String... args) {
        try {
            List<String> cmd = new java.util.ArrayList<>(List.of("git", "-C", dir.toString()));
            cmd.addAll(List.of(args));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                return null;
            }
            return out;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
