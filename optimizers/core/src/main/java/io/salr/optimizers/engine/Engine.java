package io.salr.optimizers.engine;

import io.salr.optimizers.meter.GradientMeter;
import java.util.Map;

/**
 * A training engine: builds the models of the zoo and reports what it runs on. DL4J (the default) and
 * LibTorch implement it; the methods never see which one they run on.
 */
public interface Engine {

    /** The engine's name in run specs ({@code dl4j}, {@code torch}). */
    String name();

    /** A freshly initialized float32 model for {@code spec}, counting its passes on {@code meter}. */
    TrainableModel build(ModelSpec spec, GradientMeter meter);

    /** Library versions, device and thread settings, for provenance. */
    Map<String, String> describe();
}
