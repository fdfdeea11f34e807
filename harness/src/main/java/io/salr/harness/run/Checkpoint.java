package io.salr.harness.run;

import io.salr.analysis.io.AtomicFiles;
import io.salr.optimizers.meter.MeterReading;
import io.salr.optimizers.methods.MethodState;
import io.salr.optimizers.schedule.SalrScheduleState;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Everything a run needs to continue exactly where it stopped: the position in the data (epoch, batch
 * within the epoch, the epoch's permutation and the states of the data streams), the parameters bit
 * for bit, the method's state (momenta, moments, SWA average, SALR history, its random streams), the
 * meters, the outcome monitor, and how long the append-only logs were when it was taken (a resumed run
 * cuts them back to that length, so rows written after the checkpoint are written again identically).
 *
 * <p>File format (version 3): magic, version, the payload's length, the payload, and the SHA-256 of the
 * payload. Version 3 added the data checksums at the payload's end; version 2 files are still read (without
 * them). A checkpoint whose digest does not match (a flipped byte, a torn write) is refused with a
 * message naming the file; the run then falls back to the previous generation (see {@link RunRecorder}).
 *
 * @param runId the run this checkpoint belongs to (checked on resume)
 * @param iteration the next iteration to run
 * @param epoch the current epoch (0-based)
 * @param batchInEpoch the next batch of the current epoch
 * @param permutation the current epoch's order of the training examples
 * @param streams saved states of the trainer's random streams, by name
 * @param params the flat parameter vector as float64 values (exact for float32 parameters)
 * @param method the method's state
 * @param meter the training meter
 * @param evaluationMeter the meter of the evaluation passes (metrics, not training)
 * @param epochsLogBytes the length of epochs.csv when the checkpoint was taken
 * @param iterationsLogBytes the length of iterations.csv when the checkpoint was taken
 * @param monitor the outcome monitor's state
 * @param bestTestAccuracy the best end-of-epoch test accuracy so far (NaN before the first epoch end)
 * @param wallSeconds training time spent before this checkpoint, summed over earlier sessions
 * @param dataChecksums file name to SHA-256 of the data files the run trained on (empty in a version 2 file);
 *     a resume with other data is refused (see {@link DataChecksums})
 */
