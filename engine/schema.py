"""JSON Schema validation with positions, plain-language messages and fix-it hints.

jsonschema reports where in the data an error is (a JSON path); the loader knows where each value
sits in the file; together they give `file:line:col: what was expected`. Every error of a file is
reported, the most relevant (jsonschema's best_match) first, the rest in file order.
"""

from __future__ import annotations

import difflib
import json
from functools import cache
from importlib import resources
from typing import Any

from jsonschema import Draft7Validator
from jsonschema.exceptions import ValidationError, best_match, relevance

from engine.loader import Document, PathKey, format_path
from engine.problems import Problem

_TYPE_NAMES = {"string": "text", "integer": "a whole number", "number": "a number",
               "boolean": "true or false", "object": "a mapping", "array": "a list",
               "null": "nothing"}


@cache
def schema(kind: str) -> dict[str, Any]:
    text = resources.files("engine").joinpath(f"schemas/{kind}.schema.json").read_text("utf-8")
    return json.loads(text)


@cache
def validator(kind: str) -> Draft7Validator:
    return Draft7Validator(schema(kind))


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return _TYPE_NAMES["object" if isinstance(value, dict) else "array"]
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "..."


def _expected_type(t: Any) -> str:
    types = t if isinstance(t, list) else [t]
    return " or ".join(_TYPE_NAMES.get(x, x) for x in types)


def _allowed_keys(err: ValidationError) -> list[str]:
    return sorted(err.schema.get("properties", {}))


def _messages(err: ValidationError, doc: Document) -> list[Problem]:
    path: PathKey = tuple(err.absolute_path)
    line, col = doc.where(path)
    where = format_path(path) or "(top level)"
    v = err.validator
    if v == "additionalProperties":
        allowed = _allowed_keys(err)
        extra = [k for k in err.instance if k not in allowed] if isinstance(err.instance,
                                                                              dict) else []
        out = []
        for key in extra:
            kl, kc = doc.key_positions.get((*path, key), (line, col))
            close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
            hint = (f"did you mean '{close[0]}'?" if close
                    else f"expected one of: {', '.join(allowed)}" if allowed else "")
            out.append(Problem(doc.file, kl, kc, f"unknown key '{key}'", where, hint))
        return out
    if v == "required":
        missing = err.message.split("'")[1] if "'" in err.message else err.message
        return [Problem(doc.file, line, col, f"missing required key '{missing}'", where)]
    if v == "enum":
        allowed = ", ".join(str(x) for x in err.validator_value)
        return [Problem(doc.file, line, col, f"{_describe(err.instance)} is not allowed here",
                        where, f"expected one of: {allowed}")]
    if v == "const":
        return [Problem(doc.file, line, col, f"{_describe(err.instance)} is not allowed here",
                        where, f"expected {_describe(err.validator_value)}")]
    if v == "type":
        return [Problem(doc.file, line, col,
                        f"expected {_expected_type(err.validator_value)}, "
                        f"found {_describe(err.instance)}", where)]
    if v == "pattern":
        return [Problem(doc.file, line, col,
                        f"{_describe(err.instance)} does not have the expected form", where,
                        f"expected text matching {err.validator_value}")]
    if v in ("minProperties", "maxProperties") and isinstance(err.instance, dict) and (
            "fact" in err.instance):
        return [Problem(doc.file, line, col,
                        "a fact condition needs exactly one operator beside 'fact'", where,
                        "expected one of: equals, not_equals, in, contains, contains_any, "
                        "at_least, at_most")]
    if v in ("minItems", "minLength", "minProperties"):
        return [Problem(doc.file, line, col, f"too short or empty ({err.message})", where)]
    if v == "anyOf" and isinstance(err.instance, dict) and all(
            "required" in s for s in err.validator_value):
        keys = " or ".join(f"'{s['required'][0]}'" for s in err.validator_value)
        return [Problem(doc.file, line, col, f"missing required key {keys}", where)]
    if v == "uniqueItems":
        return [Problem(doc.file, line, col, "the list repeats an item", where)]
    return [Problem(doc.file, line, col, err.message, where)]


