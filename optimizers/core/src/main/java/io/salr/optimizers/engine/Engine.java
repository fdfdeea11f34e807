package io.salr.optimizers.engine;

import io.salr.optimizers.meter.GradientMeter;
import java.util.Map;
import java.util.Set;

/**
 * A training engine: builds the models of the zoo and reports what it runs on. DL4J (the default) and
 * LibTorch implement it; the methods never see which one they run on.
 */
public interface Engine {

    /** The engine's name in run specs ({@code dl4j}, {@code torch}). */
    String name();

    /** A freshly initialized float32 model for {@code spec}, counting its passes on {@code meter}. */
    TrainableModel build(ModelSpec spec, GradientMeter meter);

    /**
     * The layer kinds whose per-example gradient norms this engine computes from one ordinary backward pass
     * (Algorithm 2's one-pass route; {@link Network#perExampleRoute}). Answered without loading the engine's
     * native libraries, so that planning can ask.
     */
    Set<LayerKind> onePassNormLayers();

    /**
     * What this engine is and runs on, for provenance: its name ({@code engine}), the versions of its
     * libraries, its device (a {@code device} entry where it is not the CPU) and thread settings. Only this
     * engine's own libraries are loaded to answer.
     */
    Map<String, String> describe();
}
