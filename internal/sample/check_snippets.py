"""Runs the golden code snippets of calc/testdata/golden with the frameworks
this machine has, and fits scikit-learn and XGBoost models with them:

    python3 internal/sample/check_snippets.py

A framework that is not installed is skipped, and said so.
"""
import glob
import importlib.util
import os
import runpy
import sys

import numpy as np

GOLDEN = os.path.join(os.path.dirname(__file__), "..", "..", "calc", "testdata", "golden")
MODULES = {"pytorch": "torch", "keras": "tensorflow", "sklearn": "sklearn",
           "xgboost": "xgboost", "lightgbm": "lightgbm", "catboost": "catboost"}
LABELS = {"forum": ["neg", "pos"], "three": ["cat", "dog", "bird"], "ints": [0, 1, 2]}

failed = 0
for path in sorted(glob.glob(os.path.join(GOLDEN, "*.txt"))):
    case, target = os.path.basename(path)[:-4].split("-")
    module = MODULES.get(target)
    if module is None:
        continue
    if importlib.util.find_spec(module) is None:
        print(f"skipped {case}-{target}: {module} is not installed")
        continue
    try:
        ns = runpy.run_path(path)
        rng = np.random.default_rng(0)
        labels = LABELS[case]
        X = rng.normal(size=(60, 3))
        if target == "sklearn":
            ns["clf"].fit(X, np.array([labels[i % len(labels)] for i in range(60)]))
        if target == "xgboost":
            y = np.array([i % len(labels) for i in range(60)])
            ns["model"].fit(X, y, sample_weight=ns["sample_weights"](y))
        print(f"ok {case}-{target}")
    except Exception as err:  # report every snippet, then fail
        failed += 1
        print(f"FAILED {case}-{target}: {err!r}")
sys.exit(1 if failed else 0)
