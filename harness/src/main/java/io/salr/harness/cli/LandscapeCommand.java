package io.salr.harness.cli;

import io.salr.analysis.io.AtomicFiles;
import io.salr.datasets.synthetic.Landscapes;
import io.salr.datasets.synthetic.OneDimensional;
import io.salr.optimizers.function.DifferentiableFunction;
import io.salr.optimizers.sharpness.BallSharpness;
import io.salr.optimizers.sharpness.DeterministicSharpness;
import io.salr.optimizers.sharpness.SharpnessConfig;
import io.salr.optimizers.sharpness.ZeroGradientPolicy;
import io.salr.optimizers.validation.Checks;
import io.salr.optimizers.validation.InvalidParameterException;
import io.salr.reports.figures.LineFigure;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.DoubleUnaryOperator;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code salr landscape}: the three sharpness measures of Section III on a 1-D function, as in Fig. 2
 * of the paper - phi (eq. 1), S (eq. 2) with ball radius epsilon, and S_hat (Definition 1) with n1
 * descent and n2 ascent steps of size gamma.
 */
@Command(name = "landscape", mixinStandardHelpOptions = true,
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
        Checks.positive("epsilon", epsilon);
        Checks.finite("from", from);
        Checks.finite("to", to);
        if (!(to > from)) {
            throw new InvalidParameterException("to", to, "must be greater than from (" + from + ")");
        }
        Checks.atLeast("points", points, 2);
        DifferentiableFunction f = Landscapes.byName(function);
        if (!(f instanceof OneDimensional oneD)) {
            throw new InvalidParameterException("function", function,
                    "must be a 1-D landscape (this one has dimension " + f.dimension() + ")");
        }
        DoubleUnaryOperator f1 = oneD.asUnary();
        DeterministicSharpness sHat = new DeterministicSharpness(config, ZeroGradientPolicy.RANDOM_DIRECTION);
        UniformRandomProvider probe = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);

        double[] theta = new double[points];
        double[] fv = new double[points];
        double[] phi = new double[points];
        double[] s = new double[points];
        double[] sh = new double[points];
        StringBuilder csv = new StringBuilder("theta,f,phi,S,S_hat\n");
        for (int i = 0; i < points; i++) {
            theta[i] = from + (to - from) * i / (points - 1);
            fv[i] = f1.applyAsDouble(theta[i]);
            phi[i] = BallSharpness.phi1d(f1, theta[i], epsilon);
            s[i] = BallSharpness.s1d(f1, theta[i], epsilon);
            sh[i] = sHat.estimate(f, Nd4j.createFromArray(theta[i]), probe).sHat();
            csv.append(String.format(Locale.ROOT, "%.6f,%.9g,%.9g,%.9g,%.9g%n", theta[i], fv[i], phi[i], s[i], sh[i]));
        }
        AtomicFiles.writeString(out.resolve("landscape.csv"), csv.toString());
        LineFigure.over(theta)
                .title(String.format(Locale.ROOT, "Sharpness measures on %s (epsilon = %s, gamma = %s, n1 = %d, n2 = %d)",
                        function, epsilon, gamma, n1, n2))
                .axes("theta", "sharpness")
                .secondaryAxis("f(theta)")
                .line("phi (eq. 1)", phi)
                .line("S (eq. 2)", s)
                .dashedLine("S_hat (Definition 1)", sh)
                .lineOnSecondaryAxis("f", fv)
                .build()
                .write(out.resolve("landscape"));
        System.out.println("wrote " + out.resolve("landscape.csv") + ", " + out.resolve("landscape.png")
                + " and " + out.resolve("landscape.svg"));
        return 0;
    }
}
