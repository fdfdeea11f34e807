package io.salr.optimizers.engine;

import io.salr.optimizers.meter.GradientMeter;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain-Java {@link TrainableModel} for tests of the engine-neutral code: example j has the loss
 * f_j(theta) = 1/2 (theta - c_j)^T A (theta - c_j) with a symmetric matrix A shared by all examples and
 * its own centre c_j, so every loss, gradient, per-example gradient and Hessian is known in closed form
 * (the Hessian of any batch loss is A). A batch is a list of example indices; no dropout, no BatchNorm.
 */
public final class QuadraticModel implements TrainableModel {

    /** A batch of example indices. */
    public record Indices(int[] examples) implements Batch {
        @Override
        public int size() {
            return examples.length;
        }
    }

    private final double[][] a;
    private final double[][] centres;
    private final GradientMeter meter;
    private double[] theta;

    /**
     * @param a the symmetric n x n matrix
     * @param centres one centre of length n per example
     * @param theta0 the starting parameters
     */
    public QuadraticModel(double[][] a, double[][] centres, double[] theta0, GradientMeter meter) {
        this.a = a;
        this.centres = centres;
        this.theta = theta0.clone();
        this.meter = meter;
    }

    /** The batch of the given example indices. */
    public static Indices batch(int... examples) {
        return new Indices(examples.clone());
    }

    private static int[] indices(Batch b) {
        return ((Indices) b).examples();
    }

    /** The loss of example j at p. */
    public double exampleLoss(double[] p, int j) {
        double[] d = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            d[i] = p[i] - centres[j][i];
        }
        double s = 0;
        for (int i = 0; i < d.length; i++) {
            for (int k = 0; k < d.length; k++) {
                s += d[i] * a[i][k] * d[k];
            }
        }
        return 0.5 * s;
    }

    /** The gradient of example j at p: A (p - c_j). */
    public double[] exampleGradient(double[] p, int j) {
        double[] g = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            for (int k = 0; k < p.length; k++) {
                g[i] += a[i][k] * (p[k] - centres[j][k]);
            }
        }
        return g;
    }

    @Override
    public GradientMeter meter() {
        return meter;
    }

    @Override
    public long numParams() {
        return theta.length;
    }

    @Override
    public List<ParameterBlock> layout() {
        return List.of(new ParameterBlock("quadratic", "theta", 0, theta.length, true));
    }

    @Override
    public FlatVector params() {
        return ArrayVector.of(theta);
    }

    @Override
    public void setParams(FlatVector params) {
        theta = params.toDoubleArray();
    }

    @Override
    public FlatVector trainableMask() {
        return ArrayVector.zeros(theta.length).assign(1.0);
    }

    @Override
    public FlatVector zeros() {
        return ArrayVector.zeros(theta.length);
    }

    @Override
    public boolean hasRunningStatistics() {
        return false;
    }

    @Override
    public Batch batch(HostBatch host) {
        return new Indices(host.targets().clone());
    }

    @Override
    public LossGradient lossAndGradient(Batch batch) {
        int[] idx = indices(batch);
        double loss = 0;
        double[] g = new double[theta.length];
        for (int j : idx) {
            loss += exampleLoss(theta, j) / idx.length;
            double[] gj = exampleGradient(theta, j);
            for (int i = 0; i < g.length; i++) {
                g[i] += gj[i] / idx.length;
            }
        }
        meter.recordGradientCall(idx.length);
        return new LossGradient(loss, ArrayVector.of(g), StatisticsUpdate.NONE, idx.length);
    }

    @Override
    public NormalizedGradient perExampleNormalizedGradient(Batch batch) {
        int[] idx = indices(batch);
        double[] norms = new double[idx.length];
        double[] d = new double[theta.length];
        double[] mean = new double[theta.length];
        double loss = 0;
        for (int r = 0; r < idx.length; r++) {
            double[] gj = exampleGradient(theta, idx[r]);
            loss += exampleLoss(theta, idx[r]) / idx.length;
            norms[r] = ArrayVector.of(gj).norm2();
            for (int i = 0; i < d.length; i++) {
                mean[i] += gj[i] / idx.length;
                if (norms[r] > 0) {
                    d[i] += gj[i] / norms[r] / idx.length;
                }
            }
        }
        meter.recordGradientCall(idx.length);
        return new NormalizedGradient(loss, ArrayVector.of(d), norms, ArrayVector.of(mean), StatisticsUpdate.NONE);
    }

    @Override
    public long perExampleDirectionCalls(int batchSize) {
        return 1;
    }

    @Override
    public double loss(Batch batch) {
        int[] idx = indices(batch);
        double loss = 0;
        for (int j : idx) {
            loss += exampleLoss(theta, j) / idx.length;
        }
        meter.recordForwardCall(idx.length);
        return loss;
    }

    @Override
    public void applyStatistics(StatisticsUpdate update) {
        // no running statistics
    }

    @Override
    public void recomputeRunningStatistics(Iterable<Batch> batches) {
        // no running statistics
    }

    @Override
    public void seedStochasticLayers(long seed) {
        // no dropout
    }

    @Override
    public void repeatStochasticLayers() {
        // no dropout
    }

    @Override
    public Predictions predict(Batch batch, GradientMeter evaluationMeter) {
        throw new UnsupportedOperationException("a quadratic has no predictions");
    }

    @Override
    public TrainableModel measurementCopy(GradientMeter copyMeter) {
        return new QuadraticModel(a, centres, theta, copyMeter);
    }

    /** n centres drawn uniformly from [-spread, spread]^dim by a seeded generator. */
    public static double[][] centres(int n, int dim, double spread, long seed) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        List<double[]> out = new ArrayList<>();
        for (int j = 0; j < n; j++) {
            double[] c = new double[dim];
            for (int i = 0; i < dim; i++) {
                c[i] = (2 * r.nextDouble() - 1) * spread;
            }
            out.add(c);
        }
        return out.toArray(new double[0][]);
    }
}
