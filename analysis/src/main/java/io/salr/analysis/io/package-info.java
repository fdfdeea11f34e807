/**
 * File output shared by every module that writes results: atomic replacement (temporary file plus
 * rename), so a reader never mistakes a half-written file for a result (DESIGN.md, invariants); atomic
 * create-if-absent for a file that only the first of several writers may create; and
 * {@link io.salr.analysis.io.DiskFullException}, which tells a full disk (an infrastructure failure) from bad input.
 */
package io.salr.analysis.io;
