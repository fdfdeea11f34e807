package io.salr.harness.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-run claims that let several sweeps share a store: exclusive creation, staleness, takeover, loss. */
class RunClaimsTest {

    static final String RUN = "0123456789abcdef";
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2025-01-01T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }
    }

    private final ManualClock clock = new ManualClock();

    /** A process on another machine (its pid means nothing here). */
    private RunClaims elsewhere(String host) {
        return new RunClaims(dir, TIMEOUT, clock, new RunClaims.Identity(host, "other-boot", 1, Optional.empty()));
    }

    /** A process on this machine, this boot, with the given pid. */
    private RunClaims here(long pid) {
        return new RunClaims(dir, TIMEOUT, clock, new RunClaims.Identity(RunClaims.hostName(), RunClaims.bootId(), pid,
                ProcessHandle.of(pid).flatMap(p -> p.info().startInstant())));
    }

    @Test
    void aFreeRunIsClaimedOnceAndThenHeld() {
        RunClaims.Attempt first = elsewhere("a").tryAcquire(RUN);
        RunClaims.Acquired acquired = assertInstanceOf(RunClaims.Acquired.class, first);
        assertTrue(acquired.takeover().isEmpty());
        assertTrue(Files.isRegularFile(dir.resolve(RUN + ".1.json")));
        RunClaims.Held held = assertInstanceOf(RunClaims.Held.class, elsewhere("b").tryAcquire(RUN));
        assertEquals("a", held.holder().host());
        assertEquals(1, held.holder().generation());
    }

    @Test
    void aClaimWhoseHeartbeatIsOlderThanTheTimeoutIsTakenOverAndTheOldHolderHasLostIt() {
        RunClaims a = elsewhere("a");
        RunClaims.Claim old = ((RunClaims.Acquired) a.tryAcquire(RUN)).claim();
        clock.advance(TIMEOUT.minusSeconds(1));
        assertInstanceOf(RunClaims.Held.class, elsewhere("b").tryAcquire(RUN), "not stale before the timeout");
        assertTrue(old.refresh(), "the holder refreshes its heartbeat");
        clock.advance(TIMEOUT.minusSeconds(1));
        assertInstanceOf(RunClaims.Held.class, elsewhere("b").tryAcquire(RUN), "a refreshed claim is live");
        clock.advance(Duration.ofSeconds(2));
        RunClaims.Acquired taken = assertInstanceOf(RunClaims.Acquired.class, elsewhere("b").tryAcquire(RUN));
        assertEquals(2, taken.claim().holder().generation());
        RunClaims.Takeover t = taken.takeover().orElseThrow();
        assertEquals("a", t.previous().orElseThrow().host());
        assertTrue(t.describe().contains("heartbeat 11.0 s old"), t.describe());
        assertTrue(old.lost());
        assertFalse(old.refresh(), "a lost claim is not refreshed");
        old.release(); // must not delete the new holder's claim
        assertInstanceOf(RunClaims.Held.class, elsewhere("c").tryAcquire(RUN));
    }

    @Test
    void theHoldersHeartbeatIntervalBoundsAShortTimeout() {
        RunClaims patient = new RunClaims(dir, Duration.ofSeconds(60), clock,
                new RunClaims.Identity("a", "x", 1, Optional.empty()));
        patient.tryAcquire(RUN);
        clock.advance(Duration.ofSeconds(20)); // 2 of the holder's 10 s intervals
        RunClaims hasty = new RunClaims(dir, Duration.ofSeconds(1), clock, new RunClaims.Identity("b", "y", 2, Optional.empty()));
        assertInstanceOf(RunClaims.Held.class, hasty.tryAcquire(RUN));
        clock.advance(Duration.ofSeconds(11));
        assertInstanceOf(RunClaims.Acquired.class, hasty.tryAcquire(RUN));
    }

    @Test
    void aClaimOfThisMachineWhoseProcessesAreGoneIsTakenOverAtOnce() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        long dead = p.pid();
        here(dead).tryAcquire(RUN);
        RunClaims.Acquired taken = assertInstanceOf(RunClaims.Acquired.class, here(ProcessHandle.current().pid()).tryAcquire(RUN));
        assertTrue(taken.takeover().orElseThrow().reason().contains("gone"), taken.takeover().toString());
    }

    @Test
    void aClaimOfThisMachineWithALiveProcessIsHeld() {
        here(ProcessHandle.current().pid()).tryAcquire(RUN);
        assertInstanceOf(RunClaims.Held.class, here(ProcessHandle.current().pid()).tryAcquire(RUN));
    }

    @Test
    void aLiveWorkerKeepsTheClaimOfADeadSweep() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        RunClaims.Claim c = ((RunClaims.Acquired) here(p.pid()).tryAcquire(RUN)).claim();
        c.setWorker(ProcessHandle.current().pid());
        assertInstanceOf(RunClaims.Held.class, here(ProcessHandle.current().pid()).tryAcquire(RUN));
    }

    @Test
    void anAdoptedClaimIsRefreshedAndReleaseRemovesEveryGeneration() throws IOException {
        RunClaims a = elsewhere("a");
        a.tryAcquire(RUN);
        clock.advance(TIMEOUT.plusSeconds(1));
        RunClaims.Claim mine = ((RunClaims.Acquired) elsewhere("b").tryAcquire(RUN)).claim();
        RunClaims.Claim adopted = elsewhere("b").adopt(RUN, 2, mine.holder().token());
        clock.advance(Duration.ofSeconds(5));
        assertTrue(adopted.refresh());
        assertEquals(clock.instant(), elsewhere("c").holder(RUN).orElseThrow().heartbeat());
        mine.release();
        try (var files = Files.list(dir)) {
            assertEquals(List.of(), files.toList());
        }
        assertFalse(adopted.refresh(), "the file is gone: the worker has lost the claim");
    }

    @Test
    void theHeartbeatThreadRefreshesAndReportsLoss() throws Exception {
        RunClaims fast = new RunClaims(dir, Duration.ofMillis(300), Clock.systemUTC(),
                new RunClaims.Identity("a", "x", 1, Optional.empty()));
        RunClaims.Claim c = ((RunClaims.Acquired) fast.tryAcquire(RUN)).claim();
        CountDownLatch lost = new CountDownLatch(1);
        try (RunClaims.Heartbeat hb = fast.heartbeat(x -> lost.countDown())) {
            hb.add(c);
            Instant first = fast.holder(RUN).orElseThrow().heartbeat();
            // no bet on timing: wait (up to 10 s, many heartbeat intervals) until the heartbeat has moved
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
            boolean moved = false;
            while (!moved && System.nanoTime() < deadline) {
                Thread.sleep(20);
                moved = fast.holder(RUN).orElseThrow().heartbeat().isAfter(first);
            }
            assertTrue(moved, "the heartbeat moved within 10 s (interval 50 ms)");
            Files.writeString(dir.resolve(RUN + ".2.json"), "{}"); // someone else took it over
            assertTrue(lost.await(5, java.util.concurrent.TimeUnit.SECONDS));
        }
    }

    @RepeatedTest(5)
    void ofManyProcessesRacingForOneRunExactlyOneWins() throws Exception {
        assertEquals(1, race(8), "a free run");
        clock.advance(TIMEOUT.plusSeconds(1));
        assertEquals(1, race(8), "a stale claim: exactly one takeover");
        assertEquals(0, race(8), "now held");
    }

    private int race(int n) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                RunClaims c = elsewhere("host" + i);
                Callable<Boolean> task = () -> {
                    go.await();
                    return c.tryAcquire(RUN) instanceof RunClaims.Acquired;
                };
                results.add(pool.submit(task));
            }
            go.countDown();
            int won = 0;
            for (Future<Boolean> f : results) {
                won += f.get() ? 1 : 0;
            }
            return won;
        } finally {
            pool.shutdownNow();
        }
    }
}
