package io.salr.harness.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Worker JVMs get the parent's memory bounds, or the launcher's defaults when it has none. */
class WorkerMemoryOptionsTest {

    @Test
    void inheritsTheParentsBoundsAndOnlyThose() {
        assertEquals(List.of("-Xmx3g", "-Dorg.bytedeco.javacpp.maxbytes=1g"), SweepRunner.memoryOptions(
                List.of("-Dsalr.home=/x", "-Xmx3g", "-ea", "-Dorg.bytedeco.javacpp.maxbytes=1g")));
    }

    @Test
    void defaultsToTheLaunchersBoundsWhenTheParentHasNone() {
        assertEquals(List.of("-Xmx2g", "-Dorg.bytedeco.javacpp.maxbytes=2g", "-Dorg.bytedeco.javacpp.maxphysicalbytes=4g"),
                SweepRunner.memoryOptions(List.of("-Dsalr.home=/x")));
    }
}
