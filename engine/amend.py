"""Mitigation what-if: assess an amended copy of an agreement, in memory.

A check's recommendation may carry a structured `amendment`: the agreement facts the proposed
clause would set. `--apply-recommendations all` (or a comma-separated list of check ids) merges
those facts into a copy of the agreement, marked as proposed, evaluates the copy and reports the
residual risk: which risks the clauses close, and which remain and why. The file is not touched.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from engine.agreement import Agreement
from engine.catalogue import Catalogue, Check
from engine.evaluate import Finding, evaluate, summary
from engine.loader import Document
from engine.problems import InputError, Problem


@dataclass
class WhatIf:
    applied: list[Check]
    before: list[Finding]
    after: list[Finding]
    amended: Agreement

    def as_dict(self) -> dict[str, Any]:
        before = {f.check.id: f for f in self.before}
        closed = [f.check.id for f in self.after
                  if before[f.check.id].status == "risk" and f.status != "risk"]
        remaining = [{"check": f.check.id, "severity": f.severity,
                      "why": _why_remaining(f, self.applied)}
                     for f in self.after if f.status == "risk"]
        return {
            "applied": [{"check": c.id, "facts": c.raw["amendment"]} for c in self.applied],
            "summary_before": summary(self.before),
            "summary_after": summary(self.after),
            "closed": closed,
            "remaining": remaining,
        }


def _why_remaining(f: Finding, applied: list[Check]) -> str:
    if any(c.id == f.check.id for c in applied):
        return "its own amendment does not settle every fact the check needs"
    if "amendment" not in f.check.raw:
        return "its recommendation has no structured amendment: the clause needs drafting"
    return "its recommendation was not selected"


def select(catalogue: Catalogue, spec: str, before: list[Finding] | None = None
           ) -> list[Check]:
    """`all`, or a comma-separated list of check ids whose recommendations carry amendments.

    `all` takes the amendments of the checks that are at risk or unknown on this agreement:
    a clause for a check that does not apply, or is already met, is not proposed."""
    if spec.strip() == "all":
        open_ = ({f.check.id for f in before if f.status in ("risk", "unknown")}
                 if before is not None else set(catalogue.checks))
        return [c for c in catalogue.checks.values() if "amendment" in c.raw
                and c.id in open_]
    chosen = []
    problems = []
    for cid in (s.strip() for s in spec.split(",") if s.strip()):
        check = catalogue.checks.get(cid)
        if check is None:
            problems.append(Problem("--apply-recommendations", 0, 0, f"no check '{cid}'"))
        elif "amendment" not in check.raw:
            problems.append(Problem("--apply-recommendations", 0, 0,
                                    f"check '{cid}' has no structured amendment"))
        else:
            chosen.append(check)
    if problems:
        raise InputError(problems)
    return chosen


def _merge(target: dict[str, Any], facts: dict[str, Any], check_id: str) -> None:
    for key, value in facts.items():
        if isinstance(value, dict):
            node = target.get(key)
            if not isinstance(node, dict) or "value" in node or "accounts" in node:
                node = {}
                target[key] = node
            _merge(node, value, check_id)
        else:
            old = target.get(key)
            if isinstance(value, list) and isinstance(old, dict) and isinstance(
                    old.get("value"), list):
                # A clause adds to a list (say, monitoring bodies); it does not drop the rest.
                value = old["value"] + [v for v in value if v not in old["value"]]
            target[key] = {"value": value, "known": "proposed",
                           "source": {"seed": "recommendation", "at": check_id}}


def amended(agreement: Agreement, checks: list[Check]) -> Agreement:
    data = copy.deepcopy(agreement.doc.data)
    for check in sorted(checks, key=lambda c: c.id):
        _merge(data, check.raw["amendment"], check.id)
    # Unchanged facts keep their places in the file; proposed ones have none.
    doc = Document(file=agreement.doc.file, data=data, positions=dict(agreement.doc.positions))
    return Agreement(doc, agreement.seeds)


def what_if(catalogue: Catalogue, agreement: Agreement, spec: str,
            before: list[Finding] | None = None) -> WhatIf:
    before = before if before is not None else evaluate(catalogue, agreement)
    checks = select(catalogue, spec, before)
    copy_ = amended(agreement, checks)
    return WhatIf(checks, before, evaluate(catalogue, copy_), copy_)
