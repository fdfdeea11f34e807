package io.salr.analysis.gate;

import io.salr.analysis.format.Numbers;
import io.salr.analysis.tidy.TidyRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * One configuration the gate compares: dataset, model, method, and the gamma and hyperparameters where
 * the inputs have them (for a sweep with one configuration per method, as the {@code ci} preset, this is
 * just (dataset, model, method)). Empty hyperparameter cells are left out of the key, so a store that varies
 * a parameter of another method still matches; the study name is ignored.
 *
 * @param dataset         dataset name
 * @param model           model name
 * @param method          method name
 * @param gamma           the method's gamma, when it has one
 * @param hyperparameters the non-empty hyperparameter cells, sorted by name
 */
public record Group(String dataset, String model, String method, OptionalDouble gamma,
                    Map<String, String> hyperparameters) {

    public Group {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(gamma, "gamma");
        Map<String, String> sorted = new TreeMap<>();
        hyperparameters.forEach((k, v) -> {
            if (!v.isEmpty()) {
                sorted.put(k, v);
            }
        });
        hyperparameters = java.util.Collections.unmodifiableMap(sorted);
    }

    /** The group of a tidy row. */
    public static Group of(TidyRow row) {
        return new Group(row.dataset(), row.model(), row.method(), row.gamma(), row.hyperparameters());
    }

    /** The gamma and hyperparameters as {@code gamma=0.01, lr=0.05}, or {@code -} when there are none. */
    public String configuration() {
        List<String> parts = new ArrayList<>();
        gamma.ifPresent(g -> parts.add("gamma=" + Numbers.format(g)));
        hyperparameters.forEach((k, v) -> parts.add(k + "=" + v));
        return parts.isEmpty() ? "-" : String.join(", ", parts);
    }

    /** {@code dataset/model/method} plus the configuration when there is one. */
    public String describe() {
        String c = configuration();
        return dataset + "/" + model + "/" + method + (c.equals("-") ? "" : " (" + c + ")");
    }
}
