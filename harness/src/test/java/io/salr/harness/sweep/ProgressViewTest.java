package io.salr.harness.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The live progress display: its text as a pure function of the counts and the workers' states. */
class ProgressViewTest {

    static final ProgressView.Worker TRAINING = new ProgressView.Worker("3f2a91c0 mlp sgd-salr gamma=0.01 seed 1",
            Optional.of(new RunProgress(2, 37, 0.41234, 411)), 0.5);
    static final ProgressView.Worker STARTING = new ProgressView.Worker("a09b77d1 mlp sam seed 0", Optional.empty(), 0);

    @Test
    void sweepLineThenOneLinePerWorker() {
        // 10 runs, 4 done in 100 s, two in flight (half and nothing): 4.5 runs' worth in 100 s, 5.5 left -> 122 s
        ProgressView.Snapshot s = new ProgressView.Snapshot(10, 2, 1, 1, 100, List.of(TRAINING, STARTING));
        assertEquals(List.of(
                "sweep [#########---------------] 4/10 done (completed 2, diverged 1, failed 1), running 2, remaining 4, elapsed 1m40s, ETA 2m02s",
                "  [#####-----]  50% 3f2a91c0 mlp sgd-salr gamma=0.01 seed 1: epoch 2, iteration 37, loss 0.4123, 411 gradient calls",
                "  [----------]   0% a09b77d1 mlp sam seed 0: starting"), ProgressView.render(s, 200));
    }

    @Test
    void etaIsUnknownBeforeAnyProgressAndZeroAtTheEnd() {
        ProgressView.Snapshot start = new ProgressView.Snapshot(3, 0, 0, 0, 5, List.of(STARTING));
        assertTrue(Double.isNaN(start.etaSeconds()));
        assertTrue(ProgressView.render(start, 200).get(0).endsWith("running 1, remaining 2, elapsed 0m05s, ETA --"));
        ProgressView.Snapshot end = new ProgressView.Snapshot(3, 3, 0, 0, 7300, List.of());
        assertEquals("sweep [########################] 3/3 done (completed 3, diverged 0, failed 0), running 0, remaining 0, elapsed 2h01m, ETA 0m00s",
                ProgressView.render(end, 200).get(0));
    }

    @Test
    void linesAreCutToTheWidthAndValuesClamped() {
        ProgressView.Snapshot s = new ProgressView.Snapshot(1, 0, 0, 0, 1, List.of(new ProgressView.Worker("x",
                Optional.of(new RunProgress(0, 1, Double.NaN, 2)), 7)));
        List<String> lines = ProgressView.render(s, 40);
        for (String l : lines) {
            assertTrue(l.length() <= 40, l);
        }
        assertTrue(lines.get(0).endsWith("~"));
        assertTrue(ProgressView.render(s, 200).get(1).contains("[##########] 100% x: epoch 0, iteration 1, loss NaN"));
    }

    @Test
    void autoDrawsTheBarOnATerminalOnly() {
        assertTrue(ProgressMode.AUTO.bar(true));
        assertFalse(ProgressMode.AUTO.bar(false));
        assertTrue(ProgressMode.BAR.bar(false));
        assertFalse(ProgressMode.LINES.bar(true));
    }

    @Test
    void withoutTheBarOnlyPlainLinesAreWritten() {
        StringWriter text = new StringWriter();
        ProgressDisplay d = new ProgressDisplay(new PrintWriter(text), false, 80,
                () -> new ProgressView.Snapshot(1, 0, 0, 0, 1, List.of(TRAINING)));
        d.start();
        d.log("one");
        d.refresh();
        d.log("two");
        d.close();
        assertEquals("one" + System.lineSeparator() + "two" + System.lineSeparator(), text.toString());
    }

    @Test
    void theBarIsRedrawnBelowTheLogLines() {
        StringWriter text = new StringWriter();
        ProgressDisplay d = new ProgressDisplay(new PrintWriter(text), true, 200,
                () -> new ProgressView.Snapshot(2, 1, 0, 0, 10, List.of(TRAINING)));
        d.log("first");
        d.log("second");
        List<String> bar = ProgressView.render(new ProgressView.Snapshot(2, 1, 0, 0, 10, List.of(TRAINING)), 200);
        String drawn = bar.get(0) + "\n" + bar.get(1) + "\n";
        String nl = System.lineSeparator();
        assertEquals("first" + nl + drawn + "\r\033[2A\033[J" + "second" + nl + drawn, text.toString());
    }
}
