package io.salr.reports.figures;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
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

class FigureThreeTest {

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    /** Mean and sample standard deviation per epoch: seeds (0.5, 0.3), (0.7, 0.5), (0.6, 0.1). */
    @Test
    void aBandIsTheMeanAndTheSampleDeviationOverSeedsAtEachEpoch() {
        FigureThree.Band band = FigureThree.Band.of(new double[] {1, 2},
                new double[][] {{0.5, 0.3}, {0.7, 0.5}, {0.6, 0.1}});
        assertArrayEquals(new double[] {0.6, 0.3}, band.mean(), 1e-12);
        // epoch 1: deviations -0.1, 0.1, 0 -> sqrt(0.02 / 2) = 0.1; epoch 2: 0, 0.2, -0.2 -> sqrt(0.08 / 2) = 0.2
        assertArrayEquals(new double[] {0.1, 0.2}, band.deviation(), 1e-12);
        assertEquals(3, band.seeds());
        FigureThree.Band one = FigureThree.Band.of(new double[] {1}, new double[][] {{0.4}});
        assertArrayEquals(new double[] {0.0}, one.deviation(), 0.0);
        assertThrows(IllegalArgumentException.class, () -> FigureThree.Band.of(new double[] {1, 2}, new double[][] {{0.4}}));
        assertThrows(IllegalArgumentException.class, () -> FigureThree.Band.of(new double[] {1}, new double[0][]));
    }

    @Test
    void bothPanelsRenderAsPngAndSvgWithTheMethodsAndTheirSeedCounts(@TempDir Path dir) throws Exception {
        Map<String, FigureThree.Band> bands = new LinkedHashMap<>();
        bands.put("sgd", FigureThree.Band.of(new double[] {1, 2, 3, 4, 5},
                new double[][] {{0.5, 0.4, 0.3, 0.25, 0.2}, {0.55, 0.42, 0.33, 0.27, 0.21}}));
        bands.put("sgd-salr", FigureThree.Band.of(new double[] {1}, new double[][] {{0.3}, {0.32}}));
        LineFigure left = FigureThree.testErrorOverEpochs("Test error over epochs", bands);
        assertEquals(List.of("sgd (mean +- sd, 2 seeds)", "sgd-salr (mean +- sd, 2 seeds)"),
                left.series().stream().map(LineFigure.Series::name).toList());
        assertEquals(5, left.series().get(0).errors().length, "error bars: the band");
        Figure.Rendered r = left.render();
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(r.png()));
        assertTrue(png.getWidth() > 0);
        String svg = new String(r.svg(), StandardCharsets.UTF_8);
        assertTrue(svg.contains("<svg"), "an SVG document");

        LineFigure right = FigureThree.sharpnessAndRate("sgd-salr, seed 1", new double[] {0, 2, 4},
                new double[] {0.01, 0.02, 0.015}, new double[] {0.1, 0.2, 0.15});
        List<Path> files = right.write(dir.resolve("fig3-right"));
        assertEquals(List.of(dir.resolve("fig3-right.png"), dir.resolve("fig3-right.svg")), files);
        assertTrue(Files.size(files.get(0)) > 0 && Files.readString(files.get(1)).contains("<svg"));
        assertTrue(right.series().get(1).secondaryAxis(), "the learning rate on the right-hand axis");
        assertThrows(IllegalArgumentException.class, () -> FigureThree.testErrorOverEpochs("t", Map.of()));
    }

    @Test
    void errorBarsOnOwnXValuesBelongToFiguresWithoutASharedAxis() {
        assertThrows(IllegalStateException.class, () -> LineFigure.over(new double[] {1, 2})
                .curveWithErrorBars("a", new double[] {1, 2}, new double[] {1, 2}, new double[] {0, 0}));
        assertThrows(IllegalArgumentException.class, () -> LineFigure.curves()
                .curveWithErrorBars("a", new double[] {1, 2}, new double[] {1, 2}, new double[] {0}));
    }
}
