package io.salr.harness.sweep;

import io.salr.validation.InvalidParameterException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The sweep presets shipped in {@code ci/presets/NAME.yaml}, found relative to the project root: the
 * system property {@code salr.home} (the {@code salr} launcher sets it to its own directory), else the
 * first directory at or above the working directory that holds {@code ci/presets}.
 */
public final class Presets {

    private Presets() {
    }

    public static Path directory() {
        return root("preset").resolve("ci").resolve("presets");
    }

    /** The shipped claims file of the SALR paper, {@code ci/claims/salr-tnnls-2023.yaml}. */
    public static Path defaultClaims() {
        return root("--claims").resolve("ci").resolve("claims").resolve("salr-tnnls-2023.yaml");
    }

    private static Path root(String field) {
        String home = System.getProperty("salr.home");
        if (home != null && !home.isBlank()) {
            return Path.of(home);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("ci").resolve("presets"))) {
                return p;
            }
        }
        throw new InvalidParameterException(field, "(none)",
                "needs the project root: run through ./salr or set -Dsalr.home=PROJECT_ROOT");
    }

    /** The names of the shipped presets, sorted. */
    public static List<String> names() {
        try (Stream<Path> files = Files.list(directory())) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
                    .map(n -> n.substring(0, n.length() - 5)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory(), e);
        }
    }

    /** The file of a preset; the name must be one of {@link #names()}. */
    public static Path file(String name) {
        if (name == null || !name.matches("[a-z0-9][a-z0-9-]{0,40}") || !names().contains(name)) {
            throw new InvalidParameterException("preset", name, "must be one of " + String.join(", ", names()));
        }
        return directory().resolve(name + ".yaml");
    }
}
