package io.salr.harness.cli;

import io.salr.harness.sweep.PinnedReplay;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code salr replay DIR}: the determinism check of {@link PinnedReplay} (what is pinned, how it runs and
 * what is compared is documented there); this command parses the options and prints the verdict.
 */
@Command(name = "replay", header = "Rerun the pinned run and compare it bit for bit with its record.", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Determinism check: rerun the run pinned in DIR/sweep.yaml and compare it bit for bit with",
            "DIR/expected.json (metrics except wall time, trajectory digests, data checksums, run id).",
            "--record writes DIR/expected.json from this run instead (a deliberate refresh).",
            "Exit code 0 identical, 1 some value differs or the run did not complete, 2 bad input."})
final class ReplayCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR", description = "Folder with sweep.yaml (one run) and expected.json, e.g. ci/pinned.")
    Path dir;

    @Option(names = "--record", description = "Write DIR/expected.json from this run (refresh the pinned record).")
    boolean record;

    @Mixin
    DataDirOption data;

    @Option(names = "--in-process",
            description = "Run in this JVM with its thread settings (for tests), not in a worker JVM with the spec's thread count.")
    boolean inProcess;

    @Option(names = "--keep", paramLabel = "STORE", description = "Run into this store and keep it (default: a temporary store, deleted).")
    Path keep;

    @Spec
    CommandSpec commandSpec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = commandSpec.commandLine().getOut();
        PinnedReplay.Outcome o = PinnedReplay.replay(dir, record,
                new PinnedReplay.Options(data.get(), inProcess, Optional.ofNullable(keep)), out);
        switch (o.verdict()) {
            case RECORDED -> out.println("replay: " + o.message());
            case IDENTICAL -> out.println("replay: IDENTICAL: " + o.message());
            case FAILED -> out.println("replay: FAILED: " + o.message());
            case DIFFERENT -> {
                out.println("replay: DIFFERENT: " + o.message() + ":");
                o.differences().forEach(d -> out.println("  " + d));
                out.println("recorded with " + o.recordedWith());
                out.println("this run: " + o.replayedWith());
                out.println("If the change is intended (training code, data or CPU changed), refresh deliberately: "
                        + "./salr replay " + dir + " --record, and commit the new expected.json with the reason.");
            }
        }
        out.flush();
        return switch (o.verdict()) {
            case RECORDED, IDENTICAL -> 0;
            case DIFFERENT, FAILED -> 1;
        };
    }
}
