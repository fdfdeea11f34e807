package io.salr.optimizers.methods;

import io.salr.optimizers.engine.Batch;
import io.salr.optimizers.engine.LossGradient;
import io.salr.optimizers.engine.NormalizedGradient;

/**
 * The forward+backward pass at theta_k on the step's batch B_k, made at most once per step and shared
 * by whoever needs it: the first direction of both probe chains of Algorithm 2 (when the probe walks on
 * B_k), the update's gradient (Algorithms 3 and 4) and the first Langevin gradient of Entropy-SGD. This
 * is what makes SGD-SALR cost 1 + (n1 - 1 + n2 - 1) / c = 5 gradient calls per iteration at
 * n1 = n2 = 5, c = 2, as the paper's budgets (40 SALR epochs against 200 SGD epochs) imply: the saving is
 * a pass not made, and the meter shows it.
 *
 * <p>Dropout: the pass is made with the masks of the step's seed ({@code repeatStochasticLayers}), the
 * same masks every pass of the step's sharpness measurement sees.
 */
final class StepPass {

    private final StepContext ctx;
    private final Batch batch;
    private LossGradient lossGradient;
    private NormalizedGradient normalized;

    StepPass(StepContext ctx, Batch batch) {
        this.ctx = ctx;
        this.batch = batch;
    }

    /** The batch of the step. */
    Batch batch() {
        return batch;
    }

    /** The mean loss and gradient at theta_k on B_k: from the per-example pass when one was made, else one pass. */
    LossGradient lossGradient(double rate) {
        if (lossGradient == null) {
            if (normalized != null) {
                lossGradient = new LossGradient(normalized.loss(), normalized.gradient().dup(), normalized.statistics(),
                        batch.size());
            } else {
                ctx.model.repeatStochasticLayers();
                lossGradient = ctx.gradient(batch, rate);
            }
        }
        return lossGradient;
    }

    /** Algorithm 2's per-example direction at theta_k on B_k, with the mean gradient of the same passes. */
    NormalizedGradient normalized() {
        if (normalized == null) {
            ctx.model.repeatStochasticLayers();
            NormalizedGradient n = ctx.model.perExampleNormalizedGradient(batch);
            ctx.check(new LossGradient(n.loss(), n.gradient(), n.statistics(), batch.size()), Double.NaN);
            normalized = n;
        }
        return normalized;
    }
}
