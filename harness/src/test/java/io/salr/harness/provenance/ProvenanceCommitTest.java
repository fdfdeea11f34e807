package io.salr.harness.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run whose commit cannot be read says why in its provenance. The text study recorded 36 runs with the commit
 * "unknown" and no reason, after a JDK upgrade left their JVM unable to start git ("Failed to exec spawn helper").
 */
class ProvenanceCommitTest {

    @Test
    void outsideAGitWorkTreeTheCommitSaysWhyItIsUnknown(@TempDir Path notARepository) {
        Provenance p = ProvenanceCollector.collect(notARepository, Map.of());
        assertTrue(p.gitCommit().startsWith("unknown: git exited with 128"), p.gitCommit());
        assertTrue(p.gitCommit().contains("not a git repository"), p.gitCommit());
        assertNull(p.gitDirty());
    }

    @Test
    void aGitThatCannotBeStartedSaysSo(@TempDir Path tmp) {
        ProvenanceCollector.Git g = ProvenanceCollector.run(List.of(tmp.resolve("no-such-git").toString(), "rev-parse", "HEAD"));
        assertNull(g.output());
        assertTrue(g.failure().startsWith("git could not be started: Cannot run program"), g.failure());
    }

    @Test
    void insideThisCheckoutTheCommitIsAHash() {
        Path project = ProvenanceCollector.codeDirectory();
        Provenance p = ProvenanceCollector.collect(project, Map.of());
        assertTrue(p.gitCommit().matches("[0-9a-f]{40}"), p.gitCommit());
        assertEquals(40, p.gitCommit().length());
    }
}
