package io.salr.analysis.metric;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The metrics a run records, each with the facts every reader needs: its name in result.json, epochs.csv and the
 * tidy export, which way it improves, its unit, and what it is (a result that comparisons test, a cost that is
 * reported beside them and never tested, or an outcome flag). Producers write these names and readers look them
 * up here, so a metric is spelled in one place. Metrics a user adds to a tidy CSV are not listed; {@link Metrics}
 * gives them a direction by their suffix or from {@code --direction}.
 */
public enum Metric {
    TEST_ACCURACY("test_accuracy", Direction.HIGHER_IS_BETTER, Kind.RESULT, "fraction of the test set"),
    TEST_LOSS("test_loss", Direction.LOWER_IS_BETTER, Kind.RESULT, "mean cross-entropy (nats)"),
    TRAIN_ACCURACY("train_accuracy", Direction.HIGHER_IS_BETTER, Kind.RESULT, "fraction of the training set"),
    TRAIN_LOSS("train_loss", Direction.LOWER_IS_BETTER, Kind.RESULT, "mean cross-entropy (nats)"),
    PERPLEXITY("perplexity", Direction.LOWER_IS_BETTER, Kind.RESULT, "exp of the mean per-character negative log-likelihood"),
    FINAL_SHARPNESS("final_sharpness", Direction.LOWER_IS_BETTER, Kind.RESULT, "S_hat of Definition 1 (loss difference)"),
    HESSIAN_MAX_EIGENVALUE("hessian_max_eigenvalue", Direction.LOWER_IS_BETTER, Kind.RESULT, "largest Hessian eigenvalue"),
    HESSIAN_TOP_ABS_EIGENVALUE("hessian_top_abs_eigenvalue", Direction.LOWER_IS_BETTER, Kind.RESULT,
            "Hessian eigenvalue of largest magnitude"),
    HESSIAN_POWER_ITERATIONS("hessian_power_iterations", null, Kind.DIAGNOSTIC, "power iterations the Hessian estimate ran"),
    HESSIAN_CONVERGED("hessian_converged", null, Kind.DIAGNOSTIC, "1 when the Hessian power iteration converged"),
    GRAD_CALLS("grad_calls", Direction.LOWER_IS_BETTER, Kind.COST, "gradient calls the engine ran (metered passes)"),
    PAPER_CALLS("paper_calls", Direction.LOWER_IS_BETTER, Kind.COST, "gradient calls as the paper counts them"),
    FORWARD_CALLS("forward_calls", Direction.LOWER_IS_BETTER, Kind.COST, "forward-only calls of training"),
    ITERATIONS("iterations", null, Kind.COST, "parameter updates"),
    EPOCHS("epochs", null, Kind.COST, "passes over the training set begun"),
    WALL_SECONDS("wall_seconds", Direction.LOWER_IS_BETTER, Kind.COST, "seconds of training and evaluation"),
    DIVERGED("diverged", null, Kind.OUTCOME, "1 when the run diverged"),
    COLLAPSED("collapsed", null, Kind.OUTCOME, "1 when the run collapsed to chance");

    /** What a metric is. */
    public enum Kind {
        /** What a method achieved: compared and tested. */
        RESULT,
        /** What a run spent: shown beside the results, never tested. */
        COST,
        /**
         * A 0/1 flag of the run's outcome, in the tidy results only: a run's result records its status, never these
         * (results written before may hold them; they are read as the status they repeat).
         */
        OUTCOME,
        /** How an end-of-run measurement went (iterations, convergence): recorded, never compared. */
        DIAGNOSTIC
    }

    private static final Map<String, Metric> BY_ID = Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(Metric::id,
            Function.identity()));

    private final String id;
    private final Direction direction;
    private final Kind kind;
    private final String unit;

    Metric(String id, Direction direction, Kind kind, String unit) {
        this.id = id;
        this.direction = direction;
        this.kind = kind;
        this.unit = unit;
    }

    /** The name in result.json, epochs.csv and the tidy export. */
    public String id() {
        return id;
    }

    /** Which way it improves; none for counts that are neither better nor worse (iterations, epochs) and for flags. */
    public Optional<Direction> direction() {
        return Optional.ofNullable(direction);
    }

    public Kind kind() {
        return kind;
    }

    /** What one unit of it is, in words. */
    public String unit() {
        return unit;
    }

    /** The metric of this name, if it is one a run records. */
    public static Optional<Metric> byId(String id) {
        return Optional.ofNullable(BY_ID.get(id));
    }

    /** The names of the metrics of one kind, in declaration order. */
    public static List<String> ids(Kind kind) {
        return Arrays.stream(values()).filter(m -> m.kind == kind).map(Metric::id).toList();
    }

    @Override
    public String toString() {
        return id;
    }
}
