package io.salr.analysis.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.salr.analysis.stats.Bootstrap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The linear-time bootstrap of the IQM, the profile and the probability of improvement gives the same numbers,
 * to the last bit, as resampling each replicate and computing the statistic on it (the definitions, kept here
 * as the reference), on scores with many ties, negative zeros and tasks of different sizes.
 */
class TaskAggregatesFastPathTest {

    private static final Bootstrap BOOTSTRAP = new Bootstrap(500, 0.95);
    /** The tail of the percentile interval, computed as the interval computes it. */
    private static final double TAIL = (1 - BOOTSTRAP.confidence()) / 2;

    private static List<double[]> scores(long seed, int tasks) {
        SplittableRandom r = new SplittableRandom(seed);
        List<double[]> out = new ArrayList<>();
        for (int t = 0; t < tasks; t++) {
            double[] v = new double[1 + r.nextInt(40)];
            for (int i = 0; i < v.length; i++) {
                int kind = r.nextInt(4);
                v[i] = kind == 0 ? r.nextInt(5) * 0.25 : kind == 1 ? (r.nextBoolean() ? -0.0 : 0.0) : r.nextGaussian();
            }
            out.add(v);
        }
        return out;
    }

    /** The bootstrap as defined: resample every task, compute the statistic on the replicate. */
    private static List<double[]> resample(List<double[]> perTask, SplittableRandom random) {
        List<double[]> out = new ArrayList<>();
        for (double[] task : perTask) {
            double[] r = new double[task.length];
            for (int i = 0; i < r.length; i++) {
                r[i] = task[random.nextInt(task.length)];
            }
            out.add(r);
        }
        return out;
    }

    private static double pairwise(List<double[]> x, List<double[]> y) {
        double total = 0;
        for (int t = 0; t < x.size(); t++) {
            double[] a = x.get(t);
            double[] b = y.get(t);
            if (Arrays.equals(a, b)) {
                total += 0.5;
                continue;
            }
            double wins = 0;
            for (double u : a) {
                for (double v : b) {
                    wins += u > v ? 1 : u == v ? 0.5 : 0;
                }
            }
            total += wins / ((double) a.length * b.length);
        }
        return total / x.size();
    }

    private static double[] sortedReps(double[] reps) {
        double[] s = reps.clone();
        Arrays.sort(s);
        return s;
    }

    @Test
    void iqmProfileAndProbabilityOfImprovementAreTheDefinitionsToTheLastBit() {
        double[] taus = {-0.5, -0.0, 0.0, 0.25, 0.5, 1.0};
        for (long seed = 1; seed <= 20; seed++) {
            List<double[]> x = scores(seed, 1 + (int) (seed % 5));
            List<double[]> y = scores(seed + 100, x.size());
            assertEquals(TaskAggregates.estimate(x, TaskAggregates::iqm, BOOTSTRAP, seed),
                    TaskAggregates.estimateIqm(x, BOOTSTRAP, seed), "iqm, seed " + seed);

            SplittableRandom random = new SplittableRandom(seed);
            double[] reps = new double[BOOTSTRAP.resamples()];
            for (int b = 0; b < reps.length; b++) {
                reps[b] = pairwise(resample(x, random), resample(y, random));
            }
            TaskAggregates.Estimate poi = TaskAggregates.probabilityOfImprovement(x, y, BOOTSTRAP, seed);
            assertEquals(pairwise(x, y), poi.value(), "poi point, seed " + seed);
            double[] s = sortedReps(reps);
            assertEquals(io.salr.analysis.stats.Samples.quantileType7(s, TAIL), poi.low(), "poi low, seed " + seed);
            assertEquals(io.salr.analysis.stats.Samples.quantileType7(s, 1 - TAIL), poi.high(), "poi high, seed " + seed);
            assertEquals(pairwise(x, x), TaskAggregates.probabilityOfImprovement(x, x));

            random = new SplittableRandom(seed);
            double[][] profileReps = new double[taus.length][BOOTSTRAP.resamples()];
            for (int b = 0; b < BOOTSTRAP.resamples(); b++) {
                double[] p = TaskAggregates.profile(resample(x, random), taus);
                for (int i = 0; i < taus.length; i++) {
                    profileReps[i][b] = p[i];
                }
            }
            TaskAggregates.Estimate[] profile = TaskAggregates.profile(x, taus, BOOTSTRAP, seed);
            for (int i = 0; i < taus.length; i++) {
                double[] sp = sortedReps(profileReps[i]);
                assertEquals(io.salr.analysis.stats.Samples.quantileType7(sp, TAIL), profile[i].low(), "profile " + i);
                assertEquals(io.salr.analysis.stats.Samples.quantileType7(sp, 1 - TAIL), profile[i].high(), "profile " + i);
            }
        }
    }
}
