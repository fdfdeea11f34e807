package io.salr.harness.run;

import io.salr.datasets.real.FileDigest;
import io.salr.datasets.real.LoadedDataset;
import io.salr.validation.InvalidParameterException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The checksums of the data a run trains on, and the check that a resumed run still has the same data. A run
 * resumed from its checkpoint with other files (a modified copy in another {@code --data-dir}) would continue
 * on data it did not start with while its provenance still named the original files; it is refused instead,
 * naming the file and both checksums, before anything is written.
 */
final class DataChecksums {

    private DataChecksums() {
    }

    /** File name to SHA-256 of every file {@code data} was read from. */
    static Map<String, String> of(LoadedDataset data) {
        Map<String, String> checksums = new LinkedHashMap<>();
        for (FileDigest d : data.info().files()) {
            checksums.put(d.fileName(), d.sha256());
        }
        return checksums;
    }

    /**
     * The checksums a resumed run started with: those its checkpoint records, or for a checkpoint written before
     * checkpoints recorded them, those of the run's {@code provenance.json} (empty when neither has them).
     */
    static Map<String, String> recorded(Checkpoint c, RunFolder folder) {
        if (!c.dataChecksums().isEmpty() || !Files.isRegularFile(folder.provenance())) {
            return c.dataChecksums();
        }
        Object stored = RunFolder.readJson(folder.provenance()).get("dataChecksums");
        Map<String, String> checksums = new LinkedHashMap<>();
        if (stored instanceof Map<?, ?> m) {
            m.forEach((k, v) -> checksums.put(String.valueOf(k), String.valueOf(v)));
        }
        return checksums;
    }

    /**
     * Refuses to resume when a file the run trained on is missing from the data now read or has another
     * checksum.
     *
     * @param runDir the run's folder, whose checkpoint recorded {@code recorded} (named in the message)
     * @param recorded the checksums the run started with
     * @param now the checksums of the data read for this resume
     * @param dataDir where the data was read from now (named in the message), if the user gave it
     * @throws InvalidParameterException naming the file and both checksums
     */
    static void requireSame(Path runDir, Map<String, String> recorded, Map<String, String> now,
            java.util.Optional<Path> dataDir) {
        for (Map.Entry<String, String> e : recorded.entrySet()) {
            String current = now.get(e.getKey());
            if (!e.getValue().equals(current)) {
                String file = dataDir.map(d -> d.resolve(e.getKey()).toString()).orElse(e.getKey());
                throw new InvalidParameterException(file, current == null ? "no such file read now" : "SHA-256 " + current,
                        "must have the SHA-256 " + e.getValue() + " that the run in " + runDir + " trained on (its"
                        + " checkpoint records it) to resume it: give the original data (--data-dir) or start the run"
                        + " afresh in another directory");
            }
        }
    }
}
