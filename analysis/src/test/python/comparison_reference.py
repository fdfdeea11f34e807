#!/usr/bin/python3
"""Reference values for the comparison tests of the analysis module (io.salr.analysis.compare and
significance). Run with Debian's Python 3 packages (python3-scipy 1.10.1, python3-numpy 1.24.2,
python3-statsmodels 0.13.5):

    /usr/bin/python3 analysis/src/test/python/comparison_reference.py

It prints the numbers the Java tests compare against; the tests cite this script and the versions.
The Java code never calls Python."""
import math
import numpy as np
import scipy
import scipy.stats as st
import statsmodels
from statsmodels.stats.multitest import multipletests

print("scipy", scipy.__version__, "numpy", np.__version__, "statsmodels", statsmodels.__version__)

def hedges_g(x, y):
    x, y = np.asarray(x, float), np.asarray(y, float)
    nx, ny = len(x), len(y)
    df = nx + ny - 2
    sp = math.sqrt(((nx - 1) * x.var(ddof=1) + (ny - 1) * y.var(ddof=1)) / df)
    j = math.exp(math.lgamma(df / 2) - 0.5 * math.log(df / 2) - math.lgamma((df - 1) / 2))
    return j * (x.mean() - y.mean()) / sp

def welch_ci(x, y, conf):
    # SciPy 1.10 has no confidence_interval() on ttest_ind; the Welch interval written out:
    # diff -/+ t.ppf((1 + conf) / 2, df) * se with the Welch-Satterthwaite df
    x, y = np.asarray(x, float), np.asarray(y, float)
    vx, vy = x.var(ddof=1) / len(x), y.var(ddof=1) / len(y)
    se = math.sqrt(vx + vy)
    df = (vx + vy) ** 2 / (vx ** 2 / (len(x) - 1) + vy ** 2 / (len(y) - 1))
    q = st.t.ppf((1 + conf) / 2, df)
    d = x.mean() - y.mean()
    return d - q * se, d + q * se

def welch(x, y, conf=0.95):
    r = st.ttest_ind(x, y, equal_var=False)
    lo, hi = welch_ci(x, y, conf)
    return r.pvalue, lo, hi

salr = [0.912, 0.905, 0.921, 0.899, 0.917]
sgd = [0.889, 0.902, 0.885, 0.897]          # seed 3 diverged: no value
print("fixture sgd vs sgd-salr (test_accuracy)")
p, lo, hi = welch(sgd, salr)
print("  welch p", repr(p), "ci95", repr(lo), repr(hi))
print("  mwu exact p", repr(st.mannwhitneyu(sgd, salr, method='exact').pvalue))
print("  hedges g", repr(hedges_g(sgd, salr)))
# rank test with the failed run worst: sgd gets one value below everything
sgd_all = sgd + [-1.0]
print("  rank p (failure worst)", repr(st.mannwhitneyu(sgd_all, salr, method='exact').pvalue))
print("  p_better (failure worst)", repr(st.mannwhitneyu(sgd_all, salr).statistic / (5 * 5)))
# paired on seeds 1, 2, 4, 5
print("  wilcoxon paired on 4 seeds", repr(st.wilcoxon([0.889, 0.902, 0.885, 0.897], [0.912, 0.905, 0.899, 0.917]).pvalue))
adam = [0.908, 0.915, 0.9, 0.911]
sam05 = [0.91, 0.9, 0.915]
sam10 = [0.905, 0.899, 0.92]
ps = [welch(adam, salr)[0], welch(sam05, salr)[0], welch(sam10, salr)[0], p]
print("  family welch p (adam, sam0.05, sam0.1, sgd)", [repr(v) for v in ps])
print("  holm", [repr(v) for v in multipletests(ps, method='holm')[1]])

print("test_loss (lower is better): sgd [0.36,0.34,0.38,0.33] vs salr [0.31,0.33,0.29,0.35,0.3]")
lsgd = [0.36, 0.34, 0.38, 0.33]
lsalr = [0.31, 0.33, 0.29, 0.35, 0.3]
p, lo, hi = welch(lsgd, lsalr)
print("  welch p", repr(p), "ci95", repr(lo), repr(hi))
print("  p_better = P(sgd loss < salr loss), the diverged seed worst", repr(st.mannwhitneyu(lsalr, lsgd + [99.0]).statistic / 25))

print("constant groups")
print("  0.005x3 vs 0.007x3 mwu exact p", repr(st.mannwhitneyu([0.005] * 3, [0.007] * 3, method='exact').pvalue))
print("  1.0x5 vs 0.9x5 mwu exact p", repr(st.mannwhitneyu([1.0] * 5, [0.9] * 5, method='exact').pvalue))
print("  smallest exact two-sided p 3 vs 3:", 2 / math.comb(6, 3), " 5 vs 5:", 2 / math.comb(10, 5))

print("one-sided and equivalence, x = method, y = reference, higher is better")
x = [0.80, 0.82, 0.81, 0.83, 0.79]
y = [0.81, 0.80, 0.82, 0.80, 0.79]
m = 0.02
print("  superiority p", repr(st.ttest_ind(x, y, equal_var=False, alternative='greater').pvalue))
print("  non-inferiority p (H0 diff <= -m)", repr(st.ttest_ind(np.array(x) + m, y, equal_var=False, alternative='greater').pvalue))
pl = st.ttest_ind(np.array(x) + m, y, equal_var=False, alternative='greater').pvalue
pu = st.ttest_ind(np.array(x) - m, y, equal_var=False, alternative='less').pvalue
print("  TOST p = max", repr(max(pl, pu)))
lo, hi = welch_ci(x, y, 0.90)
print("  90% ci", repr(lo), repr(hi))

print("Welch from summary statistics: ttest_ind_from_stats")
r = st.ttest_ind_from_stats(0.9325, 0.0003, 10, 0.9494, 0.0009, 10, equal_var=False)
print("  resnet50 sgd vs sgd-salr:", repr(r.pvalue), repr(r.statistic))
