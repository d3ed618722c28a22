"""Accountability analysis: checks derived from the responsibility matrix.

`frameworks/accountability.yaml` lists, per function, the obligations a duty-bearer owes over it
and the oversight powers that let a state that does not perform the function still discharge
them. This module compiles each (function, role) pair into an ordinary check, written in the
same condition language as every other check, so the gap logic is data a lawyer can read, runs
through the same evaluator, and never names an agreement or a country.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from engine import schema as schemas
from engine.catalogue import Catalogue, Check, Framework, Obligation
from engine.conditions import compile_condition
from engine.loader import load_file
from engine.problems import InputError, Problem

ROLES = ("sending", "receiving")


def _signs(data: dict[str, Any]) -> dict[str, Any]:
    return {"any": [{"fact": s["fact"], "in": s["in"]} for s in data["authority_and_control"]]}


def _conditions(fn: str, spec: dict[str, Any], role: str, data: dict[str, Any],
                instruments: list[str]) -> dict[str, Any]:
    performer = f"responsibility.{fn}.performed_by"
    bound = {"any": [{"bound": {"role": role, "instrument": i}} for i in instruments]}
    parts: list[dict[str, Any]] = [bound] if role == "receiving" else [bound, _signs(data)]
    if spec.get("needs_sending_state"):
        parts.append({"party": "sending"})
    applies: dict[str, Any] = parts[0] if len(parts) == 1 else {"all": parts}
    return {
        "applies_if": applies,
        "risk_if": {"fact": performer, "equals": "none"},
        "safeguarded_if": {"any": [
            {"fact": performer, "in": [role, "both"]},
            *({"fact": f"powers.{role}.{p}", "equals": True} for p in spec["powers"]),
        ]},
    }


def _examples(fn: str, spec: dict[str, Any], role: str) -> list[dict[str, Any]]:
    other = "receiving" if role == "sending" else "sending"
    authority = {"responsibility": {"sentence_execution": {"law": "sending"}}}
    denied = {role: dict.fromkeys(spec["powers"], False)}
    first = {role: {spec["powers"][0]: True}}

    def facts(extra: dict[str, Any]) -> dict[str, Any]:
        out: dict[str, Any] = {"type": "prison_lease",
                               "responsibility": {**authority["responsibility"]}}
        for k, v in extra.items():
            if k == "responsibility":
                out["responsibility"].update(v)
            else:
                out[k] = v
        return out

    return [
        {"name": f"{other} state performs it and the {role} state keeps no power",
         "facts": facts({"responsibility": {fn: {"performed_by": other}}, "powers": denied}),
         "expect": "risk"},
        {"name": f"{other} state performs it but the {role} state may "
                 f"{spec['powers'][0].replace('_', ' ')}",
         "facts": facts({"responsibility": {fn: {"performed_by": other}}, "powers": first}),
         "expect": "safeguarded"},
        {"name": "no state performs it",
         "facts": facts({"responsibility": {fn: {"performed_by": "none"}}}),
         "expect": "risk"},
        {"name": "the matrix is silent",
         "facts": facts({}),
         "expect": "unknown"},
    ]


def _texts(spec: dict[str, Any], role: str, cited: str) -> dict[str, Any]:
    title = spec["title"].lower()
    powers = ", ".join(p.replace("_", " ") for p in spec["powers"])
    return {
        "question": f"Can the {role} state, which owes duties over {title} ({cited}), "
                    f"discharge them when another state performs that function?",
        "rationale": {
            "risk": f"The {role} state owes these obligations to the people held, but {title} "
                    f"is performed by another state (or by none) and the {role} state keeps none "
                    f"of the powers that would let it act ({powers}). The duty and the means to "
                    f"discharge it have come apart: an accountability gap.",
            "safeguarded": f"The {role} state performs {title} itself, alone or jointly, or "
                           f"keeps a power over it ({powers}).",
            "unknown": f"The sources do not settle who performs {title}, or whether the {role} "
                       f"state keeps any of these powers: {powers}.",
            "not_applicable": f"The {role} state is not shown to owe these obligations over the "
                              f"facility (not bound by them, or no sign of authority and "
                              f"control).",
        },
        "human_judgement": "Whether the powers kept are effective in practice (access, "
                           "immunities, evidence, language), and whether the performing state's "
                           "own action meets the obligations.",
    }


def load_accountability(path: Path, catalogue: Catalogue, display: str
                        ) -> tuple[Framework, list[dict[str, Any]]]:
    doc = load_file(path, display=display)
    problems = schemas.validate(doc, "accountability")
    if problems:
        raise InputError(problems)
    data = doc.data
    obligations = {ob.id: ob for fw in catalogue.frameworks for ob in fw.obligations}
    fw = Framework("accountability", {
        "id": "accountability", "title": "Accountability analysis (derived from the "
        "responsibility matrix)", "instrument": "accountability", "kind": "analysis",
        "symbol": "frameworks/accountability.yaml", "url": "", "obligations": []}, doc.file)
    for fn, spec in data["functions"].items():
        missing = [o for o in spec["obligations"] if o not in obligations]
        if missing:
            line, col = doc.where(("functions", fn, "obligations"))
            problems.append(Problem(doc.file, line, col,
                                    f"no obligation '{missing[0]}' in the catalogue",
                                    f"functions.{fn}.obligations"))
            continue
        cited_obs = [obligations[o] for o in spec["obligations"]]
        instruments = sorted({o.framework.instrument for o in cited_obs})
        cited = "; ".join(o.citation["text"] for o in cited_obs)
        ob = Obligation(f"accountability.{fn}", {
            "id": f"accountability.{fn}", "title": f"{spec['title']}: who owes the duty and "
            "who performs the function",
            "citation": {"text": cited, "url": cited_obs[0].citation["url"]},
            "paraphrase": "A state that owes a duty to the people held must keep the means to "
                          "discharge it when another state performs the function.",
            "verification": {"status": "partly_verified"}, "checks": []}, fw)
        fw.obligations.append(ob)
        line, _ = doc.where(("functions", fn))
        for role in ROLES:
            conds = _conditions(fn, spec, role, data, instruments)
            raw = {"id": f"accountability.{fn}.{role}", "area": spec["area"],
                   "severity": spec["severity"], "duty": role,
                   "recommendation": spec["recommendation"],
                   "examples": _examples(fn, spec, role), **conds,
                   **_texts(spec, role, ", ".join(spec["obligations"])),
                   "amendment": {"powers": {role: {spec["powers"][0]: True}}}}
            ob.checks.append(Check(
                raw["id"], raw, ob, compile_condition(conds["applies_if"]),
                compile_condition(conds["risk_if"]), compile_condition(conds["safeguarded_if"]),
                doc.file, line, instruments=instruments))
    if problems:
        raise InputError(problems)
    return fw, list(data["authority_and_control"])
