/**
 * Figures rendered with XChart to PNG and SVG: line plots for the Fig. 2 landscape and, later, the
 * training curves of Fig. 3. Knows nothing of DL4J; it draws plain numbers.
 */
package io.salr.reports.figures;
