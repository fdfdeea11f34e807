/**
 * The LibTorch engine (issue 13): the engine boundary of {@code io.salr.optimizers.engine} implemented on
 * PyTorch's C++ library through the bytedeco JavaCPP presets. {@link io.salr.optimizers.torch.TorchEngine} builds
 * the zoo's networks ({@link io.salr.optimizers.torch.TorchModel}) with DL4J's layouts and initialization schemes,
 * so that the methods of Section VI (written once against the boundary) and the sharpness of Definition 1
 * and Algorithm 2 run on it unchanged; {@link io.salr.optimizers.torch.TorchVector} is its flat vector;
 * {@link io.salr.optimizers.torch.TorchRuntime} loads the natives and pins threads, kernels and determinism.
 */
package io.salr.optimizers.torch;
