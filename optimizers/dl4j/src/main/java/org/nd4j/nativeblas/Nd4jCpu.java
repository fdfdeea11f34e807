package org.nd4j.nativeblas;

import java.lang.reflect.Method;

/**
 * Answers DL4J 1.0.0-M2.1's oneDNN helper probe. {@code BaseMKLDNNHelper.mklDnnEnabled()} loads the
 * class {@code org.nd4j.nativeblas.Nd4jCpu$Environment} by name and calls
 * {@code getInstance().isUseMKLDNN()}; the M2.1 natives moved that class to
 * {@code org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment} and renamed the method
 * {@code isUseONEDNN()}, so without this class the probe fails and every helper is dropped. Nothing
 * else refers to this class; see {@link io.salr.optimizers.dl4j.zoo.Execution}.
 */
public final class Nd4jCpu {

    private Nd4jCpu() {
    }

    /** The environment the helper probe asks; it forwards to the natives' own environment. */
    public static final class Environment {

        private static final Environment INSTANCE = new Environment();

        private Environment() {
        }

        /** The single instance, as the natives' {@code Environment.getInstance()}. */
        public static Environment getInstance() {
            return INSTANCE;
        }

        /**
         * Whether the loaded natives were built with oneDNN and use it: the natives' {@code isUseONEDNN()},
         * or false where the CPU bindings are absent (the CUDA backend) or lack the method.
         */
        public boolean isUseMKLDNN() {
            try {
                Class<?> env = Class.forName("org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment");
                Object instance = env.getMethod("getInstance").invoke(null);
                Method use = env.getMethod("isUseONEDNN");
                return (Boolean) use.invoke(instance);
            } catch (ReflectiveOperationException | LinkageError e) {
                return false;
            }
        }
    }
}
