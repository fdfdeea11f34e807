package io.salr.analysis.output;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes a rendered result so that readers see either nothing or the complete file. */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    /**
     * Renders {@code result} with {@code format} into a temporary file in {@code directory} (created if
     * needed), then moves it onto {@code directory/format.fileName()} with {@code ATOMIC_MOVE}.
     *
     * @return the written file
     */
    public static <T> Path write(Path directory, OutputFormat<T> format, T result) throws IOException {
        Files.createDirectories(directory);
        Path target = directory.resolve(format.fileName());
        Path temp = Files.createTempFile(directory, "." + format.fileName() + ".", ".tmp");
        try {
            try (Writer writer = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                format.write(result, writer);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
        return target;
    }
}
