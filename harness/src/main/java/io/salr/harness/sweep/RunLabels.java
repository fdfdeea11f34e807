package io.salr.harness.sweep;

import io.salr.harness.run.ModelOptions;
import io.salr.optimizers.spec.Param;
import io.salr.optimizers.spec.ParamValue;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The short names of a sweep's runs in its progress lines: the network as it was built (its architecture, then
 * {@code bn} and {@code dropout P} when it has them), the method, the method parameters that differ between the
 * sweep's runs of that method (a tuning grid's rate and key parameter; nothing in a final stage, whose runs of
 * one method differ only by seed), and the seed. A parameter every run of a method shares says nothing about
 * which run this is, so it is left out.
 */
final class RunLabels {

    private final Map<String, Set<Param>> varying = new HashMap<>();

    /** Labels for {@code runs}: which parameters vary is decided over all of them. */
    RunLabels(List<SweepPlan.PlannedRun> runs) {
        Map<String, Map<Param, ParamValue>> first = new HashMap<>();
        for (SweepPlan.PlannedRun r : runs) {
            String method = r.spec().methodName();
            Map<Param, ParamValue> values = r.spec().method().values();
            Map<Param, ParamValue> seen = first.putIfAbsent(method, values);
            Set<Param> differing = varying.computeIfAbsent(method, m -> EnumSet.noneOf(Param.class));
            if (seen != null) {
                for (Param p : Param.values()) {
                    if (!java.util.Objects.equals(seen.get(p), values.get(p))) {
                        differing.add(p);
                    }
                }
            }
        }
    }

    /** The run's label, e.g. {@code mlp bn dropout 0.5 sgd lr=0.1 momentum=0.9 seed 1000}. */
    String of(SweepPlan.PlannedRun r) {
        StringBuilder s = new StringBuilder(network(r.spec().model())).append(' ').append(r.spec().methodName());
        Map<Param, ParamValue> values = r.spec().method().values();
        for (Param p : varying.getOrDefault(r.spec().methodName(), Set.of())) {
            ParamValue v = values.get(p);
            s.append(' ').append(p.key()).append('=').append(v == null ? "default" : v.toString());
        }
        return s.append(" seed ").append(r.spec().seed()).toString();
    }

    static String network(ModelOptions m) {
        StringBuilder s = new StringBuilder(m.architecture());
        if (m.batchNorm()) {
            s.append(" bn");
        }
        if (m.dropout() > 0) {
            s.append(String.format(Locale.ROOT, " dropout %s", m.dropout()));
        }
        return s.toString();
    }
}
