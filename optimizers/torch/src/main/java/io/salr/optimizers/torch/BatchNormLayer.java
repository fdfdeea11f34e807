package io.salr.optimizers.torch;

import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;

/**
 * BatchNorm with DL4J's conventions (1.0.0-M2.1, {@code nn.layers.normalization.BatchNormalization} and
 * its builder defaults): eps 1e-5, decay 0.9, normalization by the biased batch variance over the
 * examples (and, for images, the pixels), and the running variance stored as log10 of the standard
 * deviation ({@code useLogStd = true}, parameter key {@code log10stdev}, initial value 0, i.e. variance 1).
 * Parameters in DL4J's order: gamma (1), beta (0), mean (0), log10stdev (0); the last two are not trainable.
 *
 * <p>In training mode the layer normalizes with the batch's statistics and leaves the running ones alone:
 * ATen's {@code batch_norm} updates its running buffers in place, so it gets scratch buffers with momentum 1,
 * which receive the batch mean and the unbiased batch variance; the layer turns the latter into the biased one
 * and records both in the pass. {@link #apply} later moves the running statistics the way DL4J does:
 * mean -= (1 - decay) (mean - batchMean), and with var = (10^log10stdev)^2,
 * var' = decay var + (1 - decay) batchVar, log10stdev -= log10(var / var') / 2.
 */
final class BatchNormLayer implements Layer {

    static final double DECAY = 0.9;
    static final double EPS = 1e-5;

    /** One BatchNorm layer's batch statistics from one training-mode pass. */
    record Statistics(BatchNormLayer layer, Tensor mean, Tensor variance) {
    }

    private final int gamma;
    private final int beta;
    private final int mean;
    private final int logStd;
    private final long channels;
    private final String name;

    BatchNormLayer(ParameterSpace space, String name, long channels) {
        this.gamma = space.add(name, "gamma", new long[] {channels}, true, ParameterSpace.constant(1.0));
        this.beta = space.add(name, "beta", new long[] {channels}, true, ParameterSpace.constant(0.0));
        this.mean = space.add(name, "mean", new long[] {channels}, false, ParameterSpace.constant(0.0));
        this.logStd = space.add(name, "log10stdev", new long[] {channels}, false, ParameterSpace.constant(0.0));
        this.channels = channels;
        this.name = name;
    }

    String name() {
        return name;
    }

    @Override
    public Tensor forward(Tensor x, Pass pass) {
        if (pass.training) {
            long n = x.numel() / channels;
            if (n < 2) {
                throw new IllegalArgumentException("BatchNorm layer " + name + " sees " + n
                        + " value per channel: a training-mode pass needs a batch of at least 2 examples");
            }
            TensorOptions options = new TensorOptions(x.scalar_type()).device(new org.bytedeco.pytorch.DeviceOptional(x.device()));
            Tensor batchMean = torch.zeros(new long[] {channels}, options);
            Tensor batchVar = torch.zeros(new long[] {channels}, options);
            Tensor y = torch.batch_norm(x, new TensorOptional(pass.param(gamma)), new TensorOptional(pass.param(beta)),
                    new TensorOptional(batchMean), new TensorOptional(batchVar), true, 1.0, EPS, false);
            // ATen stored the unbiased variance var_sum/(n-1); DL4J's statistic is the biased var_sum/n.
            // (Not in place: the backward pass of batch_norm checks that its saved buffers are unchanged.)
            Tensor biased = batchVar.mul(new Scalar((n - 1) / (double) n));
            pass.statistics.add(new Statistics(this, TorchVector.keep(batchMean), TorchVector.keep(biased)));
            return y;
        }
        Tensor variance = runningVariance(pass.view(logStd));
        return torch.batch_norm(x, new TensorOptional(pass.param(gamma)), new TensorOptional(pass.param(beta)),
                new TensorOptional(pass.view(mean)), new TensorOptional(variance), false, 0.0, EPS, false);
    }

    /** var = (10^log10stdev)^2, as DL4J computes it. */
    private static Tensor runningVariance(Tensor log10Std) {
        return torch.pow(new Scalar(10.0), log10Std).square();
    }

    /** Moves this layer's running statistics towards {@code s} with the given decay (no autograd). */
    void apply(Statistics s, double decay, ParameterSpace space) {
        Tensor m = space.view(mean);
        Tensor l = space.view(logStd);
        m.sub_(m.sub(s.mean()).mul_(new Scalar(1.0 - decay)));
        Tensor vari = runningVariance(l);
        Tensor varNext = vari.mul(new Scalar(decay)).add_(s.variance().mul(new Scalar(1.0 - decay)));
        Tensor step = vari.div(varNext).log_().mul_(new Scalar(1.0 / (2.0 * Math.log(10.0))));
        l.sub_(step);
    }
}
