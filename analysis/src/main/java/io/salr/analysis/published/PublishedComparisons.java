package io.salr.analysis.published;

import io.salr.analysis.compare.Compare;
import io.salr.analysis.compare.Comparison;
import io.salr.analysis.compare.Family;
import io.salr.analysis.compare.Hypothesis;
import io.salr.analysis.metric.Metrics;
import io.salr.analysis.significance.UnknownReferenceException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * What a published table supports at face value: every method against the reference from the printed mean,
 * standard deviation and n alone ({@link Compare#ofStatistics}: Welch's test and interval, Hedges' g, the
 * minimum detectable effect), Holm-adjusted over the methods of each (dataset, model, metric).
 *
 * @param reference the reference method
 * @param rows      one per method other than the reference, in table order
 */
public record PublishedComparisons(String reference, List<Row> rows) {

    /**
     * One comparison.
     *
     * @param method     the method's row
     * @param reference  the reference's row
     * @param comparison the statistics and the verdict
     */
    public record Row(PublishedRow method, PublishedRow reference, Comparison comparison) {
    }

    public PublishedComparisons {
        Objects.requireNonNull(reference, "reference");
        rows = List.copyOf(rows);
    }

    /**
     * Compares every method with the reference.
     *
     * @throws UnknownReferenceException when the reference is not in the table
     */
    public static PublishedComparisons of(PublishedTable table, String reference, Metrics metrics) {
        TreeSet<String> methods = new TreeSet<>();
        table.rows().forEach(r -> methods.add(r.method()));
        if (!methods.contains(reference)) {
            throw new UnknownReferenceException(reference, methods, false);
        }
        Map<List<String>, PublishedRow> refs = new LinkedHashMap<>();
        for (PublishedRow r : table.rows()) {
            if (r.method().equals(reference)) {
                refs.put(List.of(r.dataset(), r.model(), r.metric()), r);
            }
        }
        Map<List<String>, List<Row>> families = new LinkedHashMap<>();
        for (PublishedRow r : table.rows()) {
            List<String> key = List.of(r.dataset(), r.model(), r.metric());
            PublishedRow ref = refs.get(key);
            if (r.method().equals(reference) || ref == null) {
                continue;
            }
            Comparison c = Compare.ofStatistics(r.mean(), r.std(), r.n(), ref.mean(), ref.std(), ref.n(),
                    metrics.direction(r.metric()), Hypothesis.DIFFERENCE);
            families.computeIfAbsent(key, k -> new ArrayList<>()).add(new Row(r, ref, c));
        }
        List<Row> rows = new ArrayList<>();
        families.values().forEach(family -> {
            List<Comparison> adjusted = Family.holm(family.stream().map(Row::comparison).toList());
            for (int i = 0; i < family.size(); i++) {
                rows.add(new Row(family.get(i).method(), family.get(i).reference(), adjusted.get(i)));
            }
        });
        return new PublishedComparisons(reference, rows);
    }
}
