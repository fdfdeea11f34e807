/**
 * Output formats for the analysis results, each behind {@link io.salr.analysis.output.OutputFormat} and
 * tested against a golden file: {@code summary.csv} ({@link io.salr.analysis.output.SummaryCsv}) and
 * {@code significance.csv} ({@link io.salr.analysis.output.SignificanceCsv}). Files are written atomically
 * ({@link io.salr.analysis.io.AtomicFiles}); numbers are formatted by {@link
 * io.salr.analysis.format.Numbers} with {@code Locale.ROOT}-independent rules; strings are written verbatim
 * (RFC 4180 quoting only).
 */
package io.salr.analysis.output;
