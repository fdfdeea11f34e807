package io.salr.harness.sweep;

import io.salr.analysis.metric.Metric;
import io.salr.analysis.io.AtomicFiles;
import io.salr.analysis.tidy.TidyResults;
import io.salr.analysis.tidy.TidyRow;
import io.salr.optimizers.spec.Method;
import io.salr.optimizers.spec.Param;
import io.salr.optimizers.spec.ParamValue;
import io.salr.harness.run.RunResult;
import io.salr.harness.run.RunSpec;
import io.salr.harness.run.RunStatus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The tidy form of a store (what {@code io.salr.analysis} reads): one row per run and final metric, columns
 * {@code study,dataset,model,method,gamma,seed,metric,value}, then the hyperparameters that take more than
 * one value for some method of the sweep (empty for methods without them). {@code gamma} is empty for
 * methods without a gamma (all but the SALR ones). A plan with control runs adds the column {@code horizon}:
 * {@code iterations-of:sgd-salr} on a control run (the base method for exactly SALR's iterations), empty on
 * every ordinary run. The model column is the model's name in the spec ({@code mlp-bn-dropout} for a variant).
 * {@code grad_calls} is what the meter counted, {@code paper_calls} the same run in the paper's currency.
 *
 * <p>Rows come in plan order (dataset, model, method, hyperparameters, seed), metrics in {@link #METRICS}
 * order, so the file is deterministic. A completed run contributes every metric it has; a diverged run
 * only {@code diverged = 1} (its final metrics do not exist). A failed run (an exception, a crashed
 * worker, missing data) contributes no rows: it says nothing about the method, and counting it as diverged
 * or not would bias the divergence rate; {@link Exported#failed} lists them so callers can warn. Runs not
 * complete yet contribute nothing either.
 */
public final class Export {

    /**
     * The exported metrics, in row order. {@link Metric#DIVERGED} is the outcome flag, 0 on a finished run: it comes
     * from the run's status (a result records no 0/1 metrics), so the rows are those of every earlier export.
     */
    public static final List<Metric> METRICS = List.of(Metric.TEST_ACCURACY, Metric.TEST_LOSS, Metric.PERPLEXITY,
            Metric.TRAIN_ACCURACY, Metric.TRAIN_LOSS, Metric.FINAL_SHARPNESS, Metric.HESSIAN_MAX_EIGENVALUE,
            Metric.HESSIAN_TOP_ABS_EIGENVALUE, Metric.GRAD_CALLS, Metric.PAPER_CALLS, Metric.FORWARD_CALLS, Metric.ITERATIONS,
            Metric.EPOCHS, Metric.DIVERGED, Metric.WALL_SECONDS);

    /**
     * The export of a store.
     *
     * @param results the tidy rows (may be empty)
     * @param exportedRuns runs that contributed rows
     * @param failed ids of failed runs (left out)
     * @param incomplete ids of runs without a result yet (left out)
     */
    public record Exported(List<String> hyperparameterColumns, List<TidyRow> rows, int exportedRuns, List<String> failed,
            List<String> incomplete) {

        public TidyResults tidy() {
            return TidyResults.of(hyperparameterColumns, rows);
        }
    }

    /** The column that marks control runs ({@code iterations-of:METHOD}). */
    public static final String HORIZON = "horizon";

    private Export() {
    }

    public static Exported of(Store store, SweepPlan plan) {
        List<String> extra = new ArrayList<>(plan.variedHyperparameters());
        extra.remove("gamma");
        if (plan.spec().engines().size() > 1) {
            extra.add("engine"); // engines compared like configurations of a method
        }
        if (plan.runs().stream().anyMatch(r -> r.horizon().isPresent())) {
            extra.add(HORIZON);
        }
        List<TidyRow> rows = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        List<String> incomplete = new ArrayList<>();
        int exported = 0;
        for (SweepPlan.PlannedRun r : plan.runs()) {
            var result = store.result(r.id());
            if (result.isEmpty()) {
                incomplete.add(r.id());
                continue;
            }
            RunResult res = result.get();
            if (!res.status().isMethodOutcome()) {
                failed.add(r.id());
                continue;
            }
            RunSpec s = r.spec();
            OptionalDouble gamma = s.method().gamma();
            Map<String, String> hp = new LinkedHashMap<>();
            for (String k : extra) {
                String v = k.equals("engine") ? s.engine().label()
                        : k.equals(HORIZON) ? s.budget().horizon().orElse("")
                        : Param.byKey(k).flatMap(p -> s.method().value(p)).map(ParamValue::toString).orElse("");
                hp.put(k, v);
            }
            exported++;
            String model = plan.spec().modelName(s.model());
            if (res.status() == RunStatus.DIVERGED || res.status() == RunStatus.COLLAPSED) {
                // an outcome, not a sample: the flag alone (the analysis counts it as the worst result)
                rows.add(new TidyRow(s.study(), datasetLabel(s), model, s.methodName(), gamma, s.seed(),
                        (res.status() == RunStatus.DIVERGED ? Metric.DIVERGED : Metric.COLLAPSED).id(), 1, hp));
                continue;
            }
            for (Metric metric : METRICS) {
                // a finished run did not diverge: its flag row is 0 (the status above caught the other outcomes)
                Optional<Double> v = metric == Metric.DIVERGED ? Optional.of(0.0) : res.metric(metric);
                if (v.isPresent() && Double.isFinite(v.get())) {
                    rows.add(new TidyRow(s.study(), datasetLabel(s), model, s.methodName(), gamma,
                            s.seed(), metric.id(), v.get(), hp));
                }
            }
        }
        return new Exported(extra, rows, exported, failed, incomplete);
    }

    /** The CSV text of an export (UTF-8, '\n' line ends, numbers locale independent). */
    public static String csv(Exported e) {
        StringBuilder sb = new StringBuilder("study,dataset,model,method,gamma,seed,metric,value");
        for (String h : e.hyperparameterColumns()) {
            sb.append(',').append(cell(h));
        }
        sb.append('\n');
        for (TidyRow r : e.rows()) {
            sb.append(cell(r.study())).append(',').append(cell(r.dataset())).append(',').append(cell(r.model())).append(',')
                    .append(cell(r.method())).append(',')
                    .append(r.gamma().isPresent() ? number(r.gamma().getAsDouble()) : "").append(',')
                    .append(r.seed()).append(',').append(cell(r.metric())).append(',').append(number(r.value()));
            for (String h : e.hyperparameterColumns()) {
                sb.append(',').append(cell(r.hyperparameters().get(h)));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    public static void write(Exported e, Path csv) {
        AtomicFiles.writeString(csv, csv(e));
    }

    static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /**
     * The dataset column of a run: the dataset's name, with {@code /classes-5-6-7-8-9} for a run on some of its
     * classes and {@code /finetuned} for a run that started from another run's weights (so a fine-tuning claim
     * can select its runs); a run of neither is its dataset's name, as before these fields existed.
     */
    public static String datasetLabel(RunSpec s) {
        StringBuilder sb = new StringBuilder(s.data().dataset());
        if (!s.data().classes().isEmpty()) {
            sb.append("/classes");
            s.data().classes().forEach(c -> sb.append('-').append(c));
        }
        if (s.weights().initFrom().isPresent()) {
            sb.append("/finetuned");
        }
        return sb.toString();
    }

    private static String cell(String s) {
        if (s.contains(",") || s.contains("\"") || s.contains("\n")) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }

    /** Whether {@code method} (a command-line name) has a gamma (the SALR methods). */
    static boolean hasGamma(String method) {
        return Method.parse("method", method).salr();
    }
}
