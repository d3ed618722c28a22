"""`assess diff OLD NEW`: what changed in the findings between two versions of an agreement.

Each check is classified as SARIF classifies results against a baseline: `new` (it applies now
and did not before), `absent` (it applied before and does not now), `updated` (status or
severity changed) or `unchanged`. Only the first three are listed.
"""

from __future__ import annotations

import json
from typing import Any

from engine.agreement import Agreement, FactContext
from engine.catalogue import Catalogue
from engine.conditions import Read
from engine.evaluate import Finding, evaluate, summary
from engine.report import _env, finding_dict
from engine.schema import all_fact_paths

ORDER = ("updated", "new", "absent")


def _state(f: Finding | None) -> str:
    return "absent" if f is None or f.status == "not_applicable" else "present"


def compare(catalogue: Catalogue, old: Agreement, new: Agreement) -> dict[str, Any]:
    before = {f.check.id: f for f in evaluate(catalogue, old)}
    after = {f.check.id: f for f in evaluate(catalogue, new)}
    changes = []
    for cid in sorted(set(before) | set(after)):
        a, b = before.get(cid), after.get(cid)
        if _state(a) == "absent" and _state(b) == "absent":
            continue
        if _state(a) == "absent":
            kind = "new"
        elif _state(b) == "absent":
            kind = "absent"
        elif a is not None and b is not None and (a.status, a.severity) != (b.status,
                                                                            b.severity):
            kind = "updated"
        else:
            continue
        ref = b if b is not None else a
        assert ref is not None
        changes.append({
            "check": cid,
            "change": kind,
            "framework": ref.check.obligation.framework.id,
            "obligation": ref.check.obligation.id,
            "question": ref.check.raw["question"],
            "before": {"status": a.status, "severity": a.severity} if a else None,
            "after": {"status": b.status, "severity": b.severity} if b else None,
            "citation": {"text": ref.check.obligation.citation["text"],
                         "url": ref.check.obligation.citation["url"]},
            "evidence_after": finding_dict(b, new.doc.file)["evidence"] if b else [],
        })
    changes.sort(key=lambda c: (ORDER.index(c["change"]), c["check"]))
    return {
        "facts": fact_changes(catalogue, old, new),
        "old": {"id": old.id, "title": old.title, "file": old.doc.file,
                "version": old.doc.data.get("version", ""),
                "summary": summary(list(before.values()))},
        "new": {"id": new.id, "title": new.title, "file": new.doc.file,
                "version": new.doc.data.get("version", ""),
                "summary": summary(list(after.values()))},
        "changes": changes,
        "counts": {k: sum(1 for c in changes if c["change"] == k) for k in ORDER},
    }


def _shown(read: Read) -> Any:
    if read.state == "missing":
        return None
    if read.state == "disputed":
        return "disputed: " + " / ".join(str(a["value"]) for a in read.accounts)
    return read.value


def fact_changes(catalogue: Catalogue, old: Agreement, new: Agreement) -> list[dict[str, Any]]:
    """Facts whose value differs between the versions (None: not stated)."""
    a, b = FactContext(old, catalogue.states), FactContext(new, catalogue.states)
    out = []
    for path in all_fact_paths():
        before, after = _shown(a.fact(path)), _shown(b.fact(path))
        if before != after:
            out.append({"path": path, "before": before, "after": after,
                        "line": b.fact(path).line})
    return out


def render_diff(doc: dict[str, Any], fmt: str) -> str:
    if fmt == "json":
        return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
    name = {"md": "diff.md.j2", "terminal": "diff.txt.j2"}[fmt]
    return _env().get_template(name).render(**doc)
