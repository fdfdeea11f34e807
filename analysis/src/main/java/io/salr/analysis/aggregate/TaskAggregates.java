package io.salr.analysis.aggregate;

import io.salr.analysis.compare.Arm;
import io.salr.analysis.metric.Direction;
import io.salr.analysis.stats.Bootstrap;
import io.salr.analysis.stats.Samples;
import io.salr.analysis.tidy.TidyResults;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

/**
 * Aggregates across tasks in the manner of rliable (Agarwal et al., NeurIPS 2021), for a study with several
 * (dataset, model) tasks: each run's score is normalized per task, and per method the mean, median, interquartile
 * mean and optimality gap of the normalized scores, the probability of improvement over the reference, and the
 * performance profile (score distribution) are given with stratified-bootstrap percentile intervals.
 *
 * <p>Definitions, as in rliable 1.2.0 ({@code rliable/metrics.py}, {@code library.py}): with the scores of a method
 * as runs within tasks, <b>mean</b> = mean over tasks of the per-task mean; <b>median</b> = median over tasks of
 * the per-task mean; <b>IQM</b> = the 25% trimmed mean of all scores pooled ({@code scipy.stats.trim_mean(x,
 * 0.25)}: {@code floor(N/4)} scores dropped at each end, no fractional weights); <b>optimality gap</b> =
 * {@code 1 - mean(min(score, 1))}; <b>probability of improvement</b> P(X &gt; Y) = mean over tasks of
 * {@code U / (n_x n_y)}, U counting ties one half (0.5 for a task where both score vectors are equal);
 * <b>profile</b>: the fraction of all runs with score &gt; tau. Intervals: percentile intervals of the statistic
 * over bootstrap replicates that resample the runs of each task with replacement, independently per task (and per
 * method for the probability of improvement). The numbers match rliable's point estimates exactly and its
 * intervals to Monte Carlo error (tested on a held-out input). Percentile intervals undercover with few runs per
 * task; the page says so.
 *
 * <p>Scores are oriented so that higher is better. Failed runs have no score; they are counted, not scored.
 *
 * @param metric        the metric aggregated
 * @param normalization how scores were normalized
 * @param tasks         the tasks ("dataset/model"), sorted
 * @param methods       per method label: its normalized scores per task (in {@code tasks} order; empty where it
 *                      has no finished run) and its failed-run count
 */
