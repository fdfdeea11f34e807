package io.salr.optimizers.torch;

import org.bytedeco.pytorch.Tensor;

/** One step of a network's forward computation, written with ATen's functional operators. */
interface Layer {

    /** The layer's output for input {@code x} in pass {@code pass}. */
    Tensor forward(Tensor x, Pass pass);
}
