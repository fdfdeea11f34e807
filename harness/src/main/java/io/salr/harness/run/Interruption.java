package io.salr.harness.run;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * SIGTERM and SIGINT while a run trains: the JVM's shutdown hook (installed once by the commands that
 * train) asks the training loop to stop; the loop finishes the step it is in, writes a checkpoint, and
 * acknowledges; the hook then lets the JVM exit (code 143 for SIGTERM, 130 for SIGINT), so a rerun resumes
 * from that checkpoint instead of losing up to an epoch of work. Without a run in flight the hook returns
 * at once. The hook waits at most {@link #GRACE_SECONDS} for the acknowledgement.
 */
public final class Interruption {

    /** How long the shutdown hook waits for the training loop's checkpoint. */
    public static final long GRACE_SECONDS = 120;

    private static volatile boolean requested;
    private static volatile CountDownLatch acknowledged;
    private static boolean installed;

    private Interruption() {
    }

    /** Installs the shutdown hook (once per JVM). */
    public static synchronized void install() {
        if (installed) {
            return;
        }
        installed = true;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            CountDownLatch latch = acknowledged;
            requested = true;
            if (latch != null) {
                try {
                    latch.await(GRACE_SECONDS, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, "salr-interruption"));
    }

    /** True once a stop was asked for. */
    static boolean requested() {
        return requested;
    }

    /** A run starts training: a stop will wait for its checkpoint. */
    static void runStarted() {
        acknowledged = new CountDownLatch(1);
    }

    /** The run has written its checkpoint (or ended): the JVM may exit. */
    static void acknowledge() {
        CountDownLatch latch = acknowledged;
        acknowledged = null;
        if (latch != null) {
            latch.countDown();
        }
    }

    /** Thrown out of the training loop after the checkpoint of a requested stop; no result is written. */
    public static final class StopRequested extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StopRequested(String message) {
            super(message, null, false, false);
        }
    }
}
