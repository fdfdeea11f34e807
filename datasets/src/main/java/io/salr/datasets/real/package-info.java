/**
 * Real data sets for the SALR experiments, read from local files only (nothing is ever downloaded):
 * Fashion-MNIST (Debian package {@code dataset-fashion-mnist} or a user directory) and MNIST in the
 * gzip-compressed or plain IDX format, CIFAR-10 and CIFAR-100 in their binary formats, and
 * character-level text corpora for the char-LSTM experiment (Table V of the paper): any UTF-8 file, or the
 * Jargon File of the Debian package {@code jargon-text} ({@link io.salr.datasets.real.PackagedTexts}), split by
 * position into training, validation ({@link io.salr.datasets.real.PositionalHoldOut}) and test text.
 *
 * <p>Every loader records a SHA-256 of each file it reads, as stored on disk ({@link
 * io.salr.datasets.real.FileDigest}, {@link io.salr.datasets.real.DataSetInfo}), so a run's provenance
 * names the exact bytes it trained on (STYLE rule 2). Corrupt, truncated or mislabelled files raise a
 * {@link io.salr.datasets.real.DatasetFormatException} naming the file and the problem; a partially read
 * data set is never returned. Subsets and hold-out splits ({@link io.salr.datasets.real.Subsets}) take an
 * explicit seed; there is no global random generator (STYLE rule 5).
 *
 * <p>The single entry point for the command line is {@link io.salr.datasets.real.Datasets#load}.
 * Minibatches are {@link io.salr.optimizers.engine.HostBatch}es (plain arrays any engine converts) built
 * for caller-chosen example indices,
 * so the trainer keeps control of the order through its own seeded permutation.
 */
package io.salr.datasets.real;