public record Checkpoint(String runId, long iteration, int epoch, int batchInEpoch, int[] permutation,
        Map<String, byte[]> streams, double[] params, MethodState method, MeterReading meter,
        MeterReading evaluationMeter, long epochsLogBytes, long iterationsLogBytes, double[] monitor,
        double bestTestAccuracy, double wallSeconds, Map<String, String> dataChecksums) {

    private static final long MAGIC = 0x53414c52434b5054L; // "SALRCKPT"
    private static final int VERSION = 3;

    public Checkpoint {
        dataChecksums = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(dataChecksums));
    }

    /** A checkpoint file that cannot be used: unreadable, truncated, of another version, or corrupt. */
    public static final class UnusableCheckpointException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UnusableCheckpointException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Writes the checkpoint atomically to {@code file}. */
    public void write(Path file) {
        byte[] payload = payload();
        byte[] digest = sha256(payload);
        AtomicFiles.write(file, raw -> {
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw, 1 << 16));
            out.writeLong(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(payload.length);
            out.write(payload);
            out.write(digest);
            out.flush();
        });
    }

    private byte[] payload() {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(1 << 16);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(runId);
            out.writeLong(iteration);
            out.writeInt(epoch);
            out.writeInt(batchInEpoch);
            writeInts(out, permutation);
            writeBytesMap(out, streams);
            writeDoubles(out, params);
            writeDoublesMap(out, method.vectors());
            out.writeInt(method.numbers().size());
            for (Map.Entry<String, Double> e : method.numbers().entrySet()) {
                out.writeUTF(e.getKey());
                out.writeDouble(e.getValue());
            }
            writeBytesMap(out, method.streams());
            out.writeBoolean(method.salr().isPresent());
            if (method.salr().isPresent()) {
                SalrScheduleState.Snapshot s = method.salr().get();
                writeDoubles(out, s.observedSharpness().stream().mapToDouble(Double::doubleValue).toArray());
                out.writeBoolean(s.lastObservedIteration().isPresent());
                out.writeLong(s.lastObservedIteration().orElse(-1));
            }
            writeMeter(out, meter);
            writeMeter(out, evaluationMeter);
            out.writeLong(epochsLogBytes);
            out.writeLong(iterationsLogBytes);
            writeDoubles(out, monitor);
            out.writeDouble(bestTestAccuracy);
            out.writeDouble(wallSeconds);
            out.writeInt(dataChecksums.size());
            for (Map.Entry<String, String> e : dataChecksums.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeUTF(e.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static byte[] sha256(byte[] data) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(data);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks SHA-256", e);
        }
    }

    /**
     * Reads a checkpoint.
     *
     * @throws UnusableCheckpointException naming the file when it is unreadable, truncated, of another
     *     version, or its content does not match its checksum
     */
    public static Checkpoint read(Path file) {
        byte[] payload;
        int version;
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            if (in.readLong() != MAGIC) {
                throw new IOException("not a salr checkpoint");
            }
            version = in.readInt();
            if (version != VERSION && version != 2) {
                throw new IOException("checkpoint version " + version + ", this build reads versions 2 and " + VERSION);
            }
            int length = in.readInt();
            if (length < 0 || length > Files.size(file)) {
                throw new IOException("impossible payload length " + length);
            }
            payload = new byte[length];
            in.readFully(payload);
            byte[] digest = new byte[32];
            in.readFully(digest);
            if (!java.security.MessageDigest.isEqual(digest, sha256(payload))) {
                throw new IOException("its content does not match its SHA-256 checksum (corrupt)");
            }
            if (in.read() != -1) {
                throw new IOException("it goes on after its checksum (corrupt)");
            }
        } catch (EOFException e) {
            throw new UnusableCheckpointException("checkpoint " + file + " is truncated", e);
        } catch (IOException e) {
            throw new UnusableCheckpointException("checkpoint " + file + " cannot be used: " + e.getMessage(), e);
        }
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(payload))) {
            String runId = in.readUTF();
            long iteration = in.readLong();
            int epoch = in.readInt();
            int batchInEpoch = in.readInt();
            int[] permutation = readInts(in);
            Map<String, byte[]> streams = readBytesMap(in);
            double[] params = readDoubles(in);
            Map<String, double[]> vectors = readDoublesMap(in);
            int numberCount = length(in, 10);
            Map<String, Double> numbers = new LinkedHashMap<>();
            for (int i = 0; i < numberCount; i++) {
                numbers.put(in.readUTF(), in.readDouble());
            }
            Map<String, byte[]> methodStreams = readBytesMap(in);
            Optional<SalrScheduleState.Snapshot> salr = Optional.empty();
            if (in.readBoolean()) {
                double[] history = readDoubles(in);
                boolean hasLast = in.readBoolean();
                long last = in.readLong();
                List<Double> values = new ArrayList<>();
                for (double v : history) {
                    values.add(v);
                }
                salr = Optional.of(new SalrScheduleState.Snapshot(values, hasLast ? OptionalLong.of(last) : OptionalLong.empty()));
            }
            MeterReading meter = readMeter(in);
            MeterReading evaluationMeter = readMeter(in);
            long epochsBytes = in.readLong();
            long iterationsBytes = in.readLong();
            double[] monitor = readDoubles(in);
            double best = in.readDouble();
            double wall = in.readDouble();
            Map<String, String> checksums = new LinkedHashMap<>();
            if (version >= 3) {
                int files = in.readInt();
                if (files < 0 || files > 1000) {
                    throw new IOException("impossible count of data files " + files);
                }
                for (int i = 0; i < files; i++) {
                    checksums.put(in.readUTF(), in.readUTF());
                }
            }
            if (in.available() > 0) {
                throw new IOException(in.available() + " bytes after the last field");
            }
            return new Checkpoint(runId, iteration, epoch, batchInEpoch, permutation, streams, params,
                    new MethodState(vectors, numbers, methodStreams, salr), meter, evaluationMeter, epochsBytes,
                    iterationsBytes, monitor, best, wall, checksums);
        } catch (IOException | RuntimeException e) {
            // RuntimeException: a field the checkpoint's records refuse (a NaN where a count belongs, ...)
            throw new UnusableCheckpointException("checkpoint " + file + " has a malformed payload: " + e, e);
        }
    }

    private static void writeInts(DataOutputStream out, int[] values) throws IOException {
        out.writeInt(values.length);
        for (int v : values) {
            out.writeInt(v);
        }
    }

    /** A length read from the payload, refused when negative or longer than the bytes left could hold. */
    private static int length(DataInputStream in, int bytesEach) throws IOException {
        int n = in.readInt();
        if (n < 0 || (long) n * bytesEach > in.available()) {
            throw new IOException("impossible length " + n + " with " + in.available() + " bytes left");
        }
        return n;
    }

    private static int[] readInts(DataInputStream in) throws IOException {
        int[] values = new int[length(in, 4)];
        for (int i = 0; i < values.length; i++) {
            values[i] = in.readInt();
        }
        return values;
    }

    private static void writeDoubles(DataOutputStream out, double[] values) throws IOException {
        out.writeInt(values.length);
        for (double v : values) {
            out.writeLong(Double.doubleToRawLongBits(v));
        }
    }

    private static double[] readDoubles(DataInputStream in) throws IOException {
        double[] values = new double[length(in, 8)];
        for (int i = 0; i < values.length; i++) {
            values[i] = Double.longBitsToDouble(in.readLong());
        }
        return values;
    }

    private static void writeDoublesMap(DataOutputStream out, Map<String, double[]> map) throws IOException {
        out.writeInt(map.size());
        for (Map.Entry<String, double[]> e : map.entrySet()) {
            out.writeUTF(e.getKey());
            writeDoubles(out, e.getValue());
        }
    }

    private static Map<String, double[]> readDoublesMap(DataInputStream in) throws IOException {
        int n = length(in, 6);
        Map<String, double[]> map = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            map.put(in.readUTF(), readDoubles(in));
        }
        return map;
    }

    private static void writeBytesMap(DataOutputStream out, Map<String, byte[]> map) throws IOException {
        out.writeInt(map.size());
        for (Map.Entry<String, byte[]> e : map.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeInt(e.getValue().length);
            out.write(e.getValue());
        }
    }

    private static Map<String, byte[]> readBytesMap(DataInputStream in) throws IOException {
        int n = length(in, 6);
        Map<String, byte[]> map = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            String key = in.readUTF();
            byte[] value = new byte[length(in, 1)];
            in.readFully(value);
            map.put(key, value);
        }
        return map;
    }

    private static void writeMeter(DataOutputStream out, MeterReading m) throws IOException {
        out.writeLong(m.gradientCalls());
        out.writeLong(m.gradientExamples());
        out.writeLong(m.forwardCalls());
        out.writeLong(m.forwardExamples());
    }

    private static MeterReading readMeter(DataInputStream in) throws IOException {
        return new MeterReading(in.readLong(), in.readLong(), in.readLong(), in.readLong());
    }

}
