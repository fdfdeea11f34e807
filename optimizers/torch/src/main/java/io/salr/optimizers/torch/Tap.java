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
 * computations"; Li et al. 2022, "ghost norm"), the Gram route only where it needs both less memory and
 * fewer operations.
 *
 * <p>Once the norms are known, the same stored tensors give Algorithm 2's direction: with example weights
 * w_j, the weighted weight gradient sum_j w_j G_j is {@code (w D)^T A} over all examples and positions at
 * once (one more weight-gradient product per layer, DESIGN "per-example direction"), and the weighted
 * bias gradient {@code sum_j w_j sum_p D_j[p]}; no second backward pass is needed.
 */
interface Tap {

    /** The tensors whose gradients this tap needs (the layer's outputs, one per time step for an LSTM). */
    List<Tensor> outputs();

    /** Per-example squared norms [B] of this layer's parameter gradients, given the gradients of {@link #outputs()}. */
    Tensor squaredNorms(List<Tensor> outputGradients);

    /**
     * Writes sum_j w_j G_j for each of this layer's parameters into its slot of {@code target} (the flat
     * vector of {@code space}'s layout), given the gradients of {@link #outputs()} and the example weights
     * {@code w} [B] in the pass's floating-point type.
     */
    void weightedGradient(List<Tensor> outputGradients, Tensor w, ParameterSpace space, Tensor target);

    /**
     * sum_j w_j sum_p d_j[p] a_j[p]^T as a [dout, din] matrix, for inputs {@code a} [B, P, din] and output
     * gradients {@code d} [B, P, dout]: the weighted rows of D against the rows of A in one product.
     */
    static Tensor weightedProduct(Tensor a, Tensor dw) {
        Tensor a2 = a.reshape(-1, a.size(2));
        Tensor d2 = dw.reshape(-1, dw.size(2));
        return d2.t().mm(a2);
    }

    /** {@code d} [B, P, dout] with example j's rows scaled by w_j. */
    static Tensor weighted(Tensor d, Tensor w) {
        return d.mul(w.reshape(-1, 1, 1));
    }

    /**
     * {@link #weightedProduct} written straight into {@code slot}'s part of {@code target} (no product tensor
     * and no copy); the slot holds a [dout, din] matrix, or one of the same number of entries in that order.
     */
    static void putWeightedProduct(ParameterSpace space, int slot, Tensor target, Tensor a, Tensor dw) {
        Tensor out = target.narrow(0, space.offset(slot), space.slot(slot).numel()).view(dw.size(2), a.size(2));
        torch.mm_out(out, dw.reshape(-1, dw.size(2)).t(), a.reshape(-1, a.size(2)));
    }

    /** Copies {@code value} (any shape with the slot's number of entries) into {@code slot}'s part of {@code target}. */
    static void put(ParameterSpace space, int slot, Tensor target, Tensor value) {
        target.narrow(0, space.offset(slot), space.slot(slot).numel()).copy_(value.reshape(-1));
    }

