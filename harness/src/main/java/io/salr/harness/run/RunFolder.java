package io.salr.harness.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.salr.analysis.io.AtomicFiles;
import io.salr.validation.InvalidParameterException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The folder of one run and the files in it. Every file is written atomically; {@code result.json}
 * is written last, so its presence means the run is complete.
 *
 * <pre>
 *   spec.json        the run spec (canonical content; its hash is the run id)
 *   provenance.json  code, JVM, machine, backend, data checksums, start/end time
 *   epochs.csv       per-epoch metrics
 *   iterations.csv   per-iteration loss, learning rate and sharpness
 *   checkpoint.bin   the latest checkpoint (removed once the run is complete)
 *   result.json      the final result, with the gradient calls spent
 *   weights.bin      the final parameters, only for a run whose spec says save_weights ({@link FinalWeights})
 * </pre>
 *
 * <p>In a sweep's store ({@code io.salr.harness.sweep.Store}) a run folder also holds
 * <pre>
 *   attempts.log     one line per execution of the run (start or resume): time, host, process, Slurm task
 *   progress.json    the latest epoch, iteration, loss and gradient calls, rewritten while the run trains
 *   worker.log       what its worker JVM printed while it ran this run (a sweep copies it here)
 * </pre>
 */
public final class RunFolder {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, false);

    private final Path dir;

    public RunFolder(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    public Path spec() {
        return dir.resolve("spec.json");
    }

    public Path provenance() {
        return dir.resolve("provenance.json");
    }

    public Path epochs() {
        return dir.resolve("epochs.csv");
    }

    public Path iterations() {
        return dir.resolve("iterations.csv");
    }

    public Path checkpoint() {
        return dir.resolve("checkpoint.bin");
    }

    public Path result() {
        return dir.resolve("result.json");
    }

    /** The final parameters of a run that keeps them ({@link FinalWeights}). */
    public Path weights() {
        return dir.resolve("weights.bin");
    }

    /** One line per execution of the run in a store (see {@code Store#execute}). */
    public Path attempts() {
        return dir.resolve("attempts.log");
    }

    /** The training progress of a run in a store, for the sweep's progress display. */
    public Path progress() {
        return dir.resolve("progress.json");
    }

    /** True when the run in this folder has finished (completed, diverged or failed). */
    public boolean isComplete() {
        return Files.isRegularFile(result());
    }

    /**
     * Claims the folder for {@code spec}: writes spec.json when absent; when present it must hold the
     * same spec, otherwise the folder belongs to another run and nothing is touched.
     */
    public void claim(RunSpec spec) {
        if (Files.exists(spec())) {
            try {
                Map<?, ?> existing = JSON.readValue(spec().toFile(), Map.class);
                Object id = existing.get("id");
                if (!spec.id().equals(id)) {
                    throw new InvalidParameterException("out", dir,
                            "holds another run (id " + id + "; this run's id is " + spec.id() + "); choose another directory");
                }
            } catch (IOException e) {
                throw new InvalidParameterException("out", dir, "holds an unreadable spec.json (" + e.getMessage() + ")");
            }
            return;
        }
        Map<String, Object> content = new java.util.LinkedHashMap<>();
        content.put("id", spec.id());
        content.putAll(spec.toMap());
        writeJson(spec(), content);
    }

    /** The spec this folder's spec.json holds ({@link #readSpec(Path)}). */
    public RunSpec readSpec() {
        return readSpec(spec());
    }

    /**
     * The one reader of a run folder's spec.json: the file holds the run's id beside the spec's own fields; the spec
     * is read from those fields and must hash to that id. A file without an id, or whose spec hashes to another id, is
     * refused with the file and both ids: a run read under one id and run under another would mix two runs' numbers.
     */
    public static RunSpec readSpec(Path file) {
        Map<String, Object> fields = new java.util.LinkedHashMap<>(readJson(file));
        Object id = fields.remove("id");
        if (!(id instanceof String written)) {
            throw new InvalidParameterException("spec", file, "has no run id (id: " + id + ")");
        }
        RunSpec spec;
        try {
            spec = RunSpec.fromMap(fields);
        } catch (InvalidParameterException e) {
            throw new InvalidParameterException("spec", file, "holds a spec that cannot be read (" + e.getMessage() + ")");
        }
        if (!spec.id().equals(written)) {
            throw new InvalidParameterException(file + " id", written, "is not the id of the spec the file holds, which"
                    + " hashes to " + spec.id());
        }
        return spec;
    }

    /** Writes {@code value} as indented JSON, atomically. */
    public static void writeJson(Path file, Object value) {
        try {
            AtomicFiles.writeString(file, JSON.writeValueAsString(value) + "\n");
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write " + file + " as JSON", e);
        }
    }

    /** Reads a JSON object. */
    public static Map<String, Object> readJson(Path file) {
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = JSON.readValue(file.toFile(), Map.class);
            return m;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
