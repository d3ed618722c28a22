"""SARIF 2.1.0 output, so code-scanning dashboards can show findings beside the YAML lines.

Statuses map onto SARIF result kinds: risk -> fail (level from severity), safeguarded -> pass,
unknown -> review, not_applicable -> notApplicable; non-fail kinds carry level "none" as the
specification asks.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from engine import __version__
from engine.agreement import Agreement
from engine.evaluate import Finding
from engine.report import finding_dict

KIND = {"risk": "fail", "safeguarded": "pass", "unknown": "review",
        "not_applicable": "notApplicable"}
LEVEL = {"critical": "error", "high": "error", "medium": "warning", "low": "note"}
# The same scores Checkov and GitHub use for security-severity.
SCORE = {"critical": "9.5", "high": "8.0", "medium": "5.5", "low": "2.0"}


def render_sarif(runs: list[tuple[Agreement, list[Finding]]]) -> str:
    rules: dict[str, dict[str, Any]] = {}
    results = []
    for ag, findings in runs:
        for f in findings:
            d = finding_dict(f, ag.doc.file)
            ch = f.check
            if ch.id not in rules:
                rules[ch.id] = {
                    "id": ch.id,
                    "name": ch.obligation.id,
                    "shortDescription": {"text": ch.raw["question"]},
                    "fullDescription": {"text": ch.obligation.raw["paraphrase"].strip()},
                    "helpUri": d["citation"]["url"],
                    "help": {"text": f"{d['citation']['text']}. Recommendation: "
                                     f"{ch.raw['recommendation'].strip()}"},
                    "properties": {"severity": ch.severity, "area": ch.area,
                                   "security-severity": SCORE[ch.severity],
                                   "tags": [ch.obligation.framework.id, ch.area]},
                }
            ev = d["evidence"][0] if d["evidence"] else None
            line = ev["line"] if ev and ev["line"] else 1
            col = ev["column"] if ev and ev["column"] else 1
            missing = ", ".join(m["path"] for m in d["missing"])
            text = d["rationale"].strip() + (f" Missing: {missing}." if missing else "")
            fingerprint = hashlib.sha256(
                "|".join([ch.id, ag.id, *sorted(e["path"] for e in d["evidence"])]).encode()
            ).hexdigest()[:32]
            results.append({
                "ruleId": ch.id,
                "kind": KIND[f.status],
                "level": LEVEL[f.severity] if f.status == "risk" else "none",
                "message": {"text": text},
                "locations": [{"physicalLocation": {
                    "artifactLocation": {"uri": ag.doc.file},
                    "region": {"startLine": line, "startColumn": col}}}],
                "partialFingerprints": {"assessFinding/v1": fingerprint},
                "properties": {"status": f.status, "agreement": ag.id,
                               "duty_bearers": [b["state"] for b in d["duty_bearers"]]},
            })
    ordered = sorted(rules)
    for r in results:
        r["ruleIndex"] = ordered.index(r["ruleId"])
    doc = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "assess", "version": __version__,
                                "rules": [rules[k] for k in ordered]}},
            "results": results,
        }],
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
