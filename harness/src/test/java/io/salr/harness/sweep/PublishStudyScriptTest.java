package io.salr.harness.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ci/publish-study.sh}: what a committed study folder keeps of a store (finished runs' small files, the
 * final stage's logs compressed) and what it never takes (checkpoints, claims, unfinished runs, tuning logs), and
 * that the copy is again a store that knows which runs are done.
 */
class PublishStudyScriptTest {

    private static final Path SCRIPT = Path.of("..", "ci", "publish-study.sh").toAbsolutePath().normalize();

    private record Run(int exit, String out) {
    }

    private static Run publish(String... args) throws IOException, InterruptedException {
        String[] cmd = new String[args.length + 2];
        cmd[0] = "bash";
        cmd[1] = SCRIPT.toString();
        System.arraycopy(args, 0, cmd, 2, args.length);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new Run(p.exitValue(), out);
    }

    private static Path run(Path runs, String id, boolean finished) throws IOException {
        Path d = Files.createDirectories(runs.resolve(id));
        Files.writeString(d.resolve("spec.json"), "{\"id\": \"" + id + "\"}");
        Files.writeString(d.resolve("iterations.csv"), "iteration,loss\n0,2.3\n1,2.2\n");
        Files.writeString(d.resolve("epochs.csv"), "epoch\n1\n");
        Files.writeString(d.resolve("checkpoint.bin"), "weights");
        if (finished) {
            Files.writeString(d.resolve("result.json"), "{\"id\": \"" + id + "\", \"status\": \"completed\"}");
            Files.writeString(d.resolve("provenance.json"), "{}");
        }
        return d;
    }

    @Test
    void aStudyFolderKeepsFinishedRunsAndTheFinalStagesLogsOnly(@TempDir Path dir) throws Exception {
        Path store = dir.resolve("store");
        Files.createDirectories(store.resolve("claims"));
        Files.writeString(store.resolve("sweep.yaml"), "study: s\n");
        Files.writeString(store.resolve("study.yaml"), "study: s\n");
        Files.writeString(store.resolve("tuning.csv"), "method\nsgd\n");
        Files.createDirectories(store.resolve("tuning"));
        Files.writeString(store.resolve("tuning/sweep.yaml"), "study: s-tuning\n");
        Files.writeString(store.resolve("tuning/changes.log"), "2026-12-08T03:30:00Z: the tuning plan grew\n");
        run(store.resolve("runs"), "00000000000000a1", true);
        run(store.resolve("runs"), "00000000000000a2", false);
        run(store.resolve("tuning/runs"), "00000000000000b1", true);
        Files.writeString(run(store.resolve("pretrain/runs"), "00000000000000c1", true).resolve("weights.bin"), "w");
        Files.writeString(store.resolve("pretrain/sweep.yaml"), "study: s-pretrain\n");
        Files.writeString(store.resolve("tuning/runs/00000000000000b1/weights.bin"), "w");
        Path dest = dir.resolve("published");

        Run r = publish(store.toString(), dest.toString());
        assertEquals(0, r.exit(), r.out());
        assertTrue(r.out().contains("3 finished runs (1 iteration logs, compressed)"), r.out());
        // the pre-training run keeps its weights (every later run starts from them); no other run does
        assertTrue(Files.isRegularFile(dest.resolve("pretrain/runs/00000000000000c1/weights.bin")));
        assertTrue(Files.isRegularFile(dest.resolve("pretrain/sweep.yaml")));
        assertFalse(Files.exists(dest.resolve("tuning/runs/00000000000000b1/weights.bin")));
        for (String f : new String[] {"sweep.yaml", "study.yaml", "tuning.csv", "tuning/sweep.yaml", "tuning/changes.log"}) {
            assertEquals(Files.readString(store.resolve(f)), Files.readString(dest.resolve(f)), f);
        }
        Path fin = dest.resolve("runs/00000000000000a1");
        assertTrue(Files.isRegularFile(fin.resolve("result.json")) && Files.isRegularFile(fin.resolve("spec.json"))
                && Files.isRegularFile(fin.resolve("provenance.json")) && Files.isRegularFile(fin.resolve("epochs.csv")));
        try (InputStream in = new GZIPInputStream(Files.newInputStream(fin.resolve("iterations.csv.gz")))) {
            assertEquals(Files.readString(store.resolve("runs/00000000000000a1/iterations.csv")),
                    new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        assertFalse(Files.exists(fin.resolve("iterations.csv")));
        assertFalse(Files.exists(fin.resolve("checkpoint.bin")), "no checkpoint");
        assertFalse(Files.exists(dest.resolve("runs/00000000000000a2")), "no unfinished run");
        assertFalse(Files.exists(dest.resolve("claims")), "no claims");
        Path tuned = dest.resolve("tuning/runs/00000000000000b1");
        assertTrue(Files.isRegularFile(tuned.resolve("result.json")));
        assertFalse(Files.exists(tuned.resolve("iterations.csv.gz")) || Files.exists(tuned.resolve("iterations.csv")), "no tuning log");

        // the copy is a store again: the finished run is done, the unfinished one is left to run
        Store copy = new Store(dest);
        assertTrue(copy.state("00000000000000a1").done());
        assertFalse(copy.state("00000000000000a2").done());

        // publishing again after a run finished adds it and keeps the rest
        Files.writeString(store.resolve("runs/00000000000000a2/result.json"), "{\"id\": \"00000000000000a2\", \"status\": \"completed\"}");
        Run again = publish(store.toString(), dest.toString());
        assertEquals(0, again.exit(), again.out());
        assertTrue(Files.isRegularFile(dest.resolve("runs/00000000000000a2/iterations.csv.gz")));
        assertTrue(Files.isRegularFile(fin.resolve("iterations.csv.gz")));
    }

    @Test
    void aFolderThatIsNotAStoreIsRefused(@TempDir Path dir) throws Exception {
        Run r = publish(dir.toString(), dir.resolve("out").toString());
        assertEquals(2, r.exit(), r.out());
        assertTrue(r.out().contains("STORE " + dir) && r.out().contains("not a results store"), r.out());
        assertFalse(Files.exists(dir.resolve("out")));
        assertEquals(2, publish(dir.toString()).exit());
    }
}
