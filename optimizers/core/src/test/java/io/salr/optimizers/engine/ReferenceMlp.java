package io.salr.optimizers.engine;

import io.salr.optimizers.meter.GradientMeter;
import io.salr.validation.Checks;
import io.salr.validation.InvalidParameterException;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The plain-Java reference network: one hidden tanh layer and a softmax output with cross-entropy, on
 * {@code double[]}, every gradient by hand-written backpropagation, one example at a time. Example j's
 * loss is f_j = -log softmax(W2 tanh(W1 x_j + b1) + b2)[y_j]; a batch's loss is the mean. Because each
 * example's gradient is computed on its own, Algorithm 2's direction is exact here by construction, and
 * one pass gives it (the meter counts one gradient call, as for an engine that takes per-example norms
 * from one pass). No BatchNorm, no dropout; float64 throughout, so the measurement copy is a plain copy.
 *
 * <p>Layout: hidden W (hidden x inputs, row-major), hidden b, out W (classes x hidden), out b.
 */
public final class ReferenceMlp implements TrainableModel {

    /** A batch: the examples' features and class indices. */
    public record Examples(double[][] x, int[] y) implements Batch {
        @Override
        public int size() {
            return y.length;
        }
    }

    private final int inputs;
    private final int hidden;
    private final int classes;
    private final GradientMeter meter;
    private final List<ParameterBlock> layout;
    private double[] theta;

    /** A network with weights drawn uniformly from +-1/sqrt(fan-in) by a generator seeded with {@code seed}. */
    public ReferenceMlp(int inputs, int hidden, int classes, long seed, GradientMeter meter) {
        this(inputs, hidden, classes, initial(inputs, hidden, classes, seed), meter);
    }

    private ReferenceMlp(int inputs, int hidden, int classes, double[] theta, GradientMeter meter) {
        Checks.atLeast("inputs", inputs, 1);
        Checks.atLeast("hidden", hidden, 1);
        Checks.atLeast("classes", classes, 2);
        this.inputs = inputs;
        this.hidden = hidden;
        this.classes = classes;
        this.meter = Checks.present("meter", meter);
        this.theta = theta.clone();
        long w1 = (long) hidden * inputs;
        long w2 = (long) classes * hidden;
        this.layout = List.of(new ParameterBlock("hidden", "W", 0, w1, true),
                new ParameterBlock("hidden", "b", w1, hidden, true),
                new ParameterBlock("out", "W", w1 + hidden, w2, true),
                new ParameterBlock("out", "b", w1 + hidden + w2, classes, true));
    }

