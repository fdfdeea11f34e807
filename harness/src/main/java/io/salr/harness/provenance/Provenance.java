package io.salr.harness.provenance;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where and how a result was produced (STYLE rule 2): the code (git commit and whether the work tree
 * was dirty), the JVM, the operating system and processor, the training engine's description of itself (for
 * the DL4J engine ND4J's backend and version, for the torch engine LibTorch's), and the SHA-256 of every data
 * file read. Times are ISO-8601 instants in UTC. Nothing here is read from an engine's library directly, so a
 * run loads only the libraries of its own engine. Files written before the engine described itself also hold
 * {@code nd4jBackend} and {@code nd4jVersion} at the top level; readers of provenance.json take them from there
 * when the engine's description lacks them.
 *
 * @param gitCommit the commit of the project's work tree, or "unknown: " and why there is none (outside a git
 *     checkout, git missing or not startable; files written before the reason was recorded say only "unknown")
 * @param gitDirty whether the work tree had uncommitted changes (null when unknown)
 * @param javaVersion {@code java.version}
 * @param javaVendor {@code java.vendor}
 * @param os operating system name, version and architecture
 * @param cpu the processor model and the number of cores the JVM sees
 * @param device "CPU", or the engine and the device it names where that is not the CPU ({@link #withEngine})
 * @param dataChecksums file name to SHA-256 of every data file read
 * @param execution how the numeric libraries ran: the kernel pin ({@code kernels} pinned or native, and
 *     the variables of the pin as this JVM saw them) and the thread count
 * @param engine the training engine's own description ({@code Engine.describe()}: its name, device, library
 *     versions and thread settings); empty where no engine ran (a bench's record)
 * @param startedAt when the run started
 * @param finishedAt when the run finished (null while it runs)
 */
public record Provenance(String gitCommit, Boolean gitDirty, String javaVersion, String javaVendor, String os,
        String cpu, String device, Map<String, String> dataChecksums,
        Map<String, String> execution, Map<String, String> engine, String startedAt, String finishedAt) {

    public Provenance {
        dataChecksums = Map.copyOf(dataChecksums);
        execution = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(execution));
        engine = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(engine));
    }

    /** The same record with the finishing time set. */
    public Provenance finished(String instant) {
        return new Provenance(gitCommit, gitDirty, javaVersion, javaVendor, os, cpu, device,
                dataChecksums, execution, engine, startedAt, instant);
    }

    /**
     * The same record with the engine's description; an engine that names a device other than the CPU (the
     * torch engine on {@code cuda}) also sets {@code device}.
     */
    public Provenance withEngine(Map<String, String> description) {
        String where = description.getOrDefault("device", "cpu");
        String dev = where.equals("cpu") ? device : description.getOrDefault("engine", "engine") + " on " + where;
        return new Provenance(gitCommit, gitDirty, javaVersion, javaVendor, os, cpu, dev,
                dataChecksums, execution, description, startedAt, finishedAt);
    }

    /** The same record with data checksums added. */
    public Provenance withData(Map<String, String> checksums) {
        Map<String, String> all = new LinkedHashMap<>(dataChecksums);
        all.putAll(checksums);
        return new Provenance(gitCommit, gitDirty, javaVersion, javaVendor, os, cpu, device,
                all, execution, engine, startedAt, finishedAt);
    }
}
