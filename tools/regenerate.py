"""Regenerate what the repository commits from its sources: docs/catalogue.md and reports/.

    python tools/regenerate.py          # rewrite them
    python tools/regenerate.py --check  # exit 1 and name what is stale (CI runs this)

Reports are rendered exactly as `assess agreements/<id>.yaml` writes them from the project root.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from engine import report  # noqa: E402
from engine.catalogue import load_catalogue  # noqa: E402
from engine.evaluate import evaluate  # noqa: E402


def expected() -> dict[Path, str]:
    os.chdir(ROOT)  # paths in reports are relative to the project root
    catalogue = load_catalogue(ROOT / "frameworks")
    out = {ROOT / "docs" / "catalogue.md": report.render_catalogue(catalogue, "md")}
    files = sorted(Path("agreements").glob("*.yaml"))
    for ag in report.load_agreements(files):
        findings = evaluate(catalogue, ag)
        for ext in ("md", "html"):
            out[ROOT / "reports" / f"{ag.id}.{ext}"] = report.render(ag, findings, catalogue,
                                                                     ext)
    return out


def main(check: bool) -> int:
    want = expected()
    stale = [p for p, text in want.items()
             if not p.exists() or p.read_text(encoding="utf-8") != text]
    extra = [p for p in (ROOT / "reports").glob("*.*")
             if p not in want and p.suffix in (".md", ".html")]
    if check:
        for p in stale:
            print(f"stale: {p.relative_to(ROOT)}")
        for p in extra:
            print(f"no agreement for: {p.relative_to(ROOT)}")
        if stale or extra:
            print("run: python tools/regenerate.py")
            return 1
        print(f"{len(want)} generated files are current")
        return 0
    for p in stale:
        report.write_whole(p, want[p])
    for p in extra:
        p.unlink()
    print(f"{len(stale)} file(s) rewritten, {len(extra)} removed, {len(want)} current")
    return 0


if __name__ == "__main__":
    sys.exit(main("--check" in sys.argv))
