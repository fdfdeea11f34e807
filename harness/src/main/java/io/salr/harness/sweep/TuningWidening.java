package io.salr.harness.sweep;

import io.salr.analysis.io.AtomicFiles;
import io.salr.optimizers.spec.Method;
import io.salr.optimizers.spec.Param;
import io.salr.optimizers.spec.ParamValue;
import io.salr.validation.InvalidParameterException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Lets a tuned study's tuning grid grow after some of its tuning runs have finished (`./salr sweep
 * --widen-tuning`). When a method chooses the edge of its grid (tuning.csv flags it), the remedy is more values
 * beyond the edge, for every method alike so that the tuning budgets stay equal. A run's id does not depend on the
 * grid, so every finished tuning run stays valid; only the stored tuning spec has to change.
 *
 * <p>The change is refused, writing nothing, when the study's final stage has started (its runs were planned from
 * the stored choice) or when the new tuning plan leaves out any run of the stored one: a grid may only grow, since
 * dropping settings after their results are known is choosing what to compare. Each accepted change is appended to
 * {@code tuning/changes.log}, so that the study's evidence shows when its grid grew and by what.
 */
public final class TuningWidening {

    /** The log of grid changes, beside the tuning stage's sweep.yaml. */
    public static final String LOG = "changes.log";

    private TuningWidening() {
    }

    /**
     * Replaces the stored tuning spec under {@code root} by {@code study}'s when it only adds runs; returns a line
     * saying what grew, or empty when there is nothing to change (no stored tuning spec, or the same one).
     *
     * @throws InvalidParameterException naming {@code widen-tuning} when the change is not a widening or the final
     *     stage has started
     */
    public static Optional<String> apply(TunedStudy study, Path root, Clock clock) {
        Store tuning = new Store(root.resolve("tuning"));
        if (!Files.isRegularFile(tuning.sweepYaml())) {
            return Optional.empty();
        }
        String storedText = read(tuning.sweepYaml());
        String newText = study.tuningYaml();
        if (tuning.acceptsSpec(newText)) {
            return Optional.empty();
        }
        Store finalStage = new Store(root);
        if (Files.isRegularFile(finalStage.sweepYaml()) || Files.isDirectory(finalStage.runs())) {
            throw new InvalidParameterException("widen-tuning", root, "the study's final stage has started (the store"
                    + " holds its sweep.yaml or runs/), and its runs were planned from the stored tuning choice; widen the grid in"
                    + " a new store");
        }
        SweepSpec stored;
        try {
            stored = SweepSpec.parse(storedText);
        } catch (RuntimeException e) {
            throw new InvalidParameterException("widen-tuning", tuning.sweepYaml(), "holds an unreadable tuning spec ("
                    + e.getMessage() + ")");
        }
        SweepSpec widened = study.tuningSpec();
        Set<String> before = ids(stored);
        Set<String> after = ids(widened);
        List<String> dropped = before.stream().filter(id -> !after.contains(id)).toList();
        if (!dropped.isEmpty()) {
            throw new InvalidParameterException("widen-tuning", root, "the new tuning plan leaves out " + dropped.size() + " of the "
                    + before.size() + " stored runs (e.g. " + dropped.get(0) + "): a tuning grid may only grow (new values,"
                    + " new seeds), never drop settings or change the runs it has");
        }
        long finished = before.stream().filter(id -> tuning.result(id).isPresent()).count();
        String line = String.format(java.util.Locale.ROOT, "%s: the tuning plan grew from %d to %d runs (%d of them finished, and kept); added: %s",
                Instant.now(clock), before.size(), after.size(), finished, added(stored, widened));
        appendLog(tuning.root().resolve(LOG), line);
        AtomicFiles.writeString(tuning.sweepYaml(), newText);
        return Optional.of(line);
    }

    private static Set<String> ids(SweepSpec spec) {
        return spec.plan().runs().stream().map(SweepPlan.PlannedRun::id).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** What the widened spec has that the stored one lacks, e.g. {@code sgd lr [0.8]; seeds [1003]}. */
    static String added(SweepSpec stored, SweepSpec widened) {
        List<String> parts = new ArrayList<>();
        for (Method m : widened.methods()) {
            Map<Param, List<ParamValue>> was = stored.methods().contains(m) ? stored.gridOf(m) : Map.of();
            if (!stored.methods().contains(m)) {
                parts.add("method " + m.cliName());
                continue;
            }
            widened.gridOf(m).forEach((p, values) -> {
                List<String> had = was.getOrDefault(p, List.of()).stream().map(ParamValue::toString).toList();
                List<String> extra = values.stream().map(ParamValue::toString).filter(v -> !had.contains(v)).toList();
                if (!extra.isEmpty()) {
                    parts.add(m.cliName() + " " + p.key() + " " + extra);
                }
            });
        }
        List<Long> seeds = widened.seeds().stream().filter(s -> !stored.seeds().contains(s)).toList();
        if (!seeds.isEmpty()) {
            parts.add("seeds " + seeds);
        }
        return parts.isEmpty() ? "runs" : String.join("; ", parts);
    }

    private static void appendLog(Path file, String line) {
        try {
            Files.writeString(file, line + System.lineSeparator(), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
