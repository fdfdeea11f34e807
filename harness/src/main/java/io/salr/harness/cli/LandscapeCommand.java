package io.salr.harness.cli;

import io.salr.analysis.io.AtomicFiles;
import io.salr.datasets.synthetic.Landscapes;
import io.salr.datasets.synthetic.OneDimensional;
import io.salr.datasets.synthetic.SharpnessProfile;
import io.salr.optimizers.function.DifferentiableFunction;
import io.salr.optimizers.sharpness.SharpnessConfig;
import io.salr.validation.InvalidParameterException;
import io.salr.reports.figures.LineFigure;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code salr landscape}: the three sharpness measures of Section III on a 1-D function, as in Fig. 2
 * of the paper - phi (eq. 1), S (eq. 2) with ball radius epsilon, and S_hat (Definition 1) with n1
 * descent and n2 ascent steps of size gamma.
 */
@Command(name = "landscape", header = "Draw the sharpness measures of Section III on a one-dimensional landscape (Fig. 2).", mixinStandardHelpOptions = true,
        description = {"Evaluate the sharpness measures phi (eq. 1), S (eq. 2) and S_hat (Definition 1) on a grid",
            "over a 1-D landscape; writes DIR/landscape.csv and DIR/landscape.png (+ .svg), as in Fig. 2."})
final class LandscapeCommand implements Callable<Integer> {

    @Option(names = "--function", defaultValue = "sin3",
            description = "1-D landscape: sin3 (f(t) = 0.5 t sin(3t) + 1, Fig. 2) or sharp-flat-1d (default: ${DEFAULT-VALUE}).")
    String function;

    @Option(names = "--gamma", defaultValue = "0.02", description = "Step size of the normalized steps of S_hat (default: ${DEFAULT-VALUE}).")
    double gamma;

    @Option(names = "--n1", defaultValue = "5", description = "Normalized descent steps of S_hat (default: ${DEFAULT-VALUE}).")
    int n1;

    @Option(names = "--n2", defaultValue = "5", description = "Normalized ascent steps of S_hat (default: ${DEFAULT-VALUE}).")
    int n2;

    @Option(names = "--epsilon", defaultValue = "0.1", description = "Ball radius of phi and S (default: ${DEFAULT-VALUE}, as in Fig. 2).")
    double epsilon;

    @Option(names = "--from", defaultValue = "-3", description = "Left end of the theta grid (default: ${DEFAULT-VALUE}).")
    double from;

    @Option(names = "--to", defaultValue = "3", description = "Right end of the theta grid (default: ${DEFAULT-VALUE}).")
    double to;

    @Option(names = "--points", defaultValue = "601", description = "Grid points, at least 2 (default: ${DEFAULT-VALUE}).")
    int points;

    @Option(names = "--seed", defaultValue = "0",
            description = "Seed of the probe stream used only where a gradient is exactly zero (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", required = true, description = "Output directory (created if missing).")
    Path out;

    @Override
    public Integer call() {
        SharpnessConfig config = new SharpnessConfig(gamma, n1, n2);
        DifferentiableFunction f = Landscapes.byName(function);
        if (!(f instanceof OneDimensional oneD)) {
            throw new InvalidParameterException("function", function,
                    "must be a 1-D landscape (this one has dimension " + f.dimension() + ")");
        }
        SharpnessProfile profile = SharpnessProfile.of(oneD, from, to, points, epsilon, config, seed);
        AtomicFiles.writeString(out.resolve("landscape.csv"), profile.csv());
        figure(profile, function, epsilon, config).write(out.resolve("landscape"));
        System.out.println("wrote " + out.resolve("landscape.csv") + ", " + out.resolve("landscape.png")
                + " and " + out.resolve("landscape.svg"));
        return 0;
    }

    /** Fig. 2: phi, S and S_hat over theta, with f on the right-hand axis. */
    static LineFigure figure(SharpnessProfile p, String function, double epsilon, SharpnessConfig config) {
        return LineFigure.over(p.theta())
                .title(String.format(Locale.ROOT, "Sharpness measures on %s (epsilon = %s, gamma = %s, n1 = %d, n2 = %d)",
                        function, epsilon, config.gamma(), config.n1(), config.n2()))
                .axes("theta", "sharpness")
                .secondaryAxis("f(theta)")
                .line("phi (eq. 1)", p.phi())
                .line("S (eq. 2)", p.s())
                .dashedLine("S_hat (Definition 1)", p.sHat())
                .lineOnSecondaryAxis("f", p.f())
                .build();
    }
}
