package io.salr.harness.provenance;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where and how a result was produced (STYLE rule 2): the code (git commit and whether the work tree
 * was dirty), the JVM, the operating system and processor, the ND4J backend and its version, and the
 * SHA-256 of every data file read. Times are ISO-8601 instants in UTC.
 *
 * @param gitCommit the commit of the project's work tree, or "unknown" outside a git checkout
 * @param gitDirty whether the work tree had uncommitted changes (null when unknown)
 * @param javaVersion {@code java.version}
 * @param javaVendor {@code java.vendor}
 * @param os operating system name, version and architecture
 * @param cpu the processor model and the number of cores the JVM sees
 * @param device "CPU" or the GPU name the backend reports
 * @param nd4jBackend the ND4J backend class
 * @param nd4jVersion the ND4J version
 * @param dataChecksums file name to SHA-256 of every data file read
 * @param execution how the numeric libraries ran: the kernel pin ({@code kernels} pinned or native, and
 *     the variables of the pin as this JVM saw them) and the thread count
 * @param startedAt when the run started
 * @param finishedAt when the run finished (null while it runs)
 */
public record Provenance(String gitCommit, Boolean gitDirty, String javaVersion, String javaVendor, String os,
        String cpu, String device, String nd4jBackend, String nd4jVersion, Map<String, String> dataChecksums,
        Map<String, String> execution, String startedAt, String finishedAt) {

    public Provenance {
        dataChecksums = Map.copyOf(dataChecksums);
        execution = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(execution));
    }

    /** The same record with the finishing time set. */
    public Provenance finished(String instant) {
        return new Provenance(gitCommit, gitDirty, javaVersion, javaVendor, os, cpu, device, nd4jBackend, nd4jVersion,
                dataChecksums, execution, startedAt, instant);
    }

    /** The same record with data checksums added. */
    public Provenance withData(Map<String, String> checksums) {
        Map<String, String> all = new LinkedHashMap<>(dataChecksums);
        all.putAll(checksums);
        return new Provenance(gitCommit, gitDirty, javaVersion, javaVendor, os, cpu, device, nd4jBackend, nd4jVersion,
                all, execution, startedAt, finishedAt);
    }
}