def validate(doc: Document, kind: str) -> list[Problem]:
    """All schema problems of a document, most relevant first, then in file order."""
    errors = list(validator(kind).iter_errors(doc.data))
    if not errors:
        return []
    errors.sort(key=relevance)
    best = best_match(errors)
    # The if/then/else of facts makes jsonschema repeat the same failure; keep each once.
    problems: list[Problem] = []
    seen: set[tuple[int, int, str]] = set()
    first = _messages(best, doc) if best is not None else []
    rest = [p for e in errors if e is not best for p in _messages(e, doc)]
    rest.sort(key=lambda p: (p.line, p.column, p.message))
    everything = [*first, *rest]
    for p in everything:
        k = (p.line, p.column, p.message)
        if k not in seen:
            seen.add(k)
            problems.append(p)
    return problems


def detect_kind(doc: Document, path_parts: tuple[str, ...]) -> str:
    """Which schema a file follows: by its folder first, then by its shape."""
    data = doc.data if isinstance(doc.data, dict) else {}
    name = path_parts[-1] if path_parts else ""
    if name in ("states.yaml", "states.yml") or ("states" in data and "instruments" in data):
        return "states"
    if name == "accountability.yaml" or "authority_and_control" in data:
        return "accountability"
    if "frameworks" in path_parts[:-1] or "obligations" in data:
        return "framework"
    if "seeds" in path_parts[:-1] or ("consulted" in data and "facts" in data):
        return "seed"
    return "agreement"


# -- the agreement schema as a fact vocabulary ---------------------------------------------

def _resolve(node: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    while True:
        if "$ref" in node:
            node = root["definitions"][node["$ref"].rsplit("/", 1)[-1]]
        elif "allOf" in node and len(node["allOf"]) == 1:
            node = node["allOf"][0]
        else:
            return node


def fact_schema(path: str) -> dict[str, Any] | None:
    """The schema of the fact at a dotted path, or None if the vocabulary has no such fact."""
    root = schema("agreement")
    node: dict[str, Any] = root
    for part in path.split("."):
        node = _resolve(node, root)
        props = node.get("properties", {})
        if part not in props:
            return None
        node = props[part]
    node = _resolve(node, root)
    if is_fact_schema(node) or path in PLAIN_FACTS:
        return node
    return None


def fact_description(path: str) -> str:
    """The vocabulary's one-line description of a fact, for questions in reports."""
    root = schema("agreement")
    node: dict[str, Any] = root
    for part in path.split("."):
        props = _resolve(node, root).get("properties", {})
        if part not in props:
            return ""
        node = props[part]
    return str(node.get("description", ""))


def is_fact_schema(node: dict[str, Any]) -> bool:
    return "if" in node and node.get("if", {}).get("required") == ["accounts"]


def fact_value_schema(path: str) -> dict[str, Any] | None:
    """The schema of a fact's value (what `value:` must be), for plain-value examples."""
    node = fact_schema(path)
    if node is None:
        return None
    if is_fact_schema(node):
        return node["else"]["properties"]["value"]
    return node


# Top-level values that checks may read although they carry no provenance.
PLAIN_FACTS = ("type",)


def all_fact_paths() -> list[str]:
    """Every fact path of the vocabulary, in schema order."""
    root = schema("agreement")
    out: list[str] = []

    def walk(node: dict[str, Any], prefix: str) -> None:
        node = _resolve(node, root)
        if is_fact_schema(node) or prefix in PLAIN_FACTS:
            out.append(prefix)
            return
        for key, child in node.get("properties", {}).items():
            walk(child, f"{prefix}.{key}" if prefix else key)

    walk(root, "")
    return out
