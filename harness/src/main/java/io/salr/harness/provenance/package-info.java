/**
 * Provenance of every result (STYLE rule 2, after Tribuo): code version, JVM, machine, the engine's own description (ND4J or LibTorch versions)
 * and the checksums of the data read, so each number in a report traces back to a commit.
 */
package io.salr.harness.provenance;
