package io.salr.optimizers.dl4j;

import io.salr.optimizers.dl4j.zoo.Execution;
import io.salr.optimizers.dl4j.zoo.ModelZoo;
import io.salr.optimizers.engine.Engine;
import io.salr.optimizers.engine.LayerKind;
import io.salr.optimizers.engine.ModelSpec;
import io.salr.optimizers.meter.GradientMeter;
import io.salr.validation.Checks;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.factory.Nd4j;

/** The DL4J engine (the default): the zoo's networks built by {@link ModelZoo}, run as {@link Dl4jModel}s. */
public final class Dl4jEngine implements Engine {

    private final Execution execution;

    /** The engine in {@link Execution#FAST} mode. */
    public Dl4jEngine() {
        this(Execution.FAST);
    }

    /** The engine in the given execution mode. */
    public Dl4jEngine(Execution execution) {
        this.execution = Checks.present("execution", execution);
    }

    @Override
    public String name() {
        return "dl4j";
    }

    @Override
    public Dl4jModel build(ModelSpec spec, GradientMeter meter) {
        Model network = ModelZoo.build(spec, org.nd4j.linalg.api.buffer.DataType.FLOAT, execution);
        if (network instanceof org.deeplearning4j.nn.multilayer.MultiLayerNetwork mln) {
            return Dl4jModel.of(mln, meter, spec.network().flatInput()
                    ? Dl4jModel.FeatureLayout.FLAT : Dl4jModel.FeatureLayout.NCHW);
        }
        return Dl4jModel.of((org.deeplearning4j.nn.graph.ComputationGraph) network, meter);
    }

    /**
     * Dense layers and convolutions: {@link Dl4jModel}'s one-pass norms do not cover recurrent layers (nor
     * their sequence outputs), which take one pass per example.
     */
    @Override
    public Set<LayerKind> onePassNormLayers() {
        return EnumSet.of(LayerKind.DENSE, LayerKind.CONVOLUTION);
    }

    /**
     * The engine, ND4J's backend class and version, the execution mode and ND4J's thread count; on ND4J's CUDA
     * backend also the {@code device} (the GPUs the backend reports). Starts ND4J.
     */
    @Override
    public Map<String, String> describe() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("engine", name());
        String backend = Nd4j.getBackend().getClass().getName();
        m.put("nd4jBackend", backend);
        m.put("nd4jVersion", nd4jVersion());
        if (backend.toLowerCase(Locale.ROOT).contains("cuda")) {
            Object gpus = Nd4j.getExecutioner().getEnvironmentInformation().get("cuda.devicesInformation");
            m.put("device", gpus == null ? "GPU" : "GPU " + gpus);
        }
        m.put("execution", execution.name());
        m.put("threads", Integer.toString(Nd4j.getEnvironment().maxThreads()));
        return m;
    }

    /** The ND4J version from its jar. */
    public static String nd4jVersion() {
        String v = Nd4j.class.getPackage().getImplementationVersion();
        if (v != null) {
            return v;
        }
        String jar = Nd4j.class.getProtectionDomain().getCodeSource().getLocation().getPath();
        int i = jar.lastIndexOf("nd4j-api-");
        return i >= 0 ? jar.substring(i + "nd4j-api-".length()).replace(".jar", "") : "unknown";
    }
}
