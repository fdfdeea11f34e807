package io.salr.optimizers.dl4j;

import io.salr.optimizers.engine.ParameterBlock;
import io.salr.optimizers.meter.GradientMeter;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * A DL4J network seen as the objective of Section V, eq. (3): the mean over a batch of per-example
 * losses (for sequence outputs, the mean over examples and time steps), as a function of the flat
 * parameter vector. One interface serves {@code MultiLayerNetwork}
 * and {@code ComputationGraph} (single input, single output); every pass through the network is
 * counted by the adapter's {@link GradientMeter}.
 *
 * <p><b>Forward mode.</b> Every loss and gradient here is computed in DL4J's training mode: BatchNorm
 * normalizes with the statistics of the batch at hand (and dropout, if configured, is active). This is
 * the loss f that training minimizes, so the sharpness probes of Algorithm 2 measure the same f the
 * step descends. No pass changes the parameters: in DL4J the running statistics move only when a step
 * subtracts {@link LossGradient#statisticsStep()}, so a probe that never applies that step (and
 * restores the parameters exactly) leaves them untouched.
 *
 * <p>Networks must be configured without DL4J regularization (l1, l2, weight decay): the methods apply
 * weight decay themselves, and DL4J's would otherwise be added to every loss and probe. The adapters
 * reject such networks when built.
 */
public interface NetworkAdapter {

    /** An adapter for a MultiLayerNetwork (initialized) that counts its passes on {@code meter}. */
    static NetworkAdapter of(MultiLayerNetwork network, GradientMeter meter) {
        return new MultiLayerNetworkAdapter(network, meter);
    }

    /** An adapter for a single-input, single-output ComputationGraph (initialized). */
    static NetworkAdapter of(ComputationGraph graph, GradientMeter meter) {
        return new ComputationGraphAdapter(graph, meter);
    }

    /** The meter every pass is counted on. */
    GradientMeter meter();

    /** The number of entries of the flat parameter vector (running statistics included). */
    long numParams();

    /** The network's floating-point type; every vector this adapter returns has it. */
    DataType dataType();

    /** Where each named parameter array lies in the flat vector, in order. */
    List<ParameterBlock> layout();

    /** A fresh rank-1 copy of the flat parameter vector. */
    INDArray params();

    /** Copies {@code params} (rank-1 or [1, n], length {@link #numParams()}) into the network, bit for bit. */
    void setParams(INDArray params);

    /**
     * A fresh rank-1 vector with 1 at every trainable position and 0 at the BatchNorm running-statistic
     * positions. Gradient norms, normalized steps, perturbations and noise are restricted to it.
     */
    INDArray trainableMask();

    /** True when the network has BatchNorm running statistics in its parameter vector. */
    boolean hasRunningStatistics();

    /** One forward+backward pass: the mean loss and mean gradient on {@code batch}. Counted as one gradient call. */
    LossGradient lossAndGradient(DataSet batch);

    /**
     * Algorithm 2's direction (1/B) sum_j grad f_j / ||grad f_j||, with the norms taken over the
     * trainable positions. Each per-example gradient comes from a forward+backward pass over the whole
     * batch with a one-hot label mask, so it is taken in the context of its batch (BatchNorm couples the
     * examples of a batch); the direction is accumulated from those same passes, so it costs no extra
     * pass. An example whose gradient is exactly zero contributes nothing. Counted as B gradient calls.
     *
     * <p>DESIGN.md suggested one weighted backward pass with label-mask weights 1/||grad f_j||; DL4J
     * multiplies the output layer's pre-activations by the label mask as well as the loss, so a mask is
     * a per-example loss weight only for the values 0 and 1 (see the adapter tests), and the weighted
     * pass would also cost a pass more.
     */
    NormalizedGradient perExampleNormalizedGradient(DataSet batch);

    /** The mean loss on {@code batch}, forward only, training mode. Counted as one forward call. */
    double loss(DataSet batch);

    /**
     * Recomputes the BatchNorm running statistics as the equal-weight average over {@code batches} of
     * each batch's statistics at the current weights (the BN update that SWA needs at its end, as
     * {@code torch.optim.swa_utils.update_bn} does). DL4J computes running-statistic updates in the
     * backward pass, so each batch costs one gradient call. Does nothing (and counts nothing) when the
     * network has no running statistics.
     */
    void recomputeRunningStatistics(Iterable<DataSet> batches);
}
