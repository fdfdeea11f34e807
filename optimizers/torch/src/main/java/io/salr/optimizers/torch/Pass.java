package io.salr.optimizers.torch;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.Generator;
import org.bytedeco.pytorch.Tensor;

/**
 * What one forward pass needs besides its input: the mode, the parameters, the dropout generator, and
 * where layers leave what the model reads afterwards (each BatchNorm layer's batch statistics; for
 * per-example gradient norms, each parametric layer's input and output).
 */
final class Pass {

    final boolean training;
    final ParameterSpace params;
    /** Draws the dropout masks, or null when dropout is off in this pass. */
    final Generator dropout;
    /** Filled by BatchNorm layers in training mode, in layer order. */
    final List<BatchNormLayer.Statistics> statistics = new ArrayList<>();
    /** Filled by parametric layers when per-example norms are asked for, else null. */
    final List<Tap> taps;

    Pass(boolean training, ParameterSpace params, Generator dropout, boolean recordTaps) {
        this.training = training;
        this.params = params;
        this.dropout = dropout;
        this.taps = recordTaps ? new ArrayList<>() : null;
    }

    Tensor param(int slot) {
        return params.param(slot);
    }

    Tensor view(int slot) {
        return params.view(slot);
    }
}
