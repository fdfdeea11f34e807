package io.salr.harness.cli;

import io.salr.validation.InvalidParameterException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The input of {@code report} and {@code gate}: a results store (a folder holding sweep.yaml) or a tidy CSV.
 * Both commands check it here, and then read it through the same code (the store's export or
 * {@link io.salr.analysis.tidy.TidyResults#read}, then {@link io.salr.analysis.metric.Metrics#checkFractions}),
 * so an input one of them refuses, the other refuses with the same message.
 */
final class TidyInput {

    private TidyInput() {
    }

    /** Refuses a path that is neither a store nor a file, naming {@code role} and the path. */
    static void check(String role, Path input) {
        if (Files.isDirectory(input)) {
            if (!Files.isRegularFile(input.resolve("sweep.yaml"))) {
                throw new InvalidParameterException(role, input,
                        "is a folder but not a results store (it has no sweep.yaml); pass a store or a tidy CSV file");
            }
            return;
        }
        if (!Files.isRegularFile(input)) {
            throw new InvalidParameterException(role, input, "does not exist; pass a results store or a tidy CSV file");
        }
    }

    /** The message of a store with no finished run, the same for both commands. */
    static InvalidParameterException noFinishedRuns(String role, Path store) {
        return new InvalidParameterException(role, store, "is a store without finished runs (nothing to analyse)");
    }
}
