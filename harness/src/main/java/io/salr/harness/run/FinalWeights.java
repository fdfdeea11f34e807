package io.salr.harness.run;

import io.salr.analysis.io.AtomicFiles;
import io.salr.optimizers.engine.ParameterBlock;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The final parameters of a run that keeps them ({@code save_weights}), as {@code weights.bin} beside
 * result.json: the run id, the model's layout (every parameter array's layer, key, offset, length and whether
 * it is trained) and the flat parameter vector as float64 bit patterns (exact for float32 parameters), the
 * way a {@link Checkpoint} holds them. Size: 8 bytes per parameter plus the layout (a few hundred bytes): the
 * 784-256-5 MLP with BatchNorm of the paper-finetune preset, 204,000 parameters, is 1.6 MB.
 *
 * <p>File format (version 1), as a checkpoint's: magic, version, the payload's length, the payload, the
 * SHA-256 of the payload. A file whose digest does not match is refused naming the file.
 *
 * @param runId the run the weights are the end of
 * @param layout the parameter arrays in order
 * @param params the flat parameter vector
 */
public record FinalWeights(String runId, List<ParameterBlock> layout, double[] params) {

    private static final long MAGIC = 0x53414c5257475453L; // "SALRWGTS"
    private static final int VERSION = 1;

    public FinalWeights {
        layout = List.copyOf(layout);
        long total = layout.stream().mapToLong(ParameterBlock::length).sum();
        if (total != params.length) {
            throw new IllegalArgumentException("the layout holds " + total + " parameters, the vector " + params.length);
        }
    }

    /** Writes the file atomically. */
    public void write(Path file) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(params.length * 8 + 4096);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(runId);
            out.writeInt(layout.size());
            for (ParameterBlock b : layout) {
                out.writeUTF(b.layer());
                out.writeUTF(b.key());
                out.writeLong(b.offset());
                out.writeLong(b.length());
                out.writeBoolean(b.trainable());
            }
            out.writeInt(params.length);
            for (double v : params) {
                out.writeLong(Double.doubleToRawLongBits(v));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] payload = bytes.toByteArray();
        byte[] digest = sha256(payload);
        AtomicFiles.write(file, raw -> {
            DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(raw, 1 << 16));
            out.writeLong(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(payload.length);
            out.write(payload);
            out.write(digest);
            out.flush();
        });
    }

    /**
     * Reads a weights file.
     *
     * @throws Checkpoint.UnusableCheckpointException naming the file when it is unreadable, truncated, of another
     *     version or corrupt
     */
    public static FinalWeights read(Path file) {
        byte[] all;
        try {
            all = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new Checkpoint.UnusableCheckpointException("weights " + file + " cannot be read: " + e.getMessage(), e);
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(all))) {
            if (in.readLong() != MAGIC) {
                throw new IOException("not a salr weights file");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new IOException("weights version " + version + ", this build reads version " + VERSION);
            }
            int length = in.readInt();
            if (length < 0 || length + 16 + 32 != all.length) {
                throw new IOException("payload length " + length + " does not fit the file's " + all.length + " bytes");
            }
            byte[] payload = new byte[length];
            in.readFully(payload);
            byte[] digest = new byte[32];
            in.readFully(digest);
            if (!MessageDigest.isEqual(digest, sha256(payload))) {
                throw new IOException("its content does not match its SHA-256 checksum (corrupt)");
            }
            DataInputStream p = new DataInputStream(new ByteArrayInputStream(payload));
            String runId = p.readUTF();
            int blocks = p.readInt();
            if (blocks < 0 || blocks > 100_000) {
                throw new IOException("impossible count of parameter arrays " + blocks);
            }
            List<ParameterBlock> layout = new ArrayList<>();
            for (int i = 0; i < blocks; i++) {
                layout.add(new ParameterBlock(p.readUTF(), p.readUTF(), p.readLong(), p.readLong(), p.readBoolean()));
            }
            int n = p.readInt();
            if (n < 0 || (long) n * 8 != p.available()) {
                throw new IOException("impossible parameter count " + n + " with " + p.available() + " bytes left");
            }
            double[] params = new double[n];
            for (int i = 0; i < n; i++) {
                params[i] = Double.longBitsToDouble(p.readLong());
            }
            return new FinalWeights(runId, layout, params);
        } catch (IOException | RuntimeException e) {
            throw new Checkpoint.UnusableCheckpointException("weights " + file + " cannot be used: " + e.getMessage(), e);
        }
    }

    /** The SHA-256 of a file as 64 hex digits. */
    public static String sha256Hex(Path file) {
        try {
            return HexFormat.of().formatHex(sha256(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks SHA-256", e);
        }
    }
}
