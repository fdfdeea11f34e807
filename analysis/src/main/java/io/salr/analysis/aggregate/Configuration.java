package io.salr.analysis.aggregate;

import io.salr.analysis.tidy.TidyRow;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One method configuration on one dataset and model: the unit whose seeds are aggregated.
 *
 * @param dataset         dataset name
 * @param model           model name
 * @param method          method name
 * @param gamma           gamma, absent for methods without one
 * @param hyperparameters extra hyperparameters, name to verbatim text, in column order
 */
public record Configuration(String dataset, String model, String method, OptionalDouble gamma,
                            Map<String, String> hyperparameters) implements Comparable<Configuration> {

    /** Order: dataset, model, method, gamma (absent first, then numeric), hyperparameter texts. */
    private static final Comparator<Configuration> ORDER = Comparator
            .comparing(Configuration::dataset)
            .thenComparing(Configuration::model)
            .thenComparing(Configuration::method)
            .thenComparing((a, b) -> compareGamma(a.gamma(), b.gamma()))
            .thenComparing((a, b) -> compareMaps(a.hyperparameters(), b.hyperparameters()));

    public Configuration {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(gamma, "gamma");
        hyperparameters = Collections.unmodifiableMap(new LinkedHashMap<>(hyperparameters));
    }

    /** The configuration a tidy row belongs to. */
    public static Configuration of(TidyRow row) {
        return new Configuration(row.dataset(), row.model(), row.method(), row.gamma(), row.hyperparameters());
    }

    @Override
    public int compareTo(Configuration other) {
        return ORDER.compare(this, other);
    }

    /** The hyperparameters including gamma as "name=value" text, e.g. {@code gamma=0.5;lr=0.1}. */
    public String hyperparameterLabel() {
        StringBuilder label = new StringBuilder();
        if (gamma.isPresent()) {
            label.append("gamma=").append(gammaText(gamma));
        }
        hyperparameters.forEach((k, v) -> {
            if (!v.isEmpty()) {
                label.append(label.length() == 0 ? "" : ";").append(k).append('=').append(v);
            }
        });
        return label.toString();
    }

    /** Gamma as the shortest exact decimal text (no exponent, locale independent), empty when absent. */
    public static String gammaText(OptionalDouble gamma) {
        if (gamma.isEmpty()) {
            return "";
        }
        return new java.math.BigDecimal(Double.toString(gamma.getAsDouble())).stripTrailingZeros()
                .toPlainString();
    }

    private static int compareGamma(OptionalDouble a, OptionalDouble b) {
        if (a.isEmpty() || b.isEmpty()) {
            return Boolean.compare(a.isPresent(), b.isPresent());
        }
        return Double.compare(a.getAsDouble(), b.getAsDouble());
    }

    private static int compareMaps(Map<String, String> a, Map<String, String> b) {
        Iterator<Map.Entry<String, String>> ia = a.entrySet().iterator();
        Iterator<Map.Entry<String, String>> ib = b.entrySet().iterator();
        while (ia.hasNext() && ib.hasNext()) {
            Map.Entry<String, String> ea = ia.next();
            Map.Entry<String, String> eb = ib.next();
            int c = ea.getKey().compareTo(eb.getKey());
            if (c == 0) {
                c = ea.getValue().compareTo(eb.getValue());
            }
            if (c != 0) {
                return c;
            }
        }
        return Boolean.compare(ia.hasNext(), ib.hasNext());
    }
}