    private static double[] initial(int inputs, int hidden, int classes, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] t = new double[hidden * inputs + hidden + classes * hidden + classes];
        int k = 0;
        for (int i = 0; i < hidden * inputs; i++) {
            t[k++] = r.nextDouble(-1, 1) / Math.sqrt(inputs);
        }
        k += hidden;
        for (int i = 0; i < classes * hidden; i++) {
            t[k++] = r.nextDouble(-1, 1) / Math.sqrt(hidden);
        }
        return t;
    }

    /** {@code b} examples with {@code inputs} features uniform in [-1, 1) and uniform labels, seeded. */
    public static HostBatch images(int b, int inputs, int classes, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[b * inputs];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextDouble(-1, 1);
        }
        int[] y = new int[b];
        for (int j = 0; j < b; j++) {
            y[j] = r.nextInt(classes);
        }
        return new HostBatch(HostBatch.Kind.IMAGES, x, new int[0], y, new int[] {1, 1, inputs}, classes);
    }

    /** The current parameters as a plain array (a copy). */
    public double[] theta() {
        return theta.clone();
    }

    /** The loss of one example at parameters {@code p}. */
    public double exampleLoss(double[] p, double[] x, int y) {
        double[] logits = logits(p, x, new double[hidden]);
        return logSumExp(logits) - logits[y];
    }

    /** The gradient of one example's loss at parameters {@code p}, by backpropagation. */
    public double[] exampleGradient(double[] p, double[] x, int y) {
        double[] z = new double[hidden];
        double[] o = logits(p, x, z);
        double lse = logSumExp(o);
        double[] g = new double[p.length];
        int w1 = hidden * inputs;
        int b1 = w1;
        int w2 = w1 + hidden;
        int b2 = w2 + classes * hidden;
        double[] dz = new double[hidden];
        for (int c = 0; c < classes; c++) {
            double d = Math.exp(o[c] - lse) - (c == y ? 1 : 0);
            g[b2 + c] = d;
            for (int h = 0; h < hidden; h++) {
                g[w2 + c * hidden + h] = d * z[h];
                dz[h] += d * p[w2 + c * hidden + h];
            }
        }
        for (int h = 0; h < hidden; h++) {
            double da = dz[h] * (1 - z[h] * z[h]);
            g[b1 + h] = da;
            for (int i = 0; i < inputs; i++) {
                g[h * inputs + i] = da * x[i];
            }
        }
        return g;
    }

    /** The output logits for {@code x}; fills {@code z} with the hidden activations. */
    private double[] logits(double[] p, double[] x, double[] z) {
        int b1 = hidden * inputs;
        int w2 = b1 + hidden;
        int b2 = w2 + classes * hidden;
        for (int h = 0; h < hidden; h++) {
            double a = p[b1 + h];
            for (int i = 0; i < inputs; i++) {
                a += p[h * inputs + i] * x[i];
            }
            z[h] = Math.tanh(a);
        }
        double[] o = new double[classes];
        for (int c = 0; c < classes; c++) {
            double v = p[b2 + c];
            for (int h = 0; h < hidden; h++) {
                v += p[w2 + c * hidden + h] * z[h];
            }
            o[c] = v;
        }
        return o;
    }

    private static double logSumExp(double[] o) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : o) {
            max = Math.max(max, v);
        }
        double s = 0;
        for (double v : o) {
            s += Math.exp(v - max);
        }
        return max + Math.log(s);
    }

    private static Examples own(Batch batch) {
        if (!(batch instanceof Examples e)) {
            throw new InvalidParameterException("batch", batch == null ? "null" : batch.getClass().getName(),
                    "must be a batch of the reference model (ReferenceMlp.Examples)");
        }
        return e;
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
        return layout;
    }

    @Override
    public FlatVector params() {
        return ArrayVector.of(theta);
    }

    @Override
    public void setParams(FlatVector params) {
        Checks.present("params", params);
        if (!(params instanceof ArrayVector)) {
            throw new InvalidParameterException("params", params.getClass().getName(), "must be an ArrayVector");
        }
        if (params.length() != theta.length) {
            throw new InvalidParameterException("params.length", params.length(), "must equal numParams " + theta.length);
        }
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
        Checks.present("host", host);
        if (host.kind() != HostBatch.Kind.IMAGES) {
            throw new InvalidParameterException("batch.kind", host.kind(), "must be IMAGES");
        }
        if (host.numClasses() != classes) {
            throw new InvalidParameterException("batch.numClasses", host.numClasses(), "must equal " + classes);
        }
        int b = host.targets().length;
        if (host.features().length != b * inputs) {
            throw new InvalidParameterException("batch.features.length", host.features().length,
                    "must be " + b + " examples x " + inputs + " inputs");
        }
        double[][] x = new double[b][inputs];
        for (int j = 0; j < b; j++) {
            for (int i = 0; i < inputs; i++) {
                x[j][i] = host.features()[j * inputs + i];
            }
        }
        return new Examples(x, host.targets().clone());
    }

    @Override
    public LossGradient lossAndGradient(Batch batch) {
        Examples e = own(batch);
        int b = e.size();
        double loss = 0;
        double[] g = new double[theta.length];
        for (int j = 0; j < b; j++) {
            loss += exampleLoss(theta, e.x()[j], e.y()[j]) / b;
            double[] gj = exampleGradient(theta, e.x()[j], e.y()[j]);
            for (int i = 0; i < g.length; i++) {
                g[i] += gj[i] / b;
            }
        }
        meter.recordGradientCall(b);
        return new LossGradient(loss, ArrayVector.of(g), StatisticsUpdate.NONE, b);
    }

    @Override
    public NormalizedGradient perExampleNormalizedGradient(Batch batch) {
        Examples e = own(batch);
        int b = e.size();
        double loss = 0;
        double[] norms = new double[b];
        double[] direction = new double[theta.length];
        double[] mean = new double[theta.length];
        for (int j = 0; j < b; j++) {
            loss += exampleLoss(theta, e.x()[j], e.y()[j]) / b;
            double[] gj = exampleGradient(theta, e.x()[j], e.y()[j]);
            norms[j] = ArrayVector.of(gj).norm2();
            for (int i = 0; i < gj.length; i++) {
                mean[i] += gj[i] / b;
                if (norms[j] > 0) {
                    direction[i] += gj[i] / norms[j] / b;
                }
            }
        }
        meter.recordGradientCall(b);
        return new NormalizedGradient(loss, ArrayVector.of(direction), norms, ArrayVector.of(mean), StatisticsUpdate.NONE);
    }

    /** One pass gives every example's gradient. */
    @Override
    public long perExampleDirectionCalls(int batchSize) {
        return 1;
    }

    @Override
    public double loss(Batch batch) {
        Examples e = own(batch);
        double loss = 0;
        for (int j = 0; j < e.size(); j++) {
            loss += exampleLoss(theta, e.x()[j], e.y()[j]) / e.size();
        }
        meter.recordForwardCall(e.size());
        return loss;
    }

    @Override
    public void applyStatistics(StatisticsUpdate update) {
        Checks.present("update", update);
    }

    @Override
    public void recomputeRunningStatistics(Iterable<Batch> batches) {
        Checks.present("batches", batches);
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
        Examples e = own(batch);
        Checks.present("meter", evaluationMeter);
        double lossSum = 0;
        long correct = 0;
        for (int j = 0; j < e.size(); j++) {
            double[] o = logits(theta, e.x()[j], new double[hidden]);
            lossSum += logSumExp(o) - o[e.y()[j]];
            int best = 0;
            for (int c = 1; c < classes; c++) {
                if (o[c] > o[best]) {
                    best = c;
                }
            }
            correct += best == e.y()[j] ? 1 : 0;
        }
        evaluationMeter.recordForwardCall(e.size());
        return new Predictions(lossSum, correct, e.size());
    }

    @Override
    public TrainableModel measurementCopy(GradientMeter copyMeter) {
        return new ReferenceMlp(inputs, hidden, classes, theta, copyMeter);
    }

    @Override
    public String toString() {
        return "ReferenceMlp[" + inputs + "-" + hidden + "-" + classes + ", " + theta.length + " parameters]";
    }
}
