package io.salr.harness.cli;

import io.salr.harness.sweep.Presets;
import java.util.Iterator;

/**
 * The shipped presets, as picocli's completion candidates: {@code --preset}'s help lists them from the
 * catalogue itself ({@link Presets#names()}), so a new preset file shows up without touching any help text.
 */
final class PresetNames implements Iterable<String> {

    @Override
    public Iterator<String> iterator() {
        return Presets.names().iterator();
    }
}
