package io.salr.optimizers.torch;

import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * What a parametric layer leaves in a pass so that the per-example gradient norms can be computed from
 * one backward pass (Algorithm 2 needs ||grad f_j|| for every example j).
 *
 * <p>Every layer of this engine computes, for each example j, outputs {@code Z_j = D-side} of the form
 * {@code Z_j[p] = W a_j[p] + b} over its positions p (one position for a dense layer, the output pixels of
 * a convolution, the time steps of an LSTM or a per-step output layer). With {@code D_j[p] = dL/dZ_j[p]}
 * (the examples are independent without BatchNorm, so this is the gradient of f_j alone), the example's
 * weight gradient is {@code G_j = sum_p D_j[p] a_j[p]^T} and its bias gradient {@code sum_p D_j[p]}. The
 * squared Frobenius norm of G_j is taken either directly (a batched matrix product) or through the Gram
 * matrices, {@code ||G_j||^2 = <A_j A_j^T, D_j D_j^T>} (Goodfellow 2015, "Efficient per-example gradient
 * computations"; Li et al. 2022, "ghost norm"), whichever needs less memory.
 */
interface Tap {

    /** The tensors whose gradients this tap needs (the layer's outputs, one per time step for an LSTM). */
    List<Tensor> outputs();

    /** Per-example squared norms [B] of this layer's parameter gradients, given the gradients of {@link #outputs()}. */
    Tensor squaredNorms(List<Tensor> outputGradients);

    /**
     * Squared norms for inputs {@code a} [B, P, din] and output gradients {@code d} [B, P, dout]: the
     * weight part, plus the bias part when {@code bias}.
     */
    static Tensor positionsSquaredNorms(Tensor a, Tensor d, boolean bias) {
        long b = a.size(0);
        long p = a.size(1);
        long din = a.size(2);
        long dout = d.size(2);
        Tensor weight;
        if (p == 1) {
            Tensor a2 = a.square().sum(1, 2);
            Tensor d2 = d.square().sum(1, 2);
            weight = a2.mul(d2);
        } else if (dout * din <= p * p) {
            Tensor g = torch.bmm(d.transpose(1, 2), a);
            weight = g.square().sum(1, 2);
        } else {
            Tensor ga = torch.bmm(a, a.transpose(1, 2));
            Tensor gd = torch.bmm(d, d.transpose(1, 2));
            weight = ga.mul(gd).sum(1, 2);
        }
        if (!bias) {
            return weight;
        }
        Tensor bs = d.sum(1).square()
                .sum(1);
        if (b != bs.size(0)) {
            throw new IllegalStateException("per-example norms: batch sizes differ");
        }
        return weight.add(bs);
    }

    /** A dense layer on [B, in] (one position) or on [B, T, in] (T positions, the per-step output layer). */
    record Dense(Tensor input, Tensor output, boolean bias) implements Tap {
        @Override
        public List<Tensor> outputs() {
            return List.of(output);
        }

        @Override
        public Tensor squaredNorms(List<Tensor> g) {
            Tensor a = input.dim() == 2 ? input.unsqueeze(1) : input;
            Tensor d = g.get(0).dim() == 2 ? g.get(0).unsqueeze(1) : g.get(0);
            return positionsSquaredNorms(a, d, bias);
        }
    }

    /** A convolution of an (already asymmetrically padded) input with symmetric padding {@code pad}. */
    record Conv(Tensor input, Tensor output, long kernel, long stride, long pad, boolean bias) implements Tap {
        @Override
        public List<Tensor> outputs() {
            return List.of(output);
        }

        @Override
        public Tensor squaredNorms(List<Tensor> g) {
            long b = input.size(0);
            Tensor cols = torch.im2col(input, new long[] {kernel, kernel}, new long[] {1, 1},
                    new long[] {pad, pad}, stride, stride); // [B, Cin*k*k, P]
            Tensor a = cols.transpose(1, 2);
            Tensor d = g.get(0).reshape(b, g.get(0).size(1), -1).transpose(1, 2); // [B, P, Cout]
            return positionsSquaredNorms(a, d, bias);
        }
    }

    /**
     * An LSTM layer: at step t the gate pre-activations {@code z_t = W x_t + RW h_{t-1} + b}; W and RW see
     * the concatenated input {@code [x_t, h_{t-1}]}, so one tap covers W, RW and b.
     */
    record Lstm(Tensor inputs, List<Tensor> previousHidden, List<Tensor> gates) implements Tap {
        @Override
        public List<Tensor> outputs() {
            return gates;
        }

        @Override
        public Tensor squaredNorms(List<Tensor> g) {
            Tensor h = torch.stack(new TensorVector(previousHidden.toArray(new Tensor[0])), 1); // [B, T, H]
            Tensor a = torch.cat(new TensorVector(inputs, h), 2);                              // [B, T, in+H]
            Tensor d = torch.stack(new TensorVector(g.toArray(new Tensor[0])), 1);              // [B, T, 4H]
            return positionsSquaredNorms(a, d, true);
        }
    }
}
