package io.salr.harness.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.salr.optimizers.spec.Method;
import io.salr.optimizers.spec.MethodSpec;
import io.salr.validation.InvalidParameterException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a {@link RunSpec} back from the tree {@link RunSpec#toMap()} writes: the form of spec.json and of the
 * line a sweep sends to a worker JVM. The reader is strict: every key must be one the writer writes, and
 * {@link #read(Map)} checks that the spec it built writes the very map it was given, so a run read back
 * always has the id it was sent under.
 */
final class RunSpecCodec {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> KEYS = Set.of("study", "data", "model", "method", "method_params", "engine",
            "device", "seed", "batch_size", "budget", "evaluation", "outcome", "threads", "init_from", "save_weights");

    private RunSpecCodec() {
    }

    static RunSpec read(String json) {
        Map<String, Object> m;
        try {
            m = JSON.readValue(json, new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() {
            });
        } catch (JsonProcessingException e) {
            throw new InvalidParameterException("spec", abbreviate(json), "is not JSON (" + e.getOriginalMessage() + ")");
        }
        return read(m);
    }

    static RunSpec read(Map<String, ?> m) {
        for (String k : m.keySet()) {
            if (!KEYS.contains(k)) {
                throw new InvalidParameterException("spec." + k, m.get(k), "is not a field of a run spec");
            }
        }
        Map<String, ?> data = map(m, "data");
        DataSpec dataSpec = new DataSpec(text(data, "data.dataset"), integer(data, "data.train_subset"),
                DataSpec.SubsetMode.valueOf(text(data, "data.subset_mode").toUpperCase(Locale.ROOT)),
                integer(data, "data.test_subset"), data.containsKey("validation_examples") ? integer(data, "data.validation_examples") : 0,
                data.containsKey("validation_seed") ? number(data, "data.validation_seed").longValue() : 0,
                data.containsKey("classes") ? integers(data, "data.classes") : java.util.List.of());
        Map<String, ?> model = map(m, "model");
        ModelOptions modelOptions = new ModelOptions(text(model, "model.architecture"), real(model, "model.dropout"),
                bool(model, "model.batch_norm"), real(model, "model.width_multiplier"), integer(model, "model.hidden"));
        Method method = Method.parse("spec.method", text(m, "method"));
        MethodSpec methodSpec = MethodSpec.resolve(method, map(m, "method_params"));
        EngineChoice engine = EngineChoice.parse("spec.engine", m.get("engine"));
        ComputeDevice device = m.containsKey("device") ? ComputeDevice.parse("spec.device", m.get("device")) : ComputeDevice.CPU;
        Map<String, ?> budget = map(m, "budget");
        Budget b;
        if (budget.containsKey("epochs")) {
            b = Budget.epochs(integer(budget, "budget.epochs"));
        } else if (budget.containsKey("iterations")) {
            // the iteration form: a budget in the paper's currency turned into iterations, or a control's horizon
            long iterations = number(budget, "budget.iterations").longValue();
            long paperCalls = budget.containsKey("paper_calls") ? number(budget, "budget.paper_calls").longValue() : 0;
            b = budget.containsKey("horizon")
                    ? new Budget(0, 0, iterations, paperCalls, java.util.Optional.of(text(budget, "budget.horizon")))
                    : Budget.iterations(iterations, paperCalls);
        } else {
            b = Budget.gradientCalls(number(budget, "budget.gradient_calls").longValue());
        }
        Map<String, ?> ev = map(m, "evaluation");
        EvaluationSpec evaluation = new EvaluationSpec(integer(ev, "evaluation.sharpness_examples"), real(ev, "evaluation.gamma"),
                integer(ev, "evaluation.n1"), integer(ev, "evaluation.n2"), integer(ev, "evaluation.hessian_iterations"),
                ev.containsKey("epoch_train_examples") ? integer(ev, "evaluation.epoch_train_examples") : 0);
        Map<String, ?> oc = map(m, "outcome");
        OutcomeRule outcome = new OutcomeRule(integer(oc, "outcome.window"), real(oc, "outcome.blowup_factor"),
                real(oc, "outcome.relapse_factor"), integer(oc, "outcome.patience"));
        int threads = m.containsKey("threads") ? integer(m, "threads") : modelOptions.defaultThreads();
        RunWeights weights = new RunWeights(m.containsKey("init_from") ? java.util.Optional.of(text(m, "init_from"))
                : java.util.Optional.empty(), m.containsKey("save_weights") && bool(m, "save_weights"));
        RunSpec spec = new RunSpec(text(m, "study"), dataSpec, modelOptions, methodSpec, engine, device,
                number(m, "seed").longValue(), integer(m, "batch_size"), b, evaluation, outcome, threads, weights);
        // what was read must be what the spec writes: otherwise the run would run under another id
        String given = RunSpec.canonical(m);
        if (!given.equals(spec.canonicalJson())) {
            throw new InvalidParameterException("spec", abbreviate(given),
                    "does not read back to itself (read back as " + abbreviate(spec.canonicalJson()) + ")");
        }
        return spec;
    }

    private static Object get(Map<String, ?> m, String field) {
        String key = field.substring(field.lastIndexOf('.') + 1);
        Object v = m.get(key);
        if (v == null) {
            throw new InvalidParameterException("spec." + field, "(missing)", "is required");
        }
        return v;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> map(Map<String, ?> m, String field) {
        Object v = get(m, field);
        if (!(v instanceof Map)) {
            throw new InvalidParameterException("spec." + field, v, "must be an object");
        }
        return (Map<String, ?>) v;
    }

    private static String text(Map<String, ?> m, String field) {
        Object v = get(m, field);
        if (!(v instanceof String s)) {
            throw new InvalidParameterException("spec." + field, v, "must be text");
        }
        return s;
    }

    private static Number number(Map<String, ?> m, String field) {
        Object v = get(m, field);
        if (!(v instanceof Number n)) {
            throw new InvalidParameterException("spec." + field, v, "must be a number");
        }
        return n;
    }

    private static int integer(Map<String, ?> m, String field) {
        Number n = number(m, field);
        if (n.doubleValue() != Math.rint(n.doubleValue()) || Math.abs(n.doubleValue()) > Integer.MAX_VALUE) {
            throw new InvalidParameterException("spec." + field, n, "must be an integer");
        }
        return n.intValue();
    }

    private static java.util.List<Integer> integers(Map<String, ?> m, String field) {
        Object v = get(m, field);
        if (!(v instanceof java.util.List<?> list)) {
            throw new InvalidParameterException("spec." + field, v, "must be a list of integers");
        }
        java.util.List<Integer> out = new java.util.ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof Integer i)) {
                throw new InvalidParameterException("spec." + field, v, "must be a list of integers");
            }
            out.add(i);
        }
        return out;
    }

    private static double real(Map<String, ?> m, String field) {
        return number(m, field).doubleValue();
    }

    private static boolean bool(Map<String, ?> m, String field) {
        Object v = get(m, field);
        if (!(v instanceof Boolean b)) {
            throw new InvalidParameterException("spec." + field, v, "must be true or false");
        }
        return b;
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }
}