    /** Positions-major views of a dense layer's input and output gradient: [B, P, features]. */
    static Tensor positions(Tensor x) {
        return x.dim() == 2 ? x.unsqueeze(1) : x;
    }

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
        } else if (dout * din <= Math.max(p * p, p * (din + dout))) {
            // the per-example gradients themselves (B x dout x din) where they are smaller than the Gram
            // matrices (B x P x P) or cheaper to form (P din dout multiply-adds per example against
            // P^2 (din + dout)): LeNet's second convolution, 50 x 500 over 64 positions, takes this branch
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
    record Dense(Tensor input, Tensor output, int weightSlot, int biasSlot) implements Tap {
        @Override
        public List<Tensor> outputs() {
            return List.of(output);
        }

        @Override
        public Tensor squaredNorms(List<Tensor> g) {
            return positionsSquaredNorms(positions(input), positions(g.get(0)), biasSlot >= 0);
        }

        @Override
        public void weightedGradient(List<Tensor> g, Tensor w, ParameterSpace space, Tensor target) {
            Tensor dw = weighted(positions(g.get(0)), w);
            putWeightedProduct(space, weightSlot, target, positions(input), dw);
            if (biasSlot >= 0) {
                put(space, biasSlot, target, dw.sum(0, 1));
            }
        }
    }

    /** A convolution of an (already asymmetrically padded) input with symmetric padding {@code pad}. */
    final class Conv implements Tap {
        private final Tensor input;
        private final Tensor output;
        private final long kernel;
        private final long stride;
        private final long pad;
        private final int weightSlot;
        private final int biasSlot;
        /** The patch matrix [B, P, Cin*k*k], formed once for the norms and reused for the direction. */
        private Tensor patches;

        Conv(Tensor input, Tensor output, long kernel, long stride, long pad, int weightSlot, int biasSlot) {
            this.input = input;
            this.output = output;
            this.kernel = kernel;
            this.stride = stride;
            this.pad = pad;
            this.weightSlot = weightSlot;
            this.biasSlot = biasSlot;
        }

        @Override
        public List<Tensor> outputs() {
            return List.of(output);
        }

        private Tensor patches() {
            if (patches == null) {
                // im2col orders a patch's entries (channel, row, column), as W [Cout, Cin, k, k] is flattened
                patches = torch.im2col(input, new long[] {kernel, kernel}, new long[] {1, 1},
                        new long[] {pad, pad}, stride, stride).transpose(1, 2); // [B, P, Cin*k*k]
            }
            return patches;
        }

        private Tensor errors(Tensor g) {
            return g.reshape(g.size(0), g.size(1), -1).transpose(1, 2); // [B, P, Cout]
        }

        @Override
        public Tensor squaredNorms(List<Tensor> g) {
            return positionsSquaredNorms(patches(), errors(g.get(0)), biasSlot >= 0);
        }

        @Override
        public void weightedGradient(List<Tensor> g, Tensor w, ParameterSpace space, Tensor target) {
            Tensor dw = weighted(errors(g.get(0)), w);
            putWeightedProduct(space, weightSlot, target, patches(), dw);
            if (biasSlot >= 0) {
                put(space, biasSlot, target, dw.sum(0, 1));
            }
        }
    }

    /**
     * An LSTM layer: at step t the gate pre-activations {@code z_t = W x_t + RW h_{t-1} + b}; W and RW see
     * the concatenated input {@code [x_t, h_{t-1}]}, so one tap covers W, RW and b.
     */
    record Lstm(Tensor inputs, List<Tensor> previousHidden, List<Tensor> gates, int inputSlot, int recurrentSlot,
            int biasSlot) implements Tap {
        @Override
        public List<Tensor> outputs() {
            return gates;
        }

        private Tensor concatenated() {
            Tensor h = torch.stack(new TensorVector(previousHidden.toArray(new Tensor[0])), 1); // [B, T, H]
            return torch.cat(new TensorVector(inputs, h), 2);                                  // [B, T, in+H]
        }

        private static Tensor errors(List<Tensor> g) {
            return torch.stack(new TensorVector(g.toArray(new Tensor[0])), 1);                 // [B, T, 4H]
        }

        @Override
        public Tensor squaredNorms(List<Tensor> g) {
            return positionsSquaredNorms(concatenated(), errors(g), true);
        }

        @Override
        public void weightedGradient(List<Tensor> g, Tensor w, ParameterSpace space, Tensor target) {
            Tensor dw = weighted(errors(g), w);
            Tensor full = weightedProduct(concatenated(), dw); // [4H, in+H]: W's columns, then RW's
            long in = inputs.size(2);
            put(space, inputSlot, target, full.narrow(1, 0, in));
            put(space, recurrentSlot, target, full.narrow(1, in, full.size(1) - in));
            put(space, biasSlot, target, dw.sum(0, 1));
        }
    }
}
