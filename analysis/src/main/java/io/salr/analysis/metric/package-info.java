/**
 * What a metric name means to the analysis: its direction (higher or lower is better; the paper's accuracy
 * tables improve upwards, its Table II sharpness downwards), whether it is a fraction shown in percent, and
 * whether it is a cost (gradient calls and wall time, the budget the paper matches) rather than a result.
 * One table of facts ({@link io.salr.analysis.metric.Metrics}) shared by the report, the gate and the
 * comparisons, with the user's {@code --direction METRIC=lower|higher} on top.
 */
package io.salr.analysis.metric;
