package io.salr.optimizers.torch;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps the native memory of dropped vectors flowing back. A {@link TorchVector} the methods drop (a
 * parameter copy, a gradient, a temporary of {@code mul}) is freed only when the JVM collects its Java
 * wrapper, and the JVM sees a few bytes there, not the megabytes behind them; without collections every
 * new vector gets fresh pages from the kernel, and on the shared development VM a fresh page costs about
 * 15 microseconds (an 800 kB copy 3 ms instead of 0.03 ms when memory is reused, measured; see
 * README-torch.md, Speed). So the engine counts the bytes of the vectors it hands out and asks for a
 * collection each time {@code salr.torch.gcBudgetMB} (default 128) more have been handed out; the
 * collected vectors' memory is then reused by the allocator. {@code 0} switches this off.
 */
final class NativeMemory {

    private static final long BUDGET = budget();
    private static final AtomicLong SINCE_COLLECTION = new AtomicLong();

    private NativeMemory() {
    }

    private static long budget() {
        String p = System.getProperty("salr.torch.gcBudgetMB", "128");
        try {
            long mb = Long.parseLong(p.trim());
            if (mb < 0) {
                throw new io.salr.validation.InvalidParameterException("salr.torch.gcBudgetMB", p,
                        "must be a whole number >= 0");
            }
            return mb * 1024 * 1024;
        } catch (NumberFormatException e) {
            throw new io.salr.validation.InvalidParameterException("salr.torch.gcBudgetMB", p,
                    "must be a whole number >= 0");
        }
    }

    /** Counts {@code bytes} handed out in a new vector; may trigger a collection. */
    static void handedOut(long bytes) {
        if (BUDGET > 0 && SINCE_COLLECTION.addAndGet(bytes) >= BUDGET) {
            SINCE_COLLECTION.set(0);
            System.gc();
        }
    }
}
