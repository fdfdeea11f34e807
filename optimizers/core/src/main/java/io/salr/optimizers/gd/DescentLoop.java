package io.salr.optimizers.gd;

import io.salr.optimizers.function.DifferentiableFunction;
import io.salr.validation.Checks;
import io.salr.validation.InvalidParameterException;
import java.util.ArrayList;
import java.util.List;
import io.salr.optimizers.engine.FlatVector;

/** The GD loop theta_{k+1} = theta_k - eta_k grad f(theta_k) shared by both methods, with its meter. */
final class DescentLoop {

    /** The step-size rule of one method: the learning rate at iteration k and iterate theta_k. */
    interface StepRule {
        /**
         * The step at iteration k. A step with {@code diverged} set stops the run and is not recorded
         * (its other fields are ignored). Calls spent by the rule are added with {@link #charge}.
         */
        Step step(long iteration, FlatVector theta, DescentLoop loop);
    }

    /** A learning rate with its multiplier and sharpness; {@code diverged} stops the run. */
    record Step(double learningRate, double multiplier, double sharpness, boolean diverged) {
    }

    private final DifferentiableFunction f;
    private long gradientCalls;
    private long valueCalls;

    DescentLoop(DifferentiableFunction f) {
        this.f = Checks.present("f", f);
    }

    /** Adds calls spent outside the loop (by a sharpness probe). */
    void charge(long gradients, long values) {
        gradientCalls += gradients;
        valueCalls += values;
    }

    Trajectory run(FlatVector theta0, int iterations, StepRule rule, boolean recordsSharpness) {
        Checks.present("theta0", theta0);
        Checks.atLeast("iterations", iterations, 0);
        if (theta0.length() != f.dimension()) {
            throw new InvalidParameterException("theta0.length", theta0.length(),
                    "must be a vector of length f.dimension() = " + f.dimension());
        }
        List<double[]> points = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        List<Step> steps = new ArrayList<>();
        FlatVector theta = theta0.dup();
        boolean diverged = false;
        for (int k = 0; ; k++) {
            double[] point = theta.toDoubleArray();
            double value = f.value(theta);
            valueCalls++;
            points.add(point);
            values.add(value);
            if (!Double.isFinite(value) || !allFinite(point)) {
                diverged = true;
                break;
            }
            if (k == iterations) {
                break;
            }
            FlatVector gradient = f.gradient(theta);
            gradientCalls++;
            if (!Double.isFinite(gradient.norm2())) {
                diverged = true;
                break;
            }
            Step step = rule.step(k, theta, this);
            if (step.diverged()) {
                diverged = true;
                break;
            }
            steps.add(step);
            theta.subi(gradient.muli(step.learningRate()));
        }
        double[] rates = new double[steps.size()];
        double[] multipliers = new double[steps.size()];
        double[] sharpness = new double[recordsSharpness ? steps.size() : 0];
        for (int k = 0; k < steps.size(); k++) {
            rates[k] = steps.get(k).learningRate();
            multipliers[k] = steps.get(k).multiplier();
            if (recordsSharpness) {
                sharpness[k] = steps.get(k).sharpness();
            }
        }
        double[] valueArray = values.stream().mapToDouble(Double::doubleValue).toArray();
        return new Trajectory(points.toArray(new double[0][]), valueArray, rates, multipliers, sharpness,
                gradientCalls, valueCalls, diverged);
    }

    private static boolean allFinite(double[] point) {
        for (double x : point) {
            if (!Double.isFinite(x)) {
                return false;
            }
        }
        return true;
    }
}
