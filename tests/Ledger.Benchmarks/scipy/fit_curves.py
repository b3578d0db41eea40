"""The yardstick of `curve-processes`: fits every log the glob names with scipy's curve_fit (Levenberg-Marquardt),
a four-parameter sigmoid as `ledger curve`'s default model, no intervals. Prints each log's A as JSON.

Usage: python3 fit_curves.py 'LOGS/**/*.csv'  (Debian: apt-get install python3-scipy)
"""
import glob
import json
import sys

import numpy as np
from scipy.optimize import curve_fit


def sigmoid4(c, r0, a, b, cmid):
    return r0 + (a - r0) / (1 + (cmid / c) ** b)


def main(pattern):
    fits = []
    for path in sorted(glob.glob(pattern, recursive=True)):
        data = np.loadtxt(path, delimiter=",", skiprows=1)
        compute, reward = data[:, 0], data[:, 1]
        start = [reward.min(), reward.max(), 1.0, float(np.median(compute))]
        try:
            params, _ = curve_fit(sigmoid4, compute, reward, p0=start, method="lm", maxfev=10000)
            fits.append({"path": path, "A": float(params[1])})
        except RuntimeError as error:
            fits.append({"path": path, "error": str(error)})
    json.dump(fits, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1])
