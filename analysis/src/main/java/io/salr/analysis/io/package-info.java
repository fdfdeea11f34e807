/**
 * File output shared by every module that writes results: atomic replacement (temporary file plus
 * rename), so a reader never mistakes a half-written file for a result (DESIGN.md, invariants).
 */
package io.salr.analysis.io;
