#!/usr/bin/python3
"""Reference values for `salr report --summary` on the paper's Table I (reports/docs/paper/table-1-*.csv):
every method against the table's SALR column from the printed mean, std and n = 10 alone, with
scipy.stats.ttest_ind_from_stats(equal_var=False) and Holm (statsmodels multipletests) over the methods of one
network. Debian's python3-scipy 1.10.1, python3-numpy 1.24.2, python3-statsmodels 0.13.5:

    /usr/bin/python3 analysis/src/test/python/published_reference.py > analysis/src/test/resources/io/salr/analysis/published/table-1-scipy.csv
"""
import csv
import os
import sys
import scipy.stats as st
from statsmodels.stats.multitest import multipletests

root = os.path.join(os.path.dirname(__file__), "..", "..", "..", "..", "reports", "docs", "paper")
out = csv.writer(sys.stdout, lineterminator="\n")
out.writerow(["table", "model", "method", "reference", "statistic", "welch_p", "holm_p"])
for table, ref in (("table-1-sgd.csv", "sgd-salr"), ("table-1-adam.csv", "adam-salr")):
    rows = list(csv.DictReader(open(os.path.join(root, table))))
    for model in dict.fromkeys(r["model"] for r in rows):
        group = [r for r in rows if r["model"] == model]
        y = next(r for r in group if r["method"] == ref)
        others = [r for r in group if r["method"] != ref]
        results = [st.ttest_ind_from_stats(float(r["mean"]), float(r["std"]), int(r["n"]), float(y["mean"]),
                                           float(y["std"]), int(y["n"]), equal_var=False) for r in others]
        holm = multipletests([r.pvalue for r in results], method="holm")[1]
        for r, res, h in zip(others, results, holm):
            out.writerow([table, model, r["method"], ref, repr(res.statistic), repr(res.pvalue), repr(h)])
