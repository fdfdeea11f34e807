package io.salr.harness.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.salr.optimizers.spec.MethodSpec;
import io.salr.validation.Checks;
import io.salr.validation.InvalidParameterException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Everything that determines a run's numbers (STYLE rule 1): the study it belongs to, the data, the
 * model, the method with all its hyperparameters resolved, the seed, the batch size, the budget and
 * the end-of-run measurements. Immutable and validated on construction. Its canonical JSON (keys
 * sorted, no whitespace) is hashed with SHA-256; the first 16 hex digits are the run's id.
 *
 * <p>Where the data lives on disk is not part of the spec (the same run on another machine is the same
 * run); the data's checksums go into the provenance instead.
 *
 * @param study a name grouping runs of one experiment (letters, digits, '.', '_', '-')
 * @param data which data, and which part of it
 * @param model the network
 * @param method the method with every hyperparameter resolved
 * @param engine the training engine
 * @param device where the torch engine computes ({@code cpu} for DL4J, whose device comes from the build);
 *     in the id only when it is not {@code cpu}, so ids from before the field existed are unchanged
 * @param seed the run seed; named streams (init, data order, probes, Langevin noise) are split from it
 * @param batchSize examples per step
 * @param budget epochs or gradient calls
 * @param evaluation what is measured at the end (final sharpness, top Hessian eigenvalue)
 * @param outcome when a finite run counts as diverged (see {@link OutcomeRule})
 * @param threads the intra-op threads the run computes with (torch's and OpenMP's pools): the thread count
 *     changes the order of floating-point sums, so it is part of what the run is; in the id only when it is
 *     not the model's default ({@link ModelOptions#defaultThreads()}), so ids from before the field existed
 *     are unchanged
 * @param weights where the run's weights start (a finished run's, or its seed's initialization) and whether it
 *     keeps its final ones ({@link RunWeights}); in the id only when it is not {@link RunWeights#NONE}
 *     ({@code init_from} and {@code save_weights}), so ids from before the field existed are unchanged
 */
public record RunSpec(String study, DataSpec data, ModelOptions model, MethodSpec method, EngineChoice engine,
        ComputeDevice device, long seed, int batchSize, Budget budget, EvaluationSpec evaluation, OutcomeRule outcome,
        int threads, RunWeights weights) {

    /** The most intra-op threads a run may ask for. */
    public static final int MAX_THREADS = 256;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    public RunSpec {
        Checks.present("study", study);
        if (!NAME.matcher(study).matches()) {
            throw new InvalidParameterException("study", study, "must be 1-64 letters, digits, '.', '_' or '-'");
        }
        Checks.present("data", data);
        Checks.present("model", model);
        Checks.present("method", method);
        Checks.present("engine", engine);
        Checks.present("device", device);
        engine.requireDevice("device", device);
        Checks.atLeast("batchSize", batchSize, 1);
        Checks.present("budget", budget);
        Checks.present("evaluation", evaluation);
        Checks.present("outcome", outcome);
        if (threads < 1 || threads > MAX_THREADS) {
            throw new InvalidParameterException("threads", threads, "must be between 1 and " + MAX_THREADS);
        }
        Checks.present("weights", weights);
    }

    /** A spec that starts from its seed and keeps no weights. */
    public RunSpec(String study, DataSpec data, ModelOptions model, MethodSpec method, EngineChoice engine,
            ComputeDevice device, long seed, int batchSize, Budget budget, EvaluationSpec evaluation, OutcomeRule outcome,
            int threads) {
        this(study, data, model, method, engine, device, seed, batchSize, budget, evaluation, outcome, threads, RunWeights.NONE);
    }

    /** A spec with the model's default thread count. */
    public RunSpec(String study, DataSpec data, ModelOptions model, MethodSpec method, EngineChoice engine,
            ComputeDevice device, long seed, int batchSize, Budget budget, EvaluationSpec evaluation, OutcomeRule outcome) {
        this(study, data, model, method, engine, device, seed, batchSize, budget, evaluation, outcome,
                model == null ? 1 : model.defaultThreads());
    }

    /** A spec on the CPU with the default outcome rule. */
    public RunSpec(String study, DataSpec data, ModelOptions model, MethodSpec method, EngineChoice engine, long seed,
            int batchSize, Budget budget, EvaluationSpec evaluation) {
        this(study, data, model, method, engine, ComputeDevice.CPU, seed, batchSize, budget, evaluation, OutcomeRule.DEFAULTS);
    }

    /** A spec on {@code device} with the default outcome rule. */
    public RunSpec(String study, DataSpec data, ModelOptions model, MethodSpec method, EngineChoice engine,
            ComputeDevice device, long seed, int batchSize, Budget budget, EvaluationSpec evaluation) {
        this(study, data, model, method, engine, device, seed, batchSize, budget, evaluation, OutcomeRule.DEFAULTS);
    }

    /** The spec as a tree of maps, lists and scalars, keys in a fixed order. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("study", study);
        m.put("data", data.describe());
        m.put("model", model.describe());
        m.put("method", method.method().cliName());
        m.put("method_params", new TreeMap<>(io.salr.harness.codec.ConfigTree.parameters(method)));
        m.put("engine", engine.label());
        if (!device.isCpu()) {
            // the default stays out of the id: every run recorded before the field existed keeps its id
            m.put("device", device.label());
        }
        m.put("seed", seed);
        m.put("batch_size", batchSize);
        m.put("budget", budget.describe());
        m.put("evaluation", evaluation.describe());
        m.put("outcome", outcome.describe());
        if (threads != model.defaultThreads()) {
            // the default stays out of the id, as the device's does
            m.put("threads", threads);
        }
        // both stay out of the id when absent, as the device's does
        weights.initFrom().ifPresent(id -> m.put("init_from", id));
        if (weights.save()) {
            m.put("save_weights", true);
        }
        return m;
    }

    /** The same run with another intra-op thread count (another run: its numbers may differ). */
    public RunSpec withThreads(int n) {
        return new RunSpec(study, data, model, method, engine, device, seed, batchSize, budget, evaluation, outcome, n, weights);
    }

    /** The same run with other weights settings (another run: another id). */
    public RunSpec withWeights(RunWeights w) {
        return new RunSpec(study, data, model, method, engine, device, seed, batchSize, budget, evaluation, outcome, threads, w);
    }

    /** The same run on other data (another run: another id). */
    public RunSpec withData(DataSpec d) {
        return new RunSpec(study, d, model, method, engine, device, seed, batchSize, budget, evaluation, outcome, threads, weights);
    }

    /**
     * Reads a spec back from its {@link #toMap()} form (spec.json, or the line a sweep sends a worker). The
     * result has the same canonical JSON and so the same id; a map this class did not write is refused with
     * the field and value that are wrong.
     */
    public static RunSpec fromMap(Map<String, ?> m) {
        return RunSpecCodec.read(m);
    }

    /** {@link #fromMap} of canonical JSON text. */
    public static RunSpec fromJson(String json) {
        return RunSpecCodec.read(json);
    }

    /** The method's command-line name ({@code sgd-salr}), for output. */
    public String methodName() {
        return method.method().cliName();
    }

    /** The canonical JSON text: keys sorted at every level, no whitespace. */
    public String canonicalJson() {
        return canonical(toMap());
    }

    /** The canonical JSON text of a spec tree. */
    static String canonical(Map<String, ?> tree) {
        try {
            return CANONICAL.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a run spec holds a value JSON cannot write: " + e.getMessage(), e);
        }
    }

    /** The content hash of the canonical JSON: the first 16 hex digits of its SHA-256. */
    public String id() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonicalJson().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks SHA-256", e);
        }
    }
}
