package io.salr.harness.cli;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code --data-dir}, shared by every command that reads a dataset (train, sweep, demo, replay, slurm and
 * the sweep's worker), so the option is named, described and resolved the same way everywhere.
 */
final class DataDirOption {

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Directory holding the dataset files (default for fashion-mnist: the Debian package's "
                    + "/usr/share/datasets/fashion-mnist).")
    Path dir;

    /** The folder the user gave, if any. */
    Optional<Path> get() {
        return Optional.ofNullable(dir);
    }
}
