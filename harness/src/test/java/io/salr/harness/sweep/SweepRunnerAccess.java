package io.salr.harness.sweep;

import io.salr.harness.run.Kernels;
import java.util.Map;

/** Test access to package-private parts of {@link SweepRunner}. */
public final class SweepRunnerAccess {

    private SweepRunnerAccess() {
    }

    public static void workerEnvironment(Map<String, String> environment, int threads, Kernels kernels) {
        SweepRunner.workerEnvironment(environment, threads, kernels);
    }
}
