package io.salr.harness.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the PyTorch peer ({@code torch_bench.py}, a resource of this package) with a given Python
 * interpreter - Debian's {@code /usr/bin/python3} with the package {@code python3-torch} by default -
 * and reads its {@code name,value,unit} lines. Where the interpreter or torch is missing, the result
 * has no rows and a message that says what to install.
 */
final class TorchPeer {

    static final String SCRIPT = "torch_bench.py";
    private static final long TIMEOUT_MINUTES = 20;

    /** The peer's rows and a one-line account of what happened. */
    record Result(List<BenchRow> rows, String message) {
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
            return new Result(parse(out), "PyTorch peer ran: " + err);
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

    /** The {@code name,value,unit} lines of the peer's output. */
    static List<BenchRow> parse(String out) {
        List<BenchRow> rows = new ArrayList<>();
        for (String line : out.split("\n")) {
            String[] f = line.trim().split(",");
            if (f.length == 3) {
                rows.add(new BenchRow(f[0], Double.parseDouble(f[1]), f[2]));
            } else if (!line.isBlank()) {
                throw new IllegalStateException("unexpected line from the PyTorch peer: " + line);
            }
        }
        return rows;
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
