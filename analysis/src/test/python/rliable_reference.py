#!/usr/bin/python3
"""Reference values for io.salr.analysis.aggregate.TaskAggregates from the rliable library itself.

rliable 1.2.0 (github google-research/rliable, commit 3ccd9f4dea577a04d3d2b557f259aac08badbd81) needs
arch.bootstrap < 8 (github bashtage/arch, tag v7.2.0, commit 38beda682414dd815a6669a6db44d912d59b7c9f, its
pure-Python samplers; arch 8 renamed the random_state argument rliable passes) and absl. Neither rliable nor arch is a Debian package, so both are used from source: put their `rliable/` and
`arch/` folders in one directory and replace arch's `__init__.py` by a two-line shim that skips arch.univariate
(it only re-exports the GARCH models and a version generated at build time):

    arch/_version.py:  version = "7.2.0"; version_tuple = (7, 2, 0); __version__ = version
    arch/__init__.py:  from ._version import version as __version__

then, with Debian's python3-scipy 1.10.1, python3-numpy 1.24.2, python3-pandas and python3-absl 0.15.0:

    RLIABLE_PATH=/that/directory /usr/bin/python3 analysis/src/test/python/rliable_reference.py \
        analysis/src/test/resources/io/salr/analysis/aggregate/

It writes rliable-input.csv (a held-out input: 3 methods, 4 tasks, 5 runs, normalized scores drawn from a fixed
seed) and rliable-expected.csv (rliable's point estimates and 95% percentile stratified-bootstrap intervals).
"""
import csv
import os
import sys

sys.path.insert(0, os.environ["RLIABLE_PATH"])
import numpy as np
from rliable import library as rly
from rliable import metrics

out_dir = sys.argv[1]
rs = np.random.RandomState(20261130)
methods = {"a": 1.00, "b": 1.03, "c": 0.97}
tasks, runs = 4, 5
scores = {}
for m, centre in methods.items():
    task_shift = rs.normal(0, 0.05, size=tasks)
    scores[m] = centre + task_shift[None, :] + rs.normal(0, 0.04, size=(runs, tasks))
    scores[m] = np.round(scores[m], 6)
with open(os.path.join(out_dir, "rliable-input.csv"), "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["method", "task", "run", "score"])
    for m, s in scores.items():
        for t in range(tasks):
            for r in range(runs):
                w.writerow([m, t, r, repr(float(s[r, t]))])

rows = []
aggregate = lambda x: np.array([metrics.aggregate_mean(x), metrics.aggregate_median(x),
                                metrics.aggregate_iqm(x), metrics.aggregate_optimality_gap(x)])
np.random.seed(1)
points, cis = rly.get_interval_estimates(scores, aggregate, reps=50000)
for m in scores:
    for i, name in enumerate(["mean", "median", "iqm", "optimality_gap"]):
        rows.append([m, name, "", repr(float(points[m][i])), repr(float(cis[m][0][i])), repr(float(cis[m][1][i]))])
pairs = {"b,a": (scores["b"], scores["a"]), "c,a": (scores["c"], scores["a"])}
np.random.seed(2)
p_points, p_cis = rly.get_interval_estimates(pairs, metrics.probability_of_improvement, reps=20000)
for k in pairs:
    rows.append([k, "probability_of_improvement", "", repr(float(p_points[k])), repr(float(p_cis[k][0])),
                 repr(float(p_cis[k][1]))])
taus = np.array([0.95, 1.0, 1.05])
np.random.seed(3)
profiles, profile_cis = rly.create_performance_profile(scores, taus, reps=20000)
for m in scores:
    for i, tau in enumerate(taus):
        rows.append([m, "profile", repr(float(tau)), repr(float(profiles[m][i])), repr(float(profile_cis[m][0][i])),
                     repr(float(profile_cis[m][1][i]))])
with open(os.path.join(out_dir, "rliable-expected.csv"), "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["method", "statistic", "tau", "value", "low", "high"])
    w.writerows(rows)
