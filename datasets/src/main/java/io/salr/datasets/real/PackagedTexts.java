package io.salr.datasets.real;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Text corpora that a Debian package ships, so that a study can name them by path and a missing one is
 * answered with the package to install: the Jargon File 4.4.7 (public domain, 1.68 million characters of
 * UTF-8 prose), the corpus of the {@code paper-text} preset.
 */
public final class PackagedTexts {

    /** Where the Debian package {@code jargon-text} installs the Jargon File (gzipped UTF-8). */
    public static final Path JARGON_FILE = Path.of("/usr/share/doc/jargon-text/jargon.txt.gz");

    private static final Map<Path, String> PACKAGES = Map.of(JARGON_FILE, "jargon-text");

    private PackagedTexts() {
    }

    /** The Debian package that installs {@code file}, if it is one of the known corpora. */
    public static Optional<String> debianPackage(Path file) {
        return Optional.ofNullable(PACKAGES.get(file.toAbsolutePath().normalize()));
    }

    /** What to do about a missing text file: install its package, or give an existing file. */
    static String hint(Path file) {
        return debianPackage(file)
                .map(p -> "Install the Debian package " + p + " (apt-get install " + p + "; ./salr test does it as root).")
                .orElse("Give an existing UTF-8 text file as text:PATH.");
    }
}
