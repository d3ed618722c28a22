"""Writes the framework, seed and states JSON Schemas (draft-07) into engine/schemas/.

Run: python tools/gen_other_schemas.py  (CI runs it with --check).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

SEVERITIES = ["critical", "high", "medium", "low"]
STATUSES = ["risk", "safeguarded", "unknown", "not_applicable"]
AREAS = ["jurisdiction", "conditions", "health", "investigation", "monitoring", "complaints",
         "remedies", "family_life", "discrimination", "non_refoulement", "selection_transfer",
         "staffing", "discipline_force", "liberty", "children", "information_language",
         "end_of_stay", "review", "asylum"]
ID = {"type": "string", "pattern": "^[a-z0-9][a-z0-9_.-]*$"}
URL = {"type": "string", "pattern": "^https?://"}
TEXT = {"type": "string", "minLength": 1}
VERIFICATION = {
    "type": "object", "additionalProperties": False, "required": ["status"],
    "properties": {
        "status": {"enum": ["verified", "partly_verified", "unverified"],
                   "description": "How far the citation and its point were checked against a "
                                  "primary text."},
        "note": TEXT,
    },
}


def obj(props: dict[str, Any], required: list[str] | None = None, **extra: Any
        ) -> dict[str, Any]:
    out: dict[str, Any] = {"type": "object", "additionalProperties": False,
                           "properties": props}
    if required:
        out["required"] = required
    out.update(extra)
    return out


LEAF_OPS = {
    "equals": {"type": ["string", "number", "boolean"]},
    "not_equals": {"type": ["string", "number", "boolean"]},
    "in": {"type": "array", "minItems": 1, "items": {"type": ["string", "number", "boolean"]}},
    "contains": {"type": ["string", "number"]},
    "contains_any": {"type": "array", "minItems": 1, "items": {"type": ["string", "number"]}},
    "at_least": {"type": "number"},
    "at_most": {"type": "number"},
}

LEAF = obj({"fact": {"type": "string", "pattern": "^[a-z_]+(\\.[a-z_]+)*$"}, **LEAF_OPS},
           required=["fact"], minProperties=2, maxProperties=2)
# A chain of if/then on the key that names the kind of condition, rather than oneOf: the
# validator tries one branch instead of six, and its errors speak of the branch meant.
_KINDS: list[tuple[str, dict[str, Any]]] = [
    ("fact", LEAF),
    ("all", obj({"all": {"type": "array", "minItems": 1,
                         "items": {"$ref": "#/definitions/condition"}}}, required=["all"])),
    ("any", obj({"any": {"type": "array", "minItems": 1,
                         "items": {"$ref": "#/definitions/condition"}}}, required=["any"])),
    ("not", obj({"not": {"$ref": "#/definitions/condition"}}, required=["not"])),
    ("ref", obj({"ref": ID}, required=["ref"])),
    ("party", obj({"party": {"enum": ["sending", "receiving"]}}, required=["party"])),
    ("bound", obj({"bound": obj({"role": {"enum": ["sending", "receiving"]},
                                 "instrument": ID}, required=["role", "instrument"])},
                  required=["bound"])),
]
_chain: dict[str, Any] = {"propertyNames": {"enum": [k for k, _ in _KINDS]},
                          "minProperties": 1}
for _key, _branch in reversed(_KINDS):
    _chain = {"if": {"required": [_key]}, "then": _branch, "else": _chain}
CONDITION: dict[str, Any] = {
    "description": "A three-valued condition: a leaf on one fact, a state's binding, a named "
                   "condition, or all/any/not of conditions.",
    "type": "object",
    **_chain,
}

CITATION = obj({
    "text": TEXT, "instrument": TEXT, "article": TEXT, "paragraph": TEXT, "symbol": TEXT,
    "url": URL,
}, required=["text", "url"])

AUTHORITY = obj({
    "name": TEXT, "reference": TEXT, "date": TEXT, "point": TEXT, "url": URL,
    "verified": {"type": "boolean"},
}, required=["name", "reference", "point"])

EXAMPLE = obj({
    "name": TEXT,
    "facts": {"type": "object", "description": "An agreement fragment, plain values without "
              "provenance. `parties` may be given; by default DK sends and XK receives."},
    "expect": {"enum": STATUSES},
}, required=["name", "facts", "expect"])

CHECK = obj({
    "id": ID,
    "question": TEXT,
    "area": {"enum": AREAS},
    "severity": {"enum": SEVERITIES},
    "applies_if": {"$ref": "#/definitions/condition"},
    "risk_if": {"$ref": "#/definitions/condition"},
    "safeguarded_if": {"$ref": "#/definitions/condition"},
    "rationale": obj({"risk": TEXT, "safeguarded": TEXT, "unknown": TEXT,
                      "not_applicable": TEXT}, required=["risk", "safeguarded", "unknown"]),
    "recommendation": TEXT,
    "amendment": {"type": "object", "minProperties": 1,
                  "description": "The agreement facts the recommendation would set, as plain "
                                 "values (like an example's facts); used by "
                                 "--apply-recommendations to assess the amended agreement."},
    "human_judgement": TEXT,
    "duty": {"enum": ["both", "sending", "receiving"],
             "description": "Which parties the check speaks to before binding is weighed: "
                            "the sending state for its transfer decision, the receiving state "
                            "for what happens on its territory, or both (default)."},
    "examples": {"type": "array", "minItems": 2, "items": EXAMPLE},
}, required=["id", "question", "area", "severity", "safeguarded_if", "rationale",
             "recommendation", "human_judgement", "examples"])

OBLIGATION = obj({
    "id": ID,
    "title": TEXT,
    "instrument": {**ID, "description": "Where the obligation binds through another source than "
                   "the framework's instrument (customary law, say): that key of the states "
                   "file."},
    "citation": CITATION,
    "paraphrase": TEXT,
    "authorities": {"type": "array", "items": AUTHORITY},
    "verification": VERIFICATION,
    "not_encoded": TEXT,
    "checks": {"type": "array", "minItems": 1, "items": CHECK},
}, required=["id", "title", "citation", "paraphrase", "verification", "checks"])

FRAMEWORK = {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "$id": "https://rights-risk-engine.example/schemas/framework.schema.json",
    "title": "Framework encoding",
    **obj({
        "$schema": {"type": "string"},
        "id": ID,
        "title": TEXT,
        "instrument": {**ID, "description": "Key into the states file's instruments."},
        "kind": {"enum": ["treaty", "protocol", "standards", "soft_law", "eu_law"]},
        "symbol": TEXT,
        "url": URL,
        "description": TEXT,
        "conditions": {"type": "object", "description": "Named conditions for `ref`.",
                       "propertyNames": ID,
                       "additionalProperties": {"$ref": "#/definitions/condition"}},
        "obligations": {"type": "array", "minItems": 1, "items": OBLIGATION},
    }, required=["id", "title", "instrument", "kind", "symbol", "url", "obligations"]),
    "definitions": {"condition": CONDITION},
}

SEED = {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "$id": "https://rights-risk-engine.example/schemas/seed.schema.json",
    "title": "Source register entry",
    **obj({
        "$schema": {"type": "string"},
        "id": {"type": "string", "pattern": "^[a-z0-9][a-z0-9-]*$"},
        "title": TEXT,
        "author": TEXT,
        "date": {"type": "string", "pattern": "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"},
        "url": URL,
        "kind": {"enum": ["treaty_text", "official_document", "official_statement",
                          "court_ruling", "monitoring_report", "ngo_report", "news",
                          "academic", "seed_article"]},
        "language": {"type": "string", "pattern": "^[a-z]{2}$"},
        "consulted": {"enum": ["first_hand", "via_reference_brief"],
                      "description": "Whether the facts were read in the source itself or "
                                     "taken from the project's reference brief that cites it."},
        "note": TEXT,
        "facts": {"type": "array", "minItems": 1, "items": obj({
            "id": {"type": "string", "pattern": "^[a-z0-9][a-z0-9-]*$"},
            "at": TEXT,
            "says": TEXT,
        }, required=["id", "at", "says"])},
    }, required=["id", "title", "author", "date", "url", "kind", "consulted", "facts"]),
}

BINDING = obj({
    "status": {"enum": ["party", "signatory", "not_party", "constitution", "cannot_join"]},
    "since": {"type": "string", "pattern": "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"},
    "basis": TEXT,
    "source": URL,
    "verified": {"type": "boolean"},
    "note": TEXT,
}, required=["status", "verified"])

STATES = {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "$id": "https://rights-risk-engine.example/schemas/states.schema.json",
    "title": "States data",
    **obj({
        "$schema": {"type": "string"},
        "instruments": {"type": "object", "propertyNames": ID, "additionalProperties": obj({
            "title": TEXT, "symbol": TEXT, "url": URL,
            "kind": {"enum": ["treaty", "protocol", "standards", "soft_law", "eu_law",
                              "custom"]},
            "individual_petition": TEXT,
        }, required=["title", "symbol", "url", "kind"])},
        "states": {"type": "object", "propertyNames": {"pattern": "^[A-Z]{2}$"},
                   "additionalProperties": obj({
                       "name": TEXT,
                       "note": TEXT,
                       "bound": {"type": "object", "propertyNames": ID,
                                 "additionalProperties": BINDING},
                   }, required=["name", "bound"])},
    }, required=["instruments", "states"]),
}

ACCOUNTABILITY = {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "$id": "https://rights-risk-engine.example/schemas/accountability.schema.json",
    "title": "Accountability rules",
    **obj({
        "$schema": {"type": "string"},
        "authority_and_control": {"type": "array", "minItems": 1, "items": obj({
            "fact": {"type": "string", "pattern": "^[a-z_]+(\\.[a-z_]+)*$"},
            "in": {"type": "array", "minItems": 1,
                   "items": {"type": ["string", "boolean"]}},
            "words": TEXT,
        }, required=["fact", "in", "words"])},
        "functions": {"type": "object", "minProperties": 1, "additionalProperties": obj({
            "title": TEXT,
            "severity": {"enum": SEVERITIES},
            "area": {"enum": AREAS},
            "obligations": {"type": "array", "minItems": 1, "items": ID},
            "powers": {"type": "array", "minItems": 1, "items": {"enum": [
                "inspect", "investigate", "prosecute", "discipline_staff",
                "order_transfer_back", "give_instructions"]}},
            "recommendation": TEXT,
            "needs_sending_state": {"type": "boolean", "description": "The function only "
                                    "exists where a sending state does (moving people back)."},
        }, required=["title", "severity", "area", "obligations", "powers", "recommendation"])},
    }, required=["authority_and_control", "functions"]),
}

_STR = {"type": "string"}
_EVIDENCE = {"type": "object", "required": ["path", "value", "file", "line", "column", "source"],
             "properties": {"path": _STR, "file": _STR, "line": {"type": "integer"},
                            "column": {"type": "integer"}, "source": _STR,
                            "known": _STR}}
REPORT = {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "$id": "https://rights-risk-engine.example/schemas/report.schema.json",
    "title": "assess --format json output",
    "description": "The stable JSON contract: fields may be added, never renamed or removed.",
    "type": "object",
    "required": ["agreement", "findings", "summary"],
    "properties": {
        "agreement": {"type": "object", "required": ["id", "title", "file"],
                      "properties": {"id": _STR, "title": _STR, "file": _STR}},
        "findings": {"type": "array", "items": {
            "type": "object",
            "required": ["check", "framework", "obligation", "status", "severity", "area",
                         "duty_bearers", "citation", "evidence", "rationale", "recommendation"],
            "properties": {
                "check": _STR, "framework": _STR, "obligation": _STR,
                "status": {"enum": STATUSES}, "severity": {"enum": SEVERITIES},
                "area": {"enum": AREAS},
                "duty_bearers": {"type": "array", "items": {
                    "type": "object", "required": ["role", "state", "name", "binding", "reason"],
                    "properties": {"role": {"enum": ["sending", "receiving"]},
                                   "state": _STR, "name": _STR, "binding": _STR,
                                   "reason": _STR}}},
                "citation": {"type": "object", "required": ["text", "url"],
                             "properties": {"text": _STR, "url": URL}},
                "evidence": {"type": "array", "items": _EVIDENCE},
                "missing": {"type": "array", "items": {
                    "type": "object", "required": ["path", "state"],
                    "properties": {"path": _STR, "state": {"enum": ["missing", "disputed"]}}}},
                "rationale": _STR, "recommendation": _STR, "question": _STR,
            },
        }},
        "summary": {"type": "object", "required": STATUSES,
                    "properties": {s: {"type": "integer", "minimum": 0} for s in STATUSES}},
    },
}

if __name__ == "__main__":
    folder = Path(__file__).resolve().parent.parent / "engine" / "schemas"
    stale = []
    for name, schema in [("framework", FRAMEWORK), ("seed", SEED), ("states", STATES),
                         ("accountability", ACCOUNTABILITY), ("report", REPORT)]:
        out = folder / f"{name}.schema.json"
        text = json.dumps(schema, indent=1, ensure_ascii=False) + "\n"
        if "--check" in sys.argv:
            if not out.exists() or out.read_text(encoding="utf-8") != text:
                stale.append(out.name)
        else:
            out.write_text(text, encoding="utf-8")
    if stale:
        print("stale schemas:", ", ".join(stale))
        sys.exit(1)
