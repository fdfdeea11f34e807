/**
 * The paper-style tables ({@link io.salr.reports.tables.PaperTable}) written as Markdown, LaTeX
 * (booktabs) and HTML, each behind the analysis module's {@link io.salr.analysis.output.OutputFormat}
 * and listed in {@link io.salr.reports.format.TableFormat}; plus {@link io.salr.reports.format.Escape},
 * the one place where strings from the input are escaped for each language.
 */
package io.salr.reports.format;
