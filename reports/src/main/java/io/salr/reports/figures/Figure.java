package io.salr.reports.figures;

import io.salr.analysis.io.AtomicFiles;
import java.nio.file.Path;
import java.util.List;

/**
 * A figure that renders itself to PNG and SVG. Implementations are immutable descriptions of what to
 * draw; rendering happens on {@link #render()}.
 */
public interface Figure {

    /** The figure encoded both ways. */
    record Rendered(byte[] png, byte[] svg) {
        public Rendered {
            png = png.clone();
            svg = svg.clone();
        }

        @Override
        public byte[] png() {
            return png.clone();
        }

        @Override
        public byte[] svg() {
            return svg.clone();
        }
    }

    /** Renders the figure to PNG and SVG bytes. */
    Rendered render();

    /**
     * Writes {@code base.png} and {@code base.svg} atomically.
     *
     * @param base the output path without extension
     * @return the two files written, PNG first
     */
    default List<Path> write(Path base) {
        return write(base, render());
    }

    /** Writes already rendered bytes as {@code base.png} and {@code base.svg}, atomically each. */
    static List<Path> write(Path base, Rendered rendered) {
        Path png = base.resolveSibling(base.getFileName() + ".png");
        Path svg = base.resolveSibling(base.getFileName() + ".svg");
        AtomicFiles.writeBytes(png, rendered.png());
        AtomicFiles.writeBytes(svg, rendered.svg());
        return List.of(png, svg);
    }
}
