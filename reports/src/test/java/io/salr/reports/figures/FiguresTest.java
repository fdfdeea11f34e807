package io.salr.reports.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FiguresTest {

    static final String HOSTILE = "<script>alert(1)</script> & a|b";

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    private static void assertRenders(Figure figure) throws IOException {
        Figure.Rendered r = figure.render();
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(r.png()));
        assertEquals(900, png.getWidth());
        assertEquals(540, png.getHeight());
        String svg = new String(r.svg(), StandardCharsets.UTF_8);
        assertTrue(svg.contains("<svg"), "an SVG document");
        assertFalse(svg.contains("<script"), "names are escaped in the SVG");
    }

    @Test
    void testErrorCurvesOfDifferentLengths() throws IOException {
        Map<String, PaperFigures.Curve> curves = new LinkedHashMap<>();
        curves.put("sgd", new PaperFigures.Curve(new double[] {1, 2, 3, 4, 5}, new double[] {0.5, 0.3, 0.2, 0.15, 0.12}));
        curves.put(HOSTILE, new PaperFigures.Curve(new double[] {1, 2}, new double[] {0.4, 0.1}));
        LineFigure f = PaperFigures.testErrorCurves("All-CNN-BN", curves);
        assertEquals(2, f.series().size());
        assertRenders(f);
    }

    @Test
    void sharpnessAndRateUseTwoAxes() throws IOException {
        LineFigure f = PaperFigures.sharpnessAndRate("run", new double[] {0, 2, 4}, new double[] {1, 2, 1.5},
                new double[] {0.1, 0.2, 0.15});
        assertTrue(f.series().get(1).secondaryAxis());
        assertRenders(f);
    }

    @Test
    void gammaSensitivityWithErrorBarsOnALogAxis() throws IOException {
        LineFigure f = PaperFigures.gammaSensitivity("t", "Accuracy (%)", new double[] {5e-4, 1e-3, 0.02},
                new double[] {85.6, 85.7, 85.3}, new double[] {0.1, 0, 0.2});
        assertEquals(3, f.series().get(0).errors().length);
        assertRenders(f);
        assertThrows(IllegalArgumentException.class, () -> PaperFigures.gammaSensitivity("t", "a",
                new double[] {0, 1}, new double[] {1, 2}, new double[] {0, 0}));
        assertThrows(IllegalArgumentException.class, () -> PaperFigures.gammaSensitivity("t", "a",
                new double[] {1, 2}, new double[] {1, 2}, new double[] {-1, 0}));
    }

    @Test
    void stripPlotPerMethod() throws IOException {
        Map<String, double[]> groups = new LinkedHashMap<>();
        groups.put("sgd", new double[] {93.1, 93.3, 93.2});
        groups.put(HOSTILE, new double[] {94.9});
        StripFigure f = PaperFigures.perSeed("seeds", "Accuracy (%)", groups);
        assertEquals(List.of("sgd", HOSTILE), f.groups());
        assertEquals(-StripFigure.SPREAD, StripFigure.offset(0, 3), 0);
        assertEquals(0, StripFigure.offset(0, 1), 0);
        assertRenders(f);
    }

    @Test
    void writeProducesPngAndSvgFiles(@TempDir Path dir) throws IOException {
        List<Path> files = LineFigure.over(new double[] {0, 1}).line("y", new double[] {1, 2}).build()
                .write(dir.resolve("fig"));
        assertEquals(List.of(dir.resolve("fig.png"), dir.resolve("fig.svg")), files);
        assertTrue(Files.size(files.get(0)) > 0 && Files.size(files.get(1)) > 0);
    }

    @Test
    void badSeriesAreRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> LineFigure.over(new double[] {0, 1}).line("y", new double[] {1}));
        assertThrows(IllegalArgumentException.class,
                () -> LineFigure.over(new double[] {0, 1}).line("y", new double[] {1, Double.NaN}));
        assertThrows(IllegalStateException.class,
                () -> LineFigure.curves().line("y", new double[] {1, 2}));
        assertThrows(IllegalArgumentException.class,
                () -> LineFigure.over(new double[] {0, 1}).line("y", new double[] {1, 2}).line("y", new double[] {1, 2}));
        assertThrows(IllegalArgumentException.class, () -> StripFigure.of("t", "y", Map.of("a", new double[0])));
    }
}
