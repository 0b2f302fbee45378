"""Counts the label column of a CSV with pandas and prints the rate, the
baseline the label counter is compared with:

    python3 internal/sample/pandas_count.py FILE
"""
import os
import sys
import time

start = time.perf_counter()
import pandas as pd  # noqa: E402  (the import is part of the measured time)

path = sys.argv[1]
counts = pd.read_csv(path, usecols=["label"])["label"].value_counts()
seconds = time.perf_counter() - start
size = os.path.getsize(path)
print(f"pandas {pd.__version__} read_csv(usecols)+value_counts: "
      f"{size / seconds / 1e6:.1f} MB/s ({seconds:.2f} s for {size / 1e6:.0f} MB, "
      f"{counts.sum()} rows, import included)")
