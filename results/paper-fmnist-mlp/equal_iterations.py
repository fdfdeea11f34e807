#!/usr/bin/env python3
"""A secondary reading of the paper-fmnist-mlp store: SALR against its base method at an equal number of
*iterations* rather than gradient calls (the paper's claims are at equal gradient calls; this asks whether
SALR's loss there is only its extra cost). For each SALR run that finished, its final test accuracy after
I iterations is set against the base method's test accuracy at the end of its last epoch whose iteration
count is at most I (the base runs log the test accuracy once per epoch, every 469 iterations at batch 128 for
SGD and Adam), so the base method never gets more iterations than SALR did.
Welch's t-test from SciPy (Debian python3-scipy). Usage: equal_iterations.py STORE > equal-iterations.csv
"""
import csv
import json
import os
import sys

from scipy import stats

PAIRS = [("sgd-salr", "sgd"), ("adam-salr", "adam"), ("entropy-sgd-salr", "entropy-sgd"),
         ("entropy-adam-salr", "entropy-adam")]


def runs(store):
    for rid in sorted(os.listdir(os.path.join(store, "runs"))):
        folder = os.path.join(store, "runs", rid)
        try:
            with open(os.path.join(folder, "result.json")) as f:
                result = json.load(f)
            with open(os.path.join(folder, "spec.json")) as f:
                spec = json.load(f)
        except FileNotFoundError:
            continue
        yield folder, spec, result


def main(store):
    final = {}   # method -> list of (seed, iterations, test accuracy) of finished runs
    curves = {}  # method -> list of (seed, [(iteration, test accuracy)])
    diverged = {}
    for folder, spec, result in runs(store):
        method = spec["method"]
        if result["status"] != "completed":
            diverged[method] = diverged.get(method, 0) + 1
            continue
        m = result["metrics"]
        final.setdefault(method, []).append((spec["seed"], int(m["iterations"]), m["test_accuracy"]))
        with open(os.path.join(folder, "epochs.csv")) as f:
            curve = [(int(r["iteration"]), float(r["test_accuracy"])) for r in csv.DictReader(f)]
        curves.setdefault(method, []).append((spec["seed"], curve))
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["salr_method", "base_method", "salr_iterations", "base_iterations", "salr_n", "salr_diverged",
                  "base_n", "salr_mean", "base_mean", "difference_pp", "welch_p"])
    for salr, base in PAIRS:
        if salr not in final or base not in curves:
            continue
        iters = max(i for _, i, _ in final[salr])
        at = []
        base_iter = None
        for _, curve in curves[base]:
            point = max(((i, a) for i, a in curve if i <= iters), default=None)
            if point is not None:
                base_iter = point[0]
                at.append(point[1])
        s = [a for _, _, a in final[salr]]
        if len(s) < 2 or len(at) < 2:
            continue
        t = stats.ttest_ind(s, at, equal_var=False)
        out.writerow([salr, base, iters, base_iter, len(s), diverged.get(salr, 0), len(at),
                      f"{sum(s) / len(s):.4f}", f"{sum(at) / len(at):.4f}",
                      f"{100 * (sum(s) / len(s) - sum(at) / len(at)):+.2f}", f"{t.pvalue:.3g}"])


if __name__ == "__main__":
    main(sys.argv[1])
