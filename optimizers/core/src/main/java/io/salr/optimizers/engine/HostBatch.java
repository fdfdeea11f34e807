package io.salr.optimizers.engine;

import io.salr.validation.Checks;
import io.salr.validation.InvalidParameterException;
import java.util.Arrays;

/**
 * A minibatch in plain Java arrays, as the data sets produce it and before any engine sees it.
 *
 * <ul>
 *   <li>{@link Kind#IMAGES}: {@code features} holds B examples of shape {@code exampleShape}
 *       (channels, height, width), example after example in row-major order; {@code targets} holds one
 *       class index per example.</li>
 *   <li>{@link Kind#SEQUENCES}: {@code tokens} holds B sequences of T input symbols (row-major [B, T]) and
 *       {@code targets} the B * T next symbols; {@code exampleShape} is {vocabulary, T}.</li>
 * </ul>
 *
 * @param kind what the arrays hold
 * @param features image pixels (IMAGES), else an empty array
 * @param tokens input symbols (SEQUENCES), else an empty array
 * @param targets class indices in [0, numClasses)
 * @param exampleShape the shape of one example
 * @param numClasses the number of classes (the vocabulary size for sequences)
 */
public record HostBatch(Kind kind, float[] features, int[] tokens, int[] targets, int[] exampleShape, int numClasses) {

    /** What a batch holds. */
    public enum Kind {
        IMAGES,
        SEQUENCES
    }

    /** Validates the shapes (the arrays are used as given: callers hand over fresh arrays). */
    public HostBatch {
        Checks.present("kind", kind);
        Checks.present("features", features);
        Checks.present("tokens", tokens);
        Checks.present("targets", targets);
        Checks.present("exampleShape", exampleShape);
        Checks.atLeast("numClasses", numClasses, 2);
        if (targets.length == 0) {
            throw new InvalidParameterException("targets.length", 0, "must be >= 1");
        }
        long perExample = 1;
        for (int d : exampleShape) {
            perExample *= d;
        }
        if (kind == Kind.IMAGES && features.length != (long) targets.length * perExample) {
            throw new InvalidParameterException("features.length", features.length,
                    "must be " + targets.length + " examples x " + Arrays.toString(exampleShape));
        }
        if (kind == Kind.SEQUENCES && tokens.length != targets.length) {
            throw new InvalidParameterException("tokens.length", tokens.length,
                    "must equal targets.length " + targets.length);
        }
        for (int i = 0; i < targets.length; i++) {
            if (targets[i] < 0 || targets[i] >= numClasses) {
                throw new InvalidParameterException("targets[" + i + "]", targets[i],
                        "must lie in [0, " + numClasses + ")");
            }
        }
    }

    /** The number of examples B. */
    public int size() {
        return kind == Kind.IMAGES ? targets.length : targets.length / exampleShape[1];
    }

    /** The positions that carry a prediction: B for images, B * T for sequences. */
    public int positions() {
        return targets.length;
    }
}
