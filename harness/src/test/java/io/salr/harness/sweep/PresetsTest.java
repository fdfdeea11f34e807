package io.salr.harness.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salr.validation.InvalidParameterException;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PresetsTest {

    @Test
    void theShippedPresetsParseAndPlan() throws Exception {
        assertTrue(Presets.names().containsAll(List.of("ci", "gamma", "paper-cifar10", "quick")), Presets.names().toString());
        for (String name : Presets.names()) {
            SweepPlan plan = SweepSpec.parse(Files.readString(Presets.file(name))).plan();
            assertTrue(plan.runs().size() > 0, name);
        }
        SweepPlan quick = SweepSpec.parse(Files.readString(Presets.file("quick"))).plan();
        assertEquals(21, quick.runs().size());
        assertEquals(Set.of(quick.budgets().get("fashion-mnist")),
                Set.copyOf(quick.runs().stream().map(r -> r.spec().budget().gradientCalls()).toList()), "budget-matched");
        SweepPlan gamma = SweepSpec.parse(Files.readString(Presets.file("gamma"))).plan();
        assertEquals(List.of(0.0005, 0.001, 0.005, 0.01, 0.02), gamma.runs().stream()
                .filter(r -> r.spec().methodName().equals("sgd-salr"))
                .map(r -> r.spec().methodParams().get("gamma")).distinct().toList());
        assertEquals(3, gamma.runs().stream().filter(r -> r.spec().methodName().equals("sgd")).count(), "the sgd reference, 3 seeds");
        SweepPlan paper = SweepSpec.parse(Files.readString(Presets.file("paper-cifar10"))).plan();
        paper.runs().stream().filter(r -> r.spec().method().method().salr()).forEach(r -> {
            assertEquals(5, r.spec().methodParams().get("n1"));
            assertEquals(5, r.spec().methodParams().get("n2"));
            assertEquals(2, r.spec().methodParams().get("c"));
        });
        assertThrows(InvalidParameterException.class, () -> Presets.file("../pom"));
        assertThrows(InvalidParameterException.class, () -> Presets.file("nope"));
    }
}
