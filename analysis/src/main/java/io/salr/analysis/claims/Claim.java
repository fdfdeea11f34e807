package io.salr.analysis.claims;

import io.salr.analysis.compare.TestKind;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One claim of a paper, as a claims file states it (validated by {@link ClaimSet#parse}).
 *
 * @param id             short unique name, e.g. {@code table-1-sgd}
 * @param where          where the paper makes it (table, figure, section)
 * @param statement      the claim in one sentence
 * @param kind           how it is tested
 * @param metric         the metric (for {@link ClaimKind#RATE_FOLLOWS_SHARPNESS} a label of the correlation)
 * @param comparisons    the methods and their baselines
 * @param test           superiority, non-inferiority or equivalence
 * @param margin         the margin in the metric's units (0 for superiority unless stated)
 * @param alpha          the one-sided error rate
 * @param family         the Holm family: claims with the same family share one adjustment
 * @param epochRatio     for {@link ClaimKind#FEWER_EPOCHS}: the claimed ratio of the baseline's epochs to the method's
 * @param referenceGamma for {@link ClaimKind#GAMMA}: the gamma every other gamma is compared with
 * @param paperText      the paper's own figure, in words
 * @param paperTables    the paper's tables (mean, std, n) to test at face value
 * @param at             the length the comparison equalizes: gradient calls (the default) or iterations, where
 *                       the baseline's runs are the control runs of {@link #HORIZON} {@code iterations-of:METHOD}
 * @param datasets       when present, the claim is tested only on runs whose dataset (the tidy column) this scope
 *                       selects: a fine-tuning claim on the fine-tuned runs ({@code fashion-mnist/classes-5-6-7-8-9/finetuned})
 *                       and not on a store of networks trained from scratch
 */
public record Claim(String id, String where, String statement, ClaimKind kind, String metric,
                    List<Comparisons> comparisons, TestKind test, double margin, double alpha, String family,
                    OptionalDouble epochRatio, OptionalDouble referenceGamma, String paperText,
                    List<PaperTable> paperTables, At at, Optional<DatasetScope> datasets) {

    /** A claim tested on every dataset of its input. */
    public Claim(String id, String where, String statement, ClaimKind kind, String metric, List<Comparisons> comparisons,
            TestKind test, double margin, double alpha, String family, OptionalDouble epochRatio, OptionalDouble referenceGamma,
            String paperText, List<PaperTable> paperTables, At at) {
        this(id, where, statement, kind, metric, comparisons, test, margin, alpha, family, epochRatio, referenceGamma, paperText,
                paperTables, at, Optional.empty());
    }

    /** Whether the claim is tested on runs of {@code dataset} (the tidy dataset column). */
    public boolean testsDataset(String dataset) {
        return datasets.map(d -> d.matching().matcher(dataset).matches()).orElse(true);
    }

    /**
     * The runs a claim is about, by their dataset column.
     *
     * @param matching  the datasets selected (the whole value must match)
     * @param described those runs in words, for the outputs ("image runs trained from scratch"); without it the
     *                  outputs name the pattern
     */
    public record DatasetScope(java.util.regex.Pattern matching, Optional<String> described) {

        public DatasetScope {
            Objects.requireNonNull(matching, "matching");
            Objects.requireNonNull(described, "described");
        }

        /** The runs in words: the description, or "runs on data matching REGEX". */
        public String words() {
            return described.orElse("runs on data matching " + matching.pattern());
        }
    }

    /**
     * The hyperparameter column that marks a control run: the base method run for exactly a SALR method's number of
     * iterations carries {@code horizon = iterations-of:<salr-method>}; an ordinary run has no such value.
     */
    public static final String HORIZON = "horizon";

    /** The horizon value of the control runs for {@code method}, e.g. {@code iterations-of:sgd-salr}. */
    public static String controlHorizon(String method) {
        return "iterations-of:" + method;
    }

    /** What a comparison holds equal between the method and its baseline. */
    public enum At {
        /** The same budget of gradient calls (the paper's setting). */
        EQUAL_CALLS("equal-calls"),
        /** The same number of iterations: the baseline's control runs at the method's iterations. */
        EQUAL_ITERATIONS("equal-iterations");

        private final String word;

        At(String word) {
            this.word = word;
        }

        /** The claims file's word. */
        public String word() {
            return word;
        }
    }

    /**
     * A method and the baselines it is compared with (none for the kinds that need none).
     *
     * @param method  the method
     * @param against the baselines
     */
    public record Comparisons(String method, List<String> against) {
        public Comparisons {
            Objects.requireNonNull(method, "method");
            against = List.copyOf(against);
        }
    }

    /**
     * A table of the paper's published means.
     *
     * @param file  the CSV (dataset, model, method, metric, mean, std, n)
     * @param names our method name to the table's, where they differ
     */
    public record PaperTable(Path file, Map<String, String> names) {
        public PaperTable {
            Objects.requireNonNull(file, "file");
            names = Map.copyOf(names);
        }

        /** The table's name for one of our methods. */
        public String name(String method) {
            return names.getOrDefault(method, method);
        }
    }

    public Claim {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(where, "where");
        Objects.requireNonNull(statement, "statement");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(metric, "metric");
        comparisons = List.copyOf(comparisons);
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(epochRatio, "epochRatio");
        Objects.requireNonNull(referenceGamma, "referenceGamma");
        Objects.requireNonNull(paperText, "paperText");
        paperTables = List.copyOf(paperTables);
        Objects.requireNonNull(at, "at");
    }
}
