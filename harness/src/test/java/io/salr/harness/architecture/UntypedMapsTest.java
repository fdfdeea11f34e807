package io.salr.harness.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Untyped trees ({@code Map<String, Object>}) belong to the codec at the JSON/YAML edge: the harness's
 * {@code io.salr.harness.codec} package, and the analysis module's claims reader ({@code io.salr.analysis.claims},
 * which cannot use the harness). Every other main source is read here line by line. The files that still hold such
 * maps are listed with their counts: a file may lose them (and must then be listed with its new count, or dropped),
 * but no file may gain one, and no new file may start using one. The optimizers' modules hold none.
 */
class UntypedMapsTest {

    private static final Pattern UNTYPED = Pattern.compile("Map<\\s*String\\s*,\\s*Object\\s*>");

    /** Where untyped trees are the point: the codecs. */
    private static final List<String> CODECS = List.of("harness/src/main/java/io/salr/harness/codec/",
            "analysis/src/main/java/io/salr/analysis/claims/");

    /** What is left to move to the codec, file by file (the count of lines that name such a map). */
    private static final Map<String, Integer> NOT_YET_TYPED = Map.ofEntries(
            Map.entry("harness/src/main/java/io/salr/harness/bench/Bench.java", 3),
            Map.entry("harness/src/main/java/io/salr/harness/bench/TorchPeer.java", 5),
            Map.entry("harness/src/main/java/io/salr/harness/cli/BenchCommand.java", 2),
            Map.entry("harness/src/main/java/io/salr/harness/cli/TrainCommand.java", 2),
            Map.entry("harness/src/main/java/io/salr/harness/run/Budget.java", 2),
            Map.entry("harness/src/main/java/io/salr/harness/run/DataSpec.java", 2),
            Map.entry("harness/src/main/java/io/salr/harness/run/EvaluationSpec.java", 2),
            Map.entry("harness/src/main/java/io/salr/harness/run/FinalEvaluation.java", 3),
            Map.entry("harness/src/main/java/io/salr/harness/run/InitFrom.java", 2),
            Map.entry("harness/src/main/java/io/salr/harness/run/ModelOptions.java", 2),
            Map.entry("harness/src/main/java/io/salr/harness/run/OutcomeRule.java", 2),
            Map.entry("harness/src/main/java/io/salr/harness/run/RunFolder.java", 4),
            Map.entry("harness/src/main/java/io/salr/harness/run/RunResult.java", 10),
            Map.entry("harness/src/main/java/io/salr/harness/run/RunSpec.java", 2),
            Map.entry("harness/src/main/java/io/salr/harness/run/RunSpecCodec.java", 2),
            Map.entry("harness/src/main/java/io/salr/harness/run/TrainingSession.java", 7),
            Map.entry("harness/src/main/java/io/salr/harness/sweep/PinnedReplay.java", 21),
            Map.entry("harness/src/main/java/io/salr/harness/sweep/RunClaims.java", 2),
            Map.entry("harness/src/main/java/io/salr/harness/sweep/RunProgress.java", 3),
            Map.entry("harness/src/main/java/io/salr/harness/sweep/Store.java", 2),
            Map.entry("harness/src/main/java/io/salr/harness/sweep/SweepSpec.java", 11),
            Map.entry("harness/src/main/java/io/salr/harness/sweep/SweepSpecYaml.java", 11),
            Map.entry("harness/src/main/java/io/salr/harness/sweep/TunedStudy.java", 11),
            Map.entry("harness/src/main/java/io/salr/harness/sweep/WorkerMain.java", 5));

    @Test
    void untypedMapsStayInTheCodecs() {
        Map<String, Integer> found = scan(Path.of(".."));
        assertTrue(found.size() > 0 || NOT_YET_TYPED.isEmpty(), "no sources found from " + Path.of("..").toAbsolutePath());
        Map<String, Integer> outside = new TreeMap<>();
        found.forEach((file, n) -> {
            if (CODECS.stream().noneMatch(file::startsWith)) {
                outside.put(file, n);
            }
        });
        for (Map.Entry<String, Integer> e : outside.entrySet()) {
            assertTrue(!e.getKey().startsWith("optimizers/"), e.getKey() + ": the optimizers' configurations are typed;"
                    + " the harness's codec describes them");
            int allowed = NOT_YET_TYPED.getOrDefault(e.getKey(), 0);
            assertTrue(e.getValue() <= allowed, e.getKey() + " names Map<String, Object> on " + e.getValue()
                    + " lines, at most " + allowed + " allowed: read and write trees in io.salr.harness.codec instead");
        }
        // the list follows the code down: a file that lost maps is listed with what it has left
        assertEquals(new TreeMap<>(NOT_YET_TYPED), outside, "update NOT_YET_TYPED to what is left");
    }

    /** Lines naming an untyped map in every module's main sources, by path from the project root. */
    static Map<String, Integer> scan(Path root) {
        Map<String, Integer> out = new TreeMap<>();
        for (String module : List.of("analysis", "datasets", "harness", "reports", "optimizers/core", "optimizers/dl4j",
                "optimizers/torch", "optimizers/validation")) {
            Path main = root.resolve(module).resolve("src/main/java");
            if (!Files.isDirectory(main)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(main)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    int n = 0;
                    for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                        Matcher m = UNTYPED.matcher(line);
                        if (m.find()) {
                            n++;
                        }
                    }
                    if (n > 0) {
                        out.put(root.relativize(f).toString().replace('\\', '/'), n);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }
}
