package io.salr.harness.bench;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs the PyTorch peer ({@code torch_bench.py}, a resource of this package) with a given Python
 * interpreter - Debian's {@code /usr/bin/python3} with the package {@code python3-torch} by default -
 * and reads its output: one JSON line that says which BLAS its torch runs on, then {@code name,value,unit}
 * lines. Where the interpreter or torch is missing, the result has no rows and a message that says what
 * to install.
 *
 * <p>A peer is only a fair yardstick on an optimized BLAS: Debian's python3-torch is linked against the
 * generic {@code libblas.so.3}, and without an optimized BLAS package that is the reference BLAS, about a
 * tenth of OpenBLAS's speed (issue 19: the torch engine's MLP step then came out at 0.07x the peer's).
 * {@link Result#unfairBecause()} says why a peer's ratios must be withheld.
 */
final class TorchPeer {

    static final String SCRIPT = "torch_bench.py";
    private static final long TIMEOUT_MINUTES = 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What to do about a peer on the reference (or an unknown) BLAS, on Debian. */
    static final String INSTALL_HINT = "install an optimized BLAS for the peer's torch: apt-get install libopenblas0-pthread"
            + " (Debian; then `update-alternatives --display libblas.so.3-x86_64-linux-gnu` points to openblas-pthread)";

    /** The BLAS a peer's torch runs on, as its script reports it ({@code blas} in its JSON line). */
    enum PeerBlas {
        OPENBLAS(true),
        MKL(true),
        BLIS(true),
        ATLAS(true),
        /** Netlib's reference implementation (Debian's libblas3): correct, unblocked, slow. */
        REFERENCE(false),
        /** The script could not tell, or did not say (an older script, another peer). */
        UNKNOWN(false);

        final boolean optimized;

        PeerBlas(boolean optimized) {
            this.optimized = optimized;
        }

        /** The value of the script's {@code blas} field; anything else is {@link #UNKNOWN}. */
        static PeerBlas parse(Object value) {
            if (value instanceof String v) {
                for (PeerBlas b : values()) {
                    if (b.name().toLowerCase(Locale.ROOT).equals(v)) {
                        return b;
                    }
                }
            }
            return UNKNOWN;
        }
    }

    /**
     * The peer's rows, a one-line account of what happened and what the peer said about itself.
     *
     * @param rows the timing rows (empty where the peer did not run)
     * @param message what happened, for the bench's log
     * @param description the peer's JSON description (torch version and configuration, BLAS libraries, the
     *        verdict {@code blas}, a one-thread sgemm rate), empty where it gave none
     */
    record Result(List<BenchRow> rows, String message, Map<String, Object> description) {

        Result {
            rows = List.copyOf(rows);
            description = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(description));
        }

        Result(List<BenchRow> rows, String message) {
            this(rows, message, Map.of());
        }

        /** The file the peer's generic {@code libblas.so.3} was loaded from, where it names one. */
        Optional<String> genericBlas() {
            if (description.get("blas_libraries") instanceof List<?> libraries) {
                for (Object l : libraries) {
                    String path = String.valueOf(l);
                    if (path.substring(path.lastIndexOf('/') + 1).startsWith("libblas.so")) {
                        return Optional.of(path);
                    }
                }
            }
            return Optional.empty();
        }

        /** The BLAS the peer's torch runs on. */
        PeerBlas blas() {
            return PeerBlas.parse(description.get("blas"));
        }

        /**
         * Why ratios against this peer must not be reported, or empty where they may: the peer ran and its
         * torch runs on an optimized BLAS.
         */
        Optional<String> unfairBecause() {
            if (rows.isEmpty()) {
                return Optional.of("the peer did not run");
            }
            PeerBlas b = blas();
            if (b.optimized) {
                return Optional.empty();
            }
            Object rate = description.get("sgemm_gflops_1thread");
            String measured = rate instanceof Number n
                    ? String.format(Locale.ROOT, "; its one-thread sgemm ran at %.1f GFLOP/s", n.doubleValue()) : "";
            if (b == PeerBlas.REFERENCE) {
                return Optional.of("the peer's torch runs on the reference BLAS (libblas.so.3 loaded from "
                        + genericBlas().orElse(String.valueOf(description.get("blas_libraries"))) + measured + "): "
                        + INSTALL_HINT);
            }
            return Optional.of(description.isEmpty()
                    ? "the peer did not say which BLAS its torch runs on (no JSON line; an older or another script): "
                            + INSTALL_HINT + ", and run the bench's own torch_bench.py"
                    : "the peer's BLAS is unknown (mapped: " + description.get("blas_libraries") + ", BLAS_INFO="
                            + description.get("blas_info") + measured + "): " + INSTALL_HINT);
        }
    }

    private TorchPeer() {
    }

    /**
     * Runs the peer with {@code threads} intra-op threads ({@code torch.set_num_threads}), the torch engine's
     * count, so that both sides of the comparison use the same number of cores.
     */
    static Result run(String python, int batch, int warmup, int lenetRepeats, int mlpRepeats, int threads) {
        if (!Files.isExecutable(Path.of(python)) && !python.equals("python3")) {
            return new Result(List.of(), "PyTorch peer skipped: " + python + " is not an executable "
                    + "(Debian: apt-get install python3-torch; or pass --python PATH)");
        }
        Path script = extractScript();
        try {
            Process p = new ProcessBuilder(python, script.toString(), Integer.toString(batch), Integer.toString(warmup),
                    Integer.toString(lenetRepeats), Integer.toString(mlpRepeats), Integer.toString(threads))
                    .redirectErrorStream(false).start();
            String out;
            String err;
            try (InputStream o = p.getInputStream(); InputStream e = p.getErrorStream()) {
                out = new String(o.readAllBytes(), StandardCharsets.UTF_8);
                err = new String(e.readAllBytes(), StandardCharsets.UTF_8).trim();
            }
            if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                return new Result(List.of(), "PyTorch peer skipped: it ran past " + TIMEOUT_MINUTES + " minutes");
            }
            if (p.exitValue() == 3) {
                return new Result(List.of(), "PyTorch peer skipped: " + err
                        + " (Debian: apt-get install python3-torch; Debian's python3 is /usr/bin/python3)");
            }
            if (p.exitValue() != 0) {
                return new Result(List.of(), "PyTorch peer failed (exit " + p.exitValue() + "): " + err);
            }
            Map<String, Object> description = description(out);
            List<BenchRow> rows = new ArrayList<>(parse(out));
            Result partial = new Result(rows, "", description);
            rows.add(new BenchRow("pytorch_blas_optimized", partial.blas().optimized ? 1 : 0,
                    "1 = the peer's torch runs on an optimized BLAS (" + partial.blas().name().toLowerCase(Locale.ROOT) + ")"));
            if (description.get("sgemm_gflops_1thread") instanceof Number n && Double.isFinite(n.doubleValue())) {
                rows.add(new BenchRow("pytorch_sgemm_gflops_1thread", n.doubleValue(), "GFLOP/s (the peer's BLAS; 512^3)"));
            }
            return new Result(rows, "PyTorch peer ran: " + err, description);
        } catch (IOException e) {
            return new Result(List.of(), "PyTorch peer skipped: cannot run " + python + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(List.of(), "PyTorch peer interrupted");
        } finally {
            try {
                Files.deleteIfExists(script);
            } catch (IOException ignored) {
                // a temporary file left behind is harmless
            }
        }
    }

    /** The {@code name,value,unit} lines of the peer's output (its JSON line is read by {@link #description}). */
    static List<BenchRow> parse(String out) {
        List<BenchRow> rows = new ArrayList<>();
        for (String line : out.split("\n")) {
            String[] f = line.trim().split(",");
            if (line.trim().startsWith("{")) {
                continue;
            }
            if (f.length == 3) {
                rows.add(new BenchRow(f[0], Double.parseDouble(f[1]), f[2]));
            } else if (!line.isBlank()) {
                throw new IllegalStateException("unexpected line from the PyTorch peer: " + line);
            }
        }
        return rows;
    }

    /**
     * The object under {@code peer} in the peer's JSON line ({@code {"peer": {...}}}), or an empty map where
     * there is no such line. A JSON line that does not parse is an error: the peer and the bench disagree.
     */
    static Map<String, Object> description(String out) {
        for (String line : out.split("\n")) {
            String t = line.trim();
            if (t.startsWith("{")) {
                try {
                    Map<String, Object> all = JSON.readValue(t, new TypeReference<Map<String, Object>>() { });
                    if (all.get("peer") instanceof Map<?, ?> peer) {
                        Map<String, Object> described = new LinkedHashMap<>();
                        peer.forEach((k, v) -> described.put(String.valueOf(k), v));
                        return described;
                    }
                    throw new IllegalStateException("the PyTorch peer's JSON line has no object 'peer': " + t);
                } catch (IOException e) {
                    throw new IllegalStateException("the PyTorch peer printed a line that is not JSON: " + t, e);
                }
            }
        }
        return Map.of();
    }

    private static Path extractScript() {
        try (InputStream in = TorchPeer.class.getResourceAsStream(SCRIPT)) {
            if (in == null) {
                throw new IllegalStateException("resource " + SCRIPT + " is missing from the jar");
            }
            Path file = Files.createTempFile("salr-torch-bench", ".py");
            Files.write(file, in.readAllBytes());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
