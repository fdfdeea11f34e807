/**
 * Provenance of every result (STYLE rule 2, after Tribuo): code version, JVM, machine, ND4J backend
 * and the checksums of the data read, so each number in a report traces back to a commit.
 */
package io.salr.harness.provenance;
