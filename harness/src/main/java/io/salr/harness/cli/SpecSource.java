package io.salr.harness.cli;

import io.salr.harness.sweep.Presets;
import io.salr.harness.sweep.SweepPlan;
import io.salr.harness.sweep.SweepSpec;
import io.salr.harness.sweep.TunedStudy;
import java.util.Optional;
import io.salr.validation.InvalidParameterException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The sweep spec of a command: a YAML file, or a shipped preset ({@code --preset NAME}). */
final class SpecSource {

    @Parameters(index = "0", arity = "0..1", paramLabel = "SPEC", description = "Sweep spec (YAML).")
    Path file;

    @Option(names = "--preset", paramLabel = "NAME", completionCandidates = PresetNames.class,
            description = "A shipped preset from ci/presets instead of SPEC: ${COMPLETION-CANDIDATES}.")
    String preset;

    /**
     * The spec's text, parsed spec and plan; everything is validated here, before anything runs. For a
     * study with a tuning stage ({@link TunedStudy}), {@code spec} and {@code plan} are the tuning stage's.
     */
    record Loaded(Path path, String text, SweepSpec spec, SweepPlan plan, Optional<TunedStudy> tuned) {
    }

    Loaded load() {
        if ((file == null) == (preset == null)) {
            throw new InvalidParameterException("spec", file == null ? "(none)" : file + " and --preset " + preset,
                    "must be given exactly once: a SPEC file or --preset NAME");
        }
        Path path = file != null ? file : Presets.file(preset);
        if (!Files.isRegularFile(path)) {
            throw new InvalidParameterException("spec", path, "is not a file");
        }
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidParameterException("spec", path, "cannot be read (" + e.getMessage() + ")");
        }
        if (TunedStudy.isTuned(text)) {
            TunedStudy study = TunedStudy.parse(text);
            SweepSpec tuning = study.tuningSpec();
            return new Loaded(path, text, tuning, tuning.plan(), Optional.of(study));
        }
        SweepSpec spec = SweepSpec.parse(text);
        return new Loaded(path, text, spec, spec.plan(), Optional.empty());
    }

    static Loaded ofPreset(String name) {
        SpecSource s = new SpecSource();
        s.preset = name;
        return s.load();
    }
}
