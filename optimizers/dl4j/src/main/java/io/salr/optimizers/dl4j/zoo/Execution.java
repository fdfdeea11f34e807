package io.salr.optimizers.dl4j.zoo;

import io.salr.optimizers.engine.ModelSpec;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;

/**
 * How the networks of the zoo execute on DL4J 1.0.0-M2.1: the one place that holds what makes training
 * fast. {@link #FAST} is the default of {@link ModelZoo#build(ModelSpec)}; {@link #PLAIN} is DL4J as
 * configured out of the box, kept to test that both compute the same losses (they agree to float
 * rounding on a fixed seed) and to measure what {@code FAST} gains.
 *
 * <p>What {@code FAST} changes, each a measured cost of the plain path (docs/performance.md):
 * <ul>
 *   <li>{@code cacheMode(DEVICE)}: a convolution layer keeps its forward im2col for the backward pass,
 *       which otherwise runs the convolution forward a second time;</li>
 *   <li>DL4J's oneDNN layer helpers (convolution, pooling, BatchNorm, LRN). M2.1 keeps them off unless
 *       the system property {@value #HELPERS_PROPERTY} is {@code false}, and even then its helper probe
 *       looks up {@code org.nd4j.nativeblas.Nd4jCpu$Environment.isUseMKLDNN()}, which the M2.1 natives
 *       renamed; the class of that name in this module answers the probe from the natives' own
 *       {@code isUseONEDNN()}. With the oneDNN natives on the class path (the default build,
 *       {@code nd4j-native} classifier {@code linux-x86_64-onednn-avx2}) the helpers replace the
 *       im2col-into-a-permuted-view convolution, which takes about half of a LeNet step otherwise. With
 *       other natives the probe answers false and the layers keep DL4J's own implementation.</li>
 * </ul>
 * Process-wide settings cannot be changed once the natives are loaded, so the launcher {@code ./salr}
 * sets them (and the test configuration repeats them): {@code OMP_WAIT_POLICY=PASSIVE} (idle OpenMP
 * threads sleep instead of spinning against OpenBLAS and other processes), JavaCPP's
 * {@code maxbytes}/{@code maxphysicalbytes} (the garbage collector runs before the off-heap arrays of
 * past steps fill the machine) and, for sweeps of small models, {@code OMP_NUM_THREADS=1} per worker.
 */
public enum Execution {

    /** cacheMode DEVICE and the oneDNN layer helpers: the default. */
    FAST,

    /** DL4J's defaults: no cache, no layer helpers. */
    PLAIN;

    /** The DL4J system property that switches layer helpers off when {@code true} (its M2.1 default). */
    public static final String HELPERS_PROPERTY = "org.eclipse.deeplearning4j.helpers.disable";

    /** Applies this mode's configuration-level settings to a network configuration builder. */
    NeuralNetConfiguration.Builder configure(NeuralNetConfiguration.Builder builder) {
        return builder.cacheMode(this == FAST ? CacheMode.DEVICE : CacheMode.NONE);
    }

    /**
     * Runs {@code init} (which creates the network's layers, and with them their helpers) with DL4J's
     * layer helpers switched on for {@link #FAST} and off for {@link #PLAIN}. DL4J reads the switch when
     * a layer is created, so the system property is set for the duration of {@code init} and restored
     * after; builds are serialized so that two builds cannot see each other's setting.
     */
    <T> T initialize(java.util.function.Supplier<T> init) {
        synchronized (Execution.class) {
            String before = System.getProperty(HELPERS_PROPERTY);
            System.setProperty(HELPERS_PROPERTY, this == FAST ? "false" : "true");
            try {
                return init.get();
            } finally {
                if (before == null) {
                    System.clearProperty(HELPERS_PROPERTY);
                } else {
                    System.setProperty(HELPERS_PROPERTY, before);
                }
            }
        }
    }
}
