/**
 * The report: {@link io.salr.reports.Report#write} turns tidy results ({@link io.salr.reports.ReportInput})
 * into the analysis CSVs, the paper's tables (Tables I, II, VII of the SALR paper) in Markdown, LaTeX and
 * HTML, the figures (Fig. 3, gamma sensitivity, per-seed values, and extras such as the Fig. 2 landscape)
 * as PNG and SVG, and one self-contained {@code index.html}. Knows nothing of DL4J or of the run store;
 * the harness's {@code report} command feeds it.
 */
package io.salr.reports;
