package io.salr.harness.run;

import io.salr.analysis.metric.Metric;
import io.salr.optimizers.meter.MeterReading;
import io.salr.validation.Checks;
import io.salr.validation.InvalidParameterException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * What a run produced (STYLE rule 14): its status, the cause and kind of a failure, where it diverged or
 * collapsed with the evidence, its final metrics by name and what it spent. Written as the run folder's
 * {@code result.json} by {@link #toMap()} and read back by {@link #fromMap}; the stack trace of a failure
 * goes to the folder's {@code failure.txt}.
 *
 * @param id the run id
 * @param status how it ended
 * @param cause for a run that did not complete: what happened, in one line
 * @param failure for a failed run: whether a rerun may resume it ({@link FailureKind})
 * @param atIteration the iteration where it diverged, when it did
 * @param metrics the final metrics (test accuracy, final sharpness, gradient calls, ...); never the 0/1 outcome
 *     flags ({@link Metric.Kind#OUTCOME}), which the status is
 * @param spent what the run's training and final measurements counted on its meter (result.json's {@code spent});
 *     empty for a run that failed before it trained
 * @param evaluationPasses what the end-of-epoch evaluations counted on their own meter ({@code evaluation_passes})
 * @param details what else the run records (method description, budget, divergence evidence), as plain maps and
 *     lists
 */
public record RunResult(String id, RunStatus status, Optional<String> cause, Optional<FailureKind> failure,
        OptionalLong atIteration, Map<Metric, Double> metrics, Optional<MeterReading> spent,
        Optional<MeterReading> evaluationPasses, Map<String, Object> details) {

    /**
     * The names of a meter reading's counts in result.json: snake case, as every other key. Results written before
     * used the record's component names ({@code gradientCalls}); {@link #fromMap} reads both.
     */
    private static final String[][] COUNT_KEYS = {{"gradient_calls", "gradientCalls"},
            {"gradient_examples", "gradientExamples"}, {"forward_calls", "forwardCalls"},
            {"forward_examples", "forwardExamples"}};

    /** Why a run failed, which decides what a rerun does. */
    public enum FailureKind {
        /**
         * The machine failed the run (I/O error, disk full, out of memory, a killed or crashed worker): a plain
         * rerun resumes it from its last good checkpoint.
         */
        INFRASTRUCTURE,
        /** The run itself failed (an exception in the method or the setup): only {@code --retry-failed} reruns it. */
        DETERMINISTIC;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public RunResult {
        Checks.present("id", id);
        Checks.present("status", status);
        Checks.present("cause", cause);
        Checks.present("failure", failure);
        Checks.present("atIteration", atIteration);
        Checks.present("spent", spent);
        Checks.present("evaluationPasses", evaluationPasses);
        for (Metric m : metrics.keySet()) {
            if (m.kind() == Metric.Kind.OUTCOME) {
                throw new InvalidParameterException("metrics." + m.id(), metrics.get(m),
                        "is an outcome flag: a result records its status (" + status.label() + ") instead");
            }
        }
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
        if (status == RunStatus.FAILED && failure.isEmpty()) {
            throw new IllegalArgumentException("a failed run needs its failure kind");
        }
    }

    /** A result without meter readings. */
    public RunResult(String id, RunStatus status, Optional<String> cause, Optional<FailureKind> failure,
            OptionalLong atIteration, Map<Metric, Double> metrics, Map<String, Object> details) {
        this(id, status, cause, failure, atIteration, metrics, Optional.empty(), Optional.empty(), details);
    }

    /** A failed run with its cause. */
    public static RunResult failed(String id, String cause, FailureKind kind, Map<String, Object> details) {
        return new RunResult(id, RunStatus.FAILED, Optional.of(cause), Optional.of(kind), OptionalLong.empty(),
                Map.of(), details);
    }

    /** A metric, when the run has it. */
    public Optional<Double> metric(Metric metric) {
        return Optional.ofNullable(metrics.get(metric));
    }

    /** True when a plain rerun should run it again (an infrastructure failure). */
    public boolean resumable() {
        return status == RunStatus.FAILED && failure.orElse(FailureKind.DETERMINISTIC) == FailureKind.INFRASTRUCTURE;
    }

    /** The JSON form: id, status, cause, failure, at_iteration, the details, spent, evaluation_passes, the metrics. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("status", status.label());
        cause.ifPresent(c -> m.put("cause", c));
        failure.ifPresent(f -> m.put("failure", f.label()));
        atIteration.ifPresent(k -> m.put("at_iteration", k));
        m.putAll(details);
        spent.ifPresent(r -> m.put("spent", counts(r)));
        evaluationPasses.ifPresent(r -> m.put("evaluation_passes", counts(r)));
        Map<String, Object> metricMap = new LinkedHashMap<>();
        metrics.forEach((k, v) -> metricMap.put(k.id(), integral(k) ? (Object) Math.round(v) : v));
        m.put("metrics", metricMap);
        return m;
    }

    private static Map<String, Object> counts(MeterReading r) {
        Map<String, Object> m = new LinkedHashMap<>();
        long[] values = {r.gradientCalls(), r.gradientExamples(), r.forwardCalls(), r.forwardExamples()};
        for (int i = 0; i < values.length; i++) {
            m.put(COUNT_KEYS[i][0], values[i]);
        }
        return m;
    }

    /** A meter reading under either name of each count; a missing or non-integral count is an error naming it. */
    private static Optional<MeterReading> counts(String field, Object raw) {
        if (raw == null) {
            return Optional.empty();
        }
        if (!(raw instanceof Map<?, ?> m)) {
            throw new InvalidParameterException("result." + field, raw, "must be an object of counts");
        }
        long[] values = new long[COUNT_KEYS.length];
        for (int i = 0; i < COUNT_KEYS.length; i++) {
            Object v = m.containsKey(COUNT_KEYS[i][0]) ? m.get(COUNT_KEYS[i][0]) : m.get(COUNT_KEYS[i][1]);
            if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
                throw new InvalidParameterException("result." + field + "." + COUNT_KEYS[i][0], v == null ? "(missing)" : v,
                        "must be a whole count");
            }
            values[i] = n.longValue();
        }
        for (Object k : m.keySet()) {
            if (java.util.Arrays.stream(COUNT_KEYS).noneMatch(names -> names[0].equals(k) || names[1].equals(k))) {
                throw new InvalidParameterException("result." + field + "." + k, m.get(k), "is not a count a meter keeps");
            }
        }
        return Optional.of(new MeterReading(values[0], values[1], values[2], values[3]));
    }

    /** Counts are written as integers, as earlier versions wrote them. */
    private static boolean integral(Metric m) {
        return m == Metric.GRAD_CALLS || m == Metric.FORWARD_CALLS || m == Metric.ITERATIONS || m == Metric.EPOCHS;
    }

    /**
     * Reads the JSON form back (as {@link RunFolder#readJson} gives it). Results written before the status was the
     * only record of the outcome hold 0/1 metrics {@code diverged} and {@code collapsed}: they repeat the status and
     * are dropped. A metric name this version does not know is an error naming it.
     */
    @SuppressWarnings("unchecked")
    public static RunResult fromMap(Map<String, Object> m) {
        String id = String.valueOf(m.get("id"));
        RunStatus status = RunStatus.parse("result.status", m.get("status"));
        Optional<String> cause = Optional.ofNullable(m.get("cause")).map(String::valueOf);
        Optional<FailureKind> failure = Optional.ofNullable(m.get("failure"))
                .map(f -> FailureKind.valueOf(String.valueOf(f).toUpperCase(java.util.Locale.ROOT)));
        if (status == RunStatus.FAILED && failure.isEmpty()) {
            failure = Optional.of(FailureKind.DETERMINISTIC); // results written before failures had a kind
        }
        OptionalLong at = m.get("at_iteration") instanceof Number n ? OptionalLong.of(n.longValue()) : OptionalLong.empty();
        Map<Metric, Double> metrics = new LinkedHashMap<>();
        Object raw = m.get("metrics");
        if (raw instanceof Map<?, ?> mm) {
            for (Map.Entry<?, ?> e : mm.entrySet()) {
                if (e.getValue() instanceof Number n) {
                    Metric metric = Metric.byId(String.valueOf(e.getKey())).orElseThrow(() -> new InvalidParameterException(
                            "result.metrics." + e.getKey(), e.getValue(), "is not a metric a run records"));
                    if (metric.kind() != Metric.Kind.OUTCOME) {
                        metrics.put(metric, n.doubleValue());
                    }
                }
            }
        }
        Optional<MeterReading> spent = counts("spent", m.get("spent"));
        Optional<MeterReading> evaluationPasses = counts("evaluation_passes", m.get("evaluation_passes"));
        Map<String, Object> details = new TreeMap<>(m);
        for (String k : new String[] {"id", "status", "cause", "failure", "at_iteration", "metrics", "spent",
                "evaluation_passes"}) {
            details.remove(k);
        }
        return new RunResult(id, status, cause, failure, at, metrics, spent, evaluationPasses, new LinkedHashMap<>(details));
    }
}
