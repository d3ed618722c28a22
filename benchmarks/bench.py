"""Speed figures: how long the engine takes on the shipped catalogue and agreements.

    python benchmarks/bench.py [--repeat N]

Prints medians over N runs (default 15) of: loading and compiling the catalogue, loading and
validating one agreement, evaluating it, rendering each format; and the strict loader's
throughput on a large synthetic file against PyYAML's own safe loader (the ratio is what
matters, since machines differ).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from engine import report  # noqa: E402
from engine.agreement import load_agreement  # noqa: E402
from engine.catalogue import load_catalogue  # noqa: E402
from engine.evaluate import evaluate  # noqa: E402
from engine.loader import load_text  # noqa: E402


def median_ms(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=15)
    n = ap.parse_args().repeat
    os.chdir(ROOT)
    path = Path("agreements/dk-xk-gjilan.yaml")
    cat = load_catalogue(ROOT / "frameworks")
    ag = load_agreement(path)
    findings = evaluate(cat, ag)
    print(f"catalogue: {len(cat.frameworks)} frameworks, {len(cat.checks)} checks; "
          f"agreement: {path} -> {len(findings)} findings; median of {n} runs")
    rows = [
        ("load + compile catalogue", lambda: load_catalogue(ROOT / "frameworks")),
        ("load + validate agreement", lambda: load_agreement(path)),
        ("evaluate all checks", lambda: evaluate(cat, ag)),
    ]
    rows += [(f"render {fmt}", lambda fmt=fmt: report.render(ag, findings, cat, fmt))
             for fmt in ("terminal", "md", "html", "json")]
    for name, fn in rows:
        print(f"  {name:28s} {median_ms(fn, n):8.2f} ms")
    cmd = [sys.executable, "-m", "engine", str(path), "-f", "json", "-o", os.devnull]
    whole = median_ms(lambda: subprocess.run(cmd, check=False, capture_output=True),
                      max(3, n // 3))
    print(f"  {'whole command (new process)':28s} {whole:8.2f} ms")

    items = 10000
    big = "items:\n" + "".join(
        f"  - {{id: item-{i}, code: NO, value: {i}, when: '2024-01-31', tags: [a, b, c]}}\n"
        for i in range(items))
    ours = median_ms(lambda: load_text(big, "big.yaml"), max(3, n // 5))
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    theirs = median_ms(lambda: yaml.load(big, Loader=loader), max(3, n // 5))
    mb = len(big.encode()) / 1e6
    print(f"strict loader on {mb:.1f} MB ({items * 8} values): {ours:.0f} ms "
          f"({mb / ours * 1000:.1f} MB/s); PyYAML {loader.__name__}: {theirs:.0f} ms; "
          f"ratio {ours / theirs:.2f}x")


if __name__ == "__main__":
    main()