public record TaskAggregates(String metric, Normalization normalization, List<String> tasks,
                             Map<String, MethodScores> methods) {

    /**
     * How scores are normalized per task.
     *
     * @param reference the reference method whose per-task mean becomes 1 ({@code score = 1 + sign (x - m) / |m|}),
     *                  or empty for min-max
     * @param min       the stated minimum (min-max only): score 0
     * @param max       the stated maximum (min-max only): score 1
     */
    public record Normalization(java.util.Optional<String> reference, double min, double max) {
        public Normalization {
            Objects.requireNonNull(reference, "reference");
            if (reference.isEmpty() && !(max > min)) {
                throw new IllegalArgumentException("min-max normalization needs max > min, got " + min + " and " + max);
            }
        }

        /** Normalization by the reference's per-task mean. */
        public static Normalization byReference(String reference) {
            return new Normalization(java.util.Optional.of(reference), 0, 1);
        }

        /** Normalization by stated bounds. */
        public static Normalization minMax(double min, double max) {
            return new Normalization(java.util.Optional.empty(), min, max);
        }

        /** Words for the page and the CSV. */
        public String describe() {
            return reference.map(r -> "relative to " + r + "'s mean per task (1 = the reference)")
                    .orElse("min-max: (x - " + min + ") / (" + max + " - " + min + ")");
        }
    }

    /**
     * One method's scores.
     *
     * @param perTask normalized scores per task, index-aligned with the tasks
     * @param failed  failed runs over all tasks
     */
    public record MethodScores(List<double[]> perTask, int failed) {
        public MethodScores {
            perTask = perTask.stream().map(double[]::clone).toList();
        }

        @Override
        public List<double[]> perTask() {
            return perTask.stream().map(double[]::clone).toList();
        }
    }

    /** A point estimate with its percentile interval. */
    public record Estimate(double value, double low, double high) {
    }

    public TaskAggregates {
        tasks = List.copyOf(tasks);
        methods = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(methods));
    }

    /**
     * Normalized scores of one metric from tidy results; methods with several configurations are labelled
     * {@code method[hyperparameters]}.
     *
     * @throws IllegalArgumentException when the reference lacks a task, or its mean there is 0
     */
    public static TaskAggregates of(TidyResults results, String metric, Direction direction, Normalization normalization) {
        Map<String, Map<String, Arm>> byMethod = new TreeMap<>();
        TreeSet<String> tasks = new TreeSet<>();
        Map<String, Integer> configsPerMethod = new TreeMap<>();
        List<Runs.Group> groups = Runs.of(results).groups().stream().filter(g -> g.metric().equals(metric)).toList();
        Map<String, TreeSet<String>> labels = new TreeMap<>();
        groups.forEach(g -> labels.computeIfAbsent(g.configuration().method(), m -> new TreeSet<>())
                .add(g.configuration().hyperparameterLabel()));
        for (Runs.Group g : groups) {
            Configuration c = g.configuration();
            String label = labels.get(c.method()).size() > 1 ? c.method() + "[" + c.hyperparameterLabel() + "]" : c.method();
            String task = c.dataset() + "/" + c.model();
            tasks.add(task);
            byMethod.computeIfAbsent(label, k -> new TreeMap<>()).put(task, g.arm());
        }
        List<String> taskList = List.copyOf(tasks);
        double sign = direction.sign();
        Map<String, MethodScores> methods = new LinkedHashMap<>();
        byMethod.forEach((label, perTask) -> {
            List<double[]> scores = new ArrayList<>();
            int failed = 0;
            for (String task : taskList) {
                Arm arm = perTask.get(task);
                if (arm == null) {
                    scores.add(new double[0]);
                    continue;
                }
                failed += arm.nFailed();
                double[] v = arm.values();
                double[] s = new double[v.length];
                for (int i = 0; i < v.length; i++) {
                    s[i] = normalize(v[i], task, byMethod, normalization, sign);
                }
                scores.add(s);
            }
            methods.put(label, new MethodScores(scores, failed));
        });
        return new TaskAggregates(metric, normalization, taskList, methods);
    }

    private static double normalize(double x, String task, Map<String, Map<String, Arm>> byMethod,
                                    Normalization n, double sign) {
        if (n.reference().isEmpty()) {
            double s = (x - n.min()) / (n.max() - n.min());
            return sign > 0 ? s : 1 - s;
        }
        Arm ref = byMethod.getOrDefault(n.reference().get(), Map.of()).get(task);
        if (ref == null || ref.n() == 0) {
            throw new IllegalArgumentException("reference '" + n.reference().get() + "' has no finished run on task "
                    + task + ": normalize by stated bounds (min,max) instead");
        }
        double m = Samples.mean(ref.values());
        if (m == 0) {
            throw new IllegalArgumentException("reference mean on task " + task + " is 0: cannot normalize by it");
        }
        return 1 + sign * (x - m) / Math.abs(m);
    }

    // ---- the statistics (rliable's definitions)

    /** Mean over tasks of the per-task mean. */
    public static double mean(List<double[]> perTask) {
        return Samples.mean(taskMeans(perTask));
    }

    /** Median over tasks of the per-task mean. */
    public static double median(List<double[]> perTask) {
        return Samples.quantileType7(Samples.sorted(taskMeans(perTask)), 0.5);
    }

    /** The 25% trimmed mean of all scores pooled, as {@code scipy.stats.trim_mean(x, 0.25, axis=None)}. */
    public static double iqm(List<double[]> perTask) {
        double[] all = Samples.sorted(pooled(perTask));
        int cut = (int) Math.floor(0.25 * all.length);
        double sum = 0;
        for (int i = cut; i < all.length - cut; i++) {
            sum += all[i];
        }
        return sum / (all.length - 2 * cut);
    }

    /** {@code 1 - mean(min(score, 1))} over all scores pooled. */
    public static double optimalityGap(List<double[]> perTask) {
        double[] all = pooled(perTask);
        double sum = 0;
        for (double v : all) {
            sum += Math.min(v, 1);
        }
        return 1 - sum / all.length;
    }

    /**
     * P(X &gt; Y): mean over tasks of U / (n_x n_y), ties one half; 0.5 on a task where both vectors are equal.
     * U is counted by binary search in the sorted y, in O((n_x + n_y) log n_y) rather than n_x n_y comparisons
     * (the bootstrap of a year's store spent minutes here); the count is an exact multiple of one half, so the
     * result is the same to the last bit as the pairwise count's.
     */
    public static double probabilityOfImprovement(List<double[]> x, List<double[]> y) {
        double total = 0;
        for (int t = 0; t < x.size(); t++) {
            double[] a = x.get(t);
            double[] b = y.get(t);
            if (Arrays.equals(a, b)) {
                total += 0.5;
                continue;
            }
            double[] sorted = b.clone();
            Arrays.sort(sorted);
            long twiceWins = 0;
            for (double u : a) {
                int below = lowerBound(sorted, u); // y < u
                int notAbove = upperBound(sorted, u); // y <= u
                twiceWins += 2L * below + (notAbove - below);
            }
            total += (twiceWins / 2.0) / ((double) a.length * b.length);
        }
        return total / x.size();
    }

    /** The number of entries of {@code sorted} strictly below {@code v} (NaN-free data, as scores are). */
    private static int lowerBound(double[] sorted, double v) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The number of entries of {@code sorted} at most {@code v}. */
    private static int upperBound(double[] sorted, double v) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The fraction of all runs with score &gt; tau, per tau. */
    public static double[] profile(List<double[]> perTask, double[] taus) {
        double[] all = pooled(perTask);
        double[] out = new double[taus.length];
        for (int i = 0; i < taus.length; i++) {
            int above = 0;
            for (double v : all) {
                if (v > taus[i]) {
                    above++;
                }
            }
            out[i] = above / (double) all.length;
        }
        return out;
    }

    /** A statistic with its stratified-bootstrap percentile interval. */
    public static Estimate estimate(List<double[]> perTask, ToDoubleFunction<List<double[]>> statistic,
                                    Bootstrap bootstrap, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] reps = new double[bootstrap.resamples()];
        for (int b = 0; b < reps.length; b++) {
            reps[b] = statistic.applyAsDouble(resample(perTask, random));
        }
        return interval(statistic.applyAsDouble(perTask), reps, bootstrap.confidence());
    }

    /**
     * The interquartile mean with its stratified-bootstrap interval: the same numbers as
     * {@code estimate(perTask, TaskAggregates::iqm, bootstrap, seed)}, to the last bit, without sorting each
     * replicate: a replicate is a count per position of the pooled scores sorted once ({@link Draws}), and the
     * middle half is summed in ascending order as the sorted replicate would be.
     */
    public static Estimate estimateIqm(List<double[]> perTask, Bootstrap bootstrap, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Draws draws = new Draws(perTask);
        double[] reps = new double[bootstrap.resamples()];
        for (int b = 0; b < reps.length; b++) {
            draws.draw(random);
            reps[b] = draws.iqm();
        }
        return interval(iqm(perTask), reps, bootstrap.confidence());
    }

    /**
     * The probability of improvement with its interval, each method's runs resampled independently within tasks.
     * Each replicate of y is a count per position of its sorted scores, so U is counted by binary search without
     * sorting the replicate; the draws and the numbers are those of resampling both and counting pairwise.
     */
    public static Estimate probabilityOfImprovement(List<double[]> x, List<double[]> y, Bootstrap bootstrap, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] reps = new double[bootstrap.resamples()];
        List<Draws> xs = x.stream().map(t -> new Draws(List.of(t))).toList();
        List<Draws> ys = y.stream().map(t -> new Draws(List.of(t))).toList();
        double[][] a = new double[xs.size()][];
        double[][] b = new double[ys.size()][];
        for (int r = 0; r < reps.length; r++) {
            for (int t = 0; t < xs.size(); t++) { // all of x first, then all of y: resample(x), resample(y)
                a[t] = xs.get(t).draw(random);
            }
            for (int t = 0; t < ys.size(); t++) {
                b[t] = ys.get(t).draw(random);
            }
            double total = 0;
            for (int t = 0; t < xs.size(); t++) {
                if (Arrays.equals(a[t], b[t])) {
                    total += 0.5;
                    continue;
                }
                total += (Draws.twiceWins(xs.get(t), ys.get(t)) / 2.0) / ((double) a[t].length * b[t].length);
            }
            reps[r] = total / x.size();
        }
        return interval(probabilityOfImprovement(x, y), reps, bootstrap.confidence());
    }

    /** The profile at each tau with its pointwise interval (replicates counted as in {@link #estimateIqm}). */
    public static Estimate[] profile(List<double[]> perTask, double[] taus, Bootstrap bootstrap, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] reps = new double[taus.length][bootstrap.resamples()];
        Draws draws = new Draws(perTask);
        for (int b = 0; b < bootstrap.resamples(); b++) {
            draws.draw(random);
            for (int i = 0; i < taus.length; i++) {
                reps[i][b] = draws.above(taus[i]) / (double) draws.size();
            }
        }
        double[] point = profile(perTask, taus);
        Estimate[] out = new Estimate[taus.length];
        for (int i = 0; i < taus.length; i++) {
            out[i] = interval(point[i], reps[i], bootstrap.confidence());
        }
        return out;
    }

    /**
     * Bootstrap replicates of per-task scores as counts over the pooled scores sorted once. {@link #draw} takes
     * the same random numbers in the same order as {@link #resample} (task by task, run by run), so a replicate
     * is the same multiset of scores; statistics that depend only on the sorted replicate (the IQM, the profile,
     * the rank counts of U) are then read from the counts in linear time.
     */
    static final class Draws {
        private final double[][] tasks;
        private final double[] sorted;
        private final int[][] rank;
        private final int[] counts;
        private final int[] prefix;

        Draws(List<double[]> perTask) {
            tasks = perTask.toArray(double[][]::new);
            int n = 0;
            for (double[] t : tasks) {
                n += t.length;
            }
            double[] pooled = new double[n];
            int k = 0;
            for (double[] t : tasks) {
                for (double v : t) {
                    pooled[k++] = v;
                }
            }
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (i, j) -> Double.compare(pooled[i], pooled[j])); // Arrays.sort(double[])'s order
            sorted = new double[n];
            int[] position = new int[n];
            for (int p = 0; p < n; p++) {
                sorted[p] = pooled[order[p]];
                position[order[p]] = p;
            }
            rank = new int[tasks.length][];
            k = 0;
            for (int t = 0; t < tasks.length; t++) {
                rank[t] = new int[tasks[t].length];
                for (int i = 0; i < tasks[t].length; i++) {
                    rank[t][i] = position[k++];
                }
            }
            counts = new int[n];
            prefix = new int[n + 1];
        }

        int size() {
            return sorted.length;
        }

        /**
         * One replicate: fills the counts and returns the replicate of the last task in draw order (the only
         * one a single-task draw needs as values).
         */
        double[] draw(SplittableRandom random) {
            Arrays.fill(counts, 0);
            double[] last = new double[0];
            for (int t = 0; t < tasks.length; t++) {
                double[] task = tasks[t];
                double[] r = new double[task.length];
                for (int i = 0; i < r.length; i++) {
                    int j = random.nextInt(task.length);
                    r[i] = task[j];
                    counts[rank[t][j]]++;
                }
                last = r;
            }
            prefix[0] = 0;
            for (int p = 0; p < counts.length; p++) {
                prefix[p + 1] = prefix[p] + counts[p];
            }
            return last;
        }

        /** The IQM of the replicate: the middle half of its sorted scores, summed in ascending order. */
        double iqm() {
            int n = sorted.length;
            int cut = (int) Math.floor(0.25 * n);
            double sum = 0;
            for (int p = 0; p < n; p++) {
                int from = Math.max(prefix[p], cut);
                int to = Math.min(prefix[p + 1], n - cut);
                for (int i = from; i < to; i++) {
                    sum += sorted[p];
                }
            }
            return sum / (n - 2 * cut);
        }

        /** How many scores of the replicate are above {@code tau}. */
        int above(double tau) {
            return sorted.length - prefix[upperBound(sorted, tau)];
        }

        /**
         * Twice U of the replicate of {@code x} over that of {@code y} (pairs with x &gt; y, ties one half each), by
         * one merge of the two sorted score lists weighted by their counts.
         */
        static long twiceWins(Draws x, Draws y) {
            long twice = 0;
            int below = 0; // positions of y with a score < u
            int notAbove = 0; // positions of y with a score <= u
            for (int p = 0; p < x.sorted.length; p++) {
                int c = x.counts[p];
                if (c == 0) {
                    continue;
                }
                double u = x.sorted[p];
                while (below < y.sorted.length && y.sorted[below] < u) {
                    below++;
                }
                if (notAbove < below) {
                    notAbove = below;
                }
                while (notAbove < y.sorted.length && y.sorted[notAbove] <= u) {
                    notAbove++;
                }
                int less = y.prefix[below];
                int equal = y.prefix[notAbove] - less;
                twice += (long) c * (2L * less + equal);
            }
            return twice;
        }
    }

    private static List<double[]> resample(List<double[]> perTask, SplittableRandom random) {
        List<double[]> out = new ArrayList<>(perTask.size());
        for (double[] task : perTask) {
            double[] r = new double[task.length];
            for (int i = 0; i < r.length; i++) {
                r[i] = task[random.nextInt(task.length)];
            }
            out.add(r);
        }
        return out;
    }

    private static Estimate interval(double point, double[] reps, double confidence) {
        Arrays.sort(reps);
        double tail = (1 - confidence) / 2;
        return new Estimate(point, Samples.quantileType7(reps, tail), Samples.quantileType7(reps, 1 - tail));
    }

    private static double[] taskMeans(List<double[]> perTask) {
        return perTask.stream().mapToDouble(Samples::mean).toArray();
    }

    private static double[] pooled(List<double[]> perTask) {
        return perTask.stream().flatMapToDouble(Arrays::stream).toArray();
    }
}
