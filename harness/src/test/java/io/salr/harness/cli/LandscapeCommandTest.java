package io.salr.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code salr landscape} reproduces Fig. 2: phi vanishes at local maximizers while S and S_hat do not. */
class LandscapeCommandTest {

    @Test
    void writesTheCsvAndTheFigureOfFigureTwo(@TempDir Path out) throws Exception {
        System.setProperty("java.awt.headless", "true");
        int code = SalrCommand.commandLine().execute("landscape", "--function", "sin3", "--gamma", "0.02", "--n1", "5",
                "--n2", "5", "--epsilon", "0.1", "--out", out.toString());
        assertEquals(0, code);
        List<String> lines = Files.readAllLines(out.resolve("landscape.csv"));
        assertEquals("theta,f,phi,S,S_hat", lines.get(0));
        assertTrue(lines.size() - 1 >= 100, "at least 100 grid points, got " + (lines.size() - 1));
        double[][] rows = lines.stream().skip(1).map(l -> java.util.Arrays.stream(l.split(",")).mapToDouble(Double::parseDouble).toArray())
                .toArray(double[][]::new);
        assertEquals(-3.0, rows[0][0], 1e-12);
        assertEquals(3.0, rows[rows.length - 1][0], 1e-12);
        int maxima = 0;
        for (int i = 1; i < rows.length - 1; i++) {
            boolean localMax = rows[i][1] > rows[i - 1][1] && rows[i][1] > rows[i + 1][1];
            if (localMax) {
                maxima++;
                // on the grid the maximizer is within half a step (0.005) of theta, so phi is tiny
                assertTrue(rows[i][2] < 2e-3, "phi at the local maximizer near " + rows[i][0] + ": " + rows[i][2]);
                assertTrue(rows[i][3] > 1e-3 && rows[i][4] > 1e-3,
                        "S and S_hat positive at the local maximizer near " + rows[i][0]);
            }
        }
        assertTrue(maxima >= 3, "sin3 has local maximizers in [-3, 3]; found " + maxima);
        BufferedImage png = ImageIO.read(out.resolve("landscape.png").toFile());
        assertTrue(png.getWidth() >= 600 && png.getHeight() >= 400);
        assertTrue(Files.readString(out.resolve("landscape.svg")).contains("<svg"));
    }

    @Test
    void rejectsBadValuesAndTwoDimensionalLandscapes(@TempDir Path out) {
        for (String[] bad : List.of(
                new String[] {"--gamma", "0", "gamma"},
                new String[] {"--epsilon", "-1", "epsilon"},
                new String[] {"--function", "rosenbrock", "function"},
                new String[] {"--function", "nope", "nope"})) {
            CommandLine cmd = SalrCommand.commandLine();
            StringWriter err = new StringWriter();
            cmd.setErr(new PrintWriter(err, true));
            int code = cmd.execute("landscape", bad[0], bad[1], "--out", out.resolve("x").toString());
            assertEquals(2, code, String.join(" ", bad));
            assertTrue(err.toString().contains(bad[2]), err.toString());
        }
        assertTrue(!Files.exists(out.resolve("x")), "nothing is written for bad input");
    }
}
