package io.salr.harness.run;

import io.salr.optimizers.engine.ParameterBlock;
import io.salr.optimizers.engine.TrainableModel;
import io.salr.validation.InvalidParameterException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts a run from a finished run's weights (fine-tuning, Section VI's Table VI): finds the source run's
 * folder, checks that it completed and kept its weights ({@link FinalWeights}), that its network is this run's
 * up to the output layer, and copies every parameter array but the output layer's into the freshly initialized
 * model. The output layer keeps the initialization of this run's own seed (a new label set needs a new head);
 * BatchNorm's running statistics, which lie in the flat vector, are copied with the weights.
 *
 * <p>The output layer is the last layer of the layout (the blocks that share the last block's layer name): the
 * dense softmax layer of every architecture of the zoo.
 */
public final class InitFrom {

    /**
     * The source of a run's weights as its provenance records it.
     *
     * @param runId the source run's id
     * @param folder its folder, as found
     * @param weightsSha256 the SHA-256 of its weights.bin (the file whose numbers this run starts from)
     * @param resultSha256 the SHA-256 of its result.json
     * @param weights the weights
     * @param copied the parameter entries copied from the source
     * @param fresh the entries of the output layer, initialized from this run's seed
     */
    record Source(String runId, Path folder, String weightsSha256, String resultSha256, FinalWeights weights,
            long copied, long fresh) {

        Map<String, Object> describe() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("run", runId);
            m.put("folder", folder.toAbsolutePath().normalize().toString());
            m.put("weights_file", "weights.bin");
            m.put("weights_sha256", weightsSha256);
            m.put("result_sha256", resultSha256);
            m.put("copied_parameters", copied);
            m.put("fresh_output_parameters", fresh);
            return m;
        }
    }

    private InitFrom() {
    }

    /**
     * The folder of run {@code id} among {@code sources}: each source is a run folder (whose spec.json names the
     * id), or a folder holding run folders by id ({@code SOURCE/ID}), or a store ({@code SOURCE/runs/ID}).
     */
    static Path locate(String id, List<Path> sources) {
        for (Path s : sources) {
            if (Files.isRegularFile(s.resolve("spec.json")) && id.equals(RunFolder.readJson(s.resolve("spec.json")).get("id"))) {
                return s;
            }
            for (Path candidate : List.of(s.resolve(id), s.resolve("runs").resolve(id))) {
                if (Files.isDirectory(candidate)) {
                    return candidate;
                }
            }
        }
        throw new InvalidParameterException("init_from", id, "names no run folder found in " + (sources.isEmpty()
                ? "(no source folders: give the source run's folder, e.g. train --init-from RUN_DIR)" : sources));
    }

    /**
     * The id of the run in {@code folder}, refusing (naming {@code init_from} and the folder) a folder that is
     * missing or holds no run.
     */
    public static String idOf(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new InvalidParameterException("init_from", folder, "is not a folder");
        }
        Path spec = folder.resolve("spec.json");
        if (!Files.isRegularFile(spec)) {
            throw new InvalidParameterException("init_from", folder, "holds no run (no spec.json)");
        }
        Object id = RunFolder.readJson(spec).get("id");
        if (!(id instanceof String s)) {
            throw new InvalidParameterException("init_from", folder, "has a spec.json without a run id");
        }
        return s;
    }

    /**
     * Reads and checks the source run {@code id} found among {@code sources} for a run of {@code spec}: it completed,
     * kept its weights, and its network is {@code spec}'s in architecture.
     */
    static Source read(String id, List<Path> sources, RunSpec spec) {
        Path folder = locate(id, sources);
        String found = idOf(folder);
        if (!found.equals(id)) {
            throw new InvalidParameterException("init_from", folder, "holds run " + found + ", not " + id);
        }
        RunFolder f = new RunFolder(folder);
        if (!f.isComplete()) {
            throw new InvalidParameterException("init_from", folder, "is run " + id + ", which has not finished (no result.json)");
        }
        RunResult result = RunResult.fromMap(RunFolder.readJson(f.result()));
        if (result.status() != RunStatus.COMPLETED) {
            throw new InvalidParameterException("init_from", folder, "is run " + id + ", which did not complete (status "
                    + result.status().label() + result.cause().map(c -> ": " + c).orElse("") + ")");
        }
        String arch = f.readSpec().model().architecture();
        if (!spec.model().architecture().equals(arch)) {
            throw new InvalidParameterException("init_from", folder, "is run " + id + " of model " + arch
                    + ", and this run's model is " + spec.model().architecture() + " (only the output layer may differ)");
        }
        if (!Files.isRegularFile(f.weights())) {
            throw new InvalidParameterException("init_from", folder, "is run " + id + ", which kept no weights (no "
                    + f.weights().getFileName() + "); rerun it with save_weights: true (train --save-weights)");
        }
        FinalWeights w = FinalWeights.read(f.weights());
        if (!w.runId().equals(id)) {
            throw new InvalidParameterException("init_from", f.weights(), "holds the weights of run " + w.runId() + ", not " + id);
        }
        return new Source(id, folder, FinalWeights.sha256Hex(f.weights()), FinalWeights.sha256Hex(f.result()), w, 0, 0);
    }

    /**
     * Copies every parameter array of {@code source} but the output layer's into {@code model}, whose output
     * layer keeps its fresh initialization; returns the source with the counts.
     *
     * @throws InvalidParameterException naming {@code init_from} when the layouts differ anywhere but the
     *     output layer
     */
    static Source apply(Source source, TrainableModel model) {
        List<ParameterBlock> mine = model.layout();
        List<ParameterBlock> theirs = source.weights().layout();
        int myHead = headStart(mine);
        int theirHead = headStart(theirs);
        List<String> diff = new ArrayList<>();
        if (myHead != theirHead) {
            diff.add("it has " + theirHead + " parameter arrays before its output layer, this run " + myHead);
        }
        for (int i = 0; i < Math.min(myHead, theirHead) && diff.isEmpty(); i++) {
            ParameterBlock a = mine.get(i);
            ParameterBlock b = theirs.get(i);
            if (!a.key().equals(b.key()) || a.length() != b.length() || a.trainable() != b.trainable() || a.offset() != b.offset()) {
                diff.add("its array " + i + " is " + b.layer() + "/" + b.key() + " of " + b.length() + " entries, this run's "
                        + a.layer() + "/" + a.key() + " of " + a.length());
            }
        }
        if (!diff.isEmpty()) {
            throw new InvalidParameterException("init_from", source.runId(), "has another network than this run ("
                    + diff.get(0) + "); only the output layer may differ");
        }
        double[] values = model.params().toDoubleArray();
        double[] from = source.weights().params();
        long copied = myHead == 0 ? 0 : mine.get(myHead - 1).offset() + mine.get(myHead - 1).length();
        System.arraycopy(from, 0, values, 0, (int) copied);
        model.setParams(model.zeros().like(values));
        return new Source(source.runId(), source.folder(), source.weightsSha256(), source.resultSha256(), source.weights(),
                copied, values.length - copied);
    }

    /** The index of the first block of the output layer (the trailing blocks of the last layer's name). */
    static int headStart(List<ParameterBlock> layout) {
        if (layout.isEmpty()) {
            return 0;
        }
        String last = layout.get(layout.size() - 1).layer();
        int i = layout.size();
        while (i > 0 && layout.get(i - 1).layer().equals(last)) {
            i--;
        }
        return i;
    }
}
