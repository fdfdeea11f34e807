/**
 * Sweeps (Section VI of the paper: every method at an equal number of gradient calls, over seeds and
 * hyperparameter grids): the YAML {@link io.salr.harness.sweep.SweepSpec}, its deterministic expansion
 * into content-hashed run specs with budget matching ({@link io.salr.harness.sweep.SweepPlan}: in metered
 * passes, or in the paper's currency, where a per-example normalized direction is one gradient call and each
 * method gets the iterations its declared paper cost allows; control runs that borrow a SALR method's
 * iterations), studies that tune before they test ({@link io.salr.harness.sweep.TunedStudy}: disjoint tuning
 * seeds, failed settings ranked last, the protocol's gaps listed), the
 * results {@link io.salr.harness.sweep.Store} (one folder per run id), the
 * {@link io.salr.harness.sweep.SweepRunner} (worker JVMs or in-process, shards; failed runs by kind; workers
 * stopped with their sweep), the worker JVMs' entry point {@link io.salr.harness.sweep.WorkerMain} (many runs
 * per JVM, each sent as its canonical spec), the wall-time estimate from bench figures
 * ({@link io.salr.harness.sweep.PlanEstimate}), the per-run {@link io.salr.harness.sweep.RunClaims} that let several sweeps and
 * Slurm tasks share one store and do each run once, the tidy
 * {@link io.salr.harness.sweep.Export}, Slurm job arrays and the shipped presets. While a sweep runs,
 * each run keeps a {@link io.salr.harness.sweep.RunProgress} file that the live display
 * ({@link io.salr.harness.sweep.ProgressView}, redrawn on a terminal) reads.
 */
package io.salr.harness.sweep;
