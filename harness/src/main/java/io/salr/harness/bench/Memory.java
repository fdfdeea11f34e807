package io.salr.harness.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;

/**
 * The process's resident memory as Linux reports it in {@code /proc/self/status}: {@code VmRSS} (now)
 * and {@code VmHWM} (the peak so far), in MB. It covers the Java heap and ND4J's off-heap buffers alike.
 */
final class Memory {

    private static final Path STATUS = Path.of("/proc/self/status");

    private Memory() {
    }

    /** VmRSS in MB, or empty where /proc is absent. */
    static OptionalDouble residentMb() {
        return field(STATUS, "VmRSS");
    }

    /** VmHWM (peak resident set) in MB, or empty where /proc is absent. */
    static OptionalDouble peakResidentMb() {
        return field(STATUS, "VmHWM");
    }

    /** The value of a {@code Name:   1234 kB} line of a status file, in MB. */
    static OptionalDouble field(Path status, String name) {
        if (!Files.isReadable(status)) {
            return OptionalDouble.empty();
        }
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith(name + ":")) {
                    String[] parts = line.substring(name.length() + 1).trim().split("\\s+");
                    return OptionalDouble.of(Long.parseLong(parts[0]) / 1024.0);
                }
            }
            return OptionalDouble.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
