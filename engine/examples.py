"""Run every check's own examples: small agreement fragments with the status they must get.

`python -m engine.examples [FRAMEWORK.yaml ...]` prints each failing example and exits 1 if any
fails; the test suite runs the same function for every check in the catalogue.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jsonschema import Draft7Validator

from engine import schema as schemas
from engine.agreement import Agreement, FactContext, SeedRegister
from engine.catalogue import Catalogue, Check, load_catalogue
from engine.evaluate import status_of
from engine.loader import Document
from engine.problems import InputError

DEFAULT_PARTIES = {"sending": {"state": "DK", "name": "Denmark"},
                   "receiving": {"state": "XK", "name": "Kosovo"}}


@dataclass
class ExampleResult:
    check: Check
    index: int
    name: str
    expected: str
    got: str
    problems: list[str]

    @property
    def ok(self) -> bool:
        return not self.problems and self.expected == self.got


def fact_problems(facts: dict[str, Any]) -> list[str]:
    """Paths in an example that the agreement vocabulary lacks, or values of the wrong kind."""
    out: list[str] = []

    def walk(node: Any, path: str) -> None:
        if path in ("parties", "id", "title"):
            return
        value_schema = schemas.fact_value_schema(path) if path else None
        if value_schema is not None:
            errs = list(Draft7Validator(value_schema).iter_errors(node))
            out.extend(f"{path}: {e.message}" for e in errs)
            return
        if isinstance(node, dict):
            for k, v in node.items():
                walk(v, f"{path}.{k}" if path else k)
            return
        out.append(f"{path}: no such fact in the agreement vocabulary")

    walk(facts, "")
    return out


def example_agreement(facts: dict[str, Any]) -> Agreement:
    data = {"id": "example", "title": "example", "parties": DEFAULT_PARTIES, **facts}
    return Agreement(Document(file="<example>", data=data), SeedRegister())


def run_check_examples(check: Check, catalogue: Catalogue) -> list[ExampleResult]:
    results = []
    for i, ex in enumerate(check.raw["examples"]):
        problems = fact_problems(ex["facts"])
        ctx = FactContext(example_agreement(ex["facts"]), catalogue.states)
        got, _, _ = status_of(check, ctx)
        results.append(ExampleResult(check, i, ex["name"], ex["expect"], got, problems))
    return results


def coverage_problems(check: Check) -> list[str]:
    expects = {ex["expect"] for ex in check.raw["examples"]}
    return [f"{check.id}: no example expecting '{s}'" for s in ("risk", "safeguarded")
            if s not in expects]


def main(argv: list[str]) -> int:
    try:
        catalogue = load_catalogue()
    except InputError as e:
        print("\n".join(p.render() for p in e.problems))
        return 2
    wanted = {Path(a).resolve() for a in argv}
    failures = 0
    total = 0
    for fw in catalogue.frameworks:
        if wanted and Path(fw.file).resolve() not in wanted:
            continue
        for ob in fw.obligations:
            for check in ob.checks:
                for msg in coverage_problems(check):
                    failures += 1
                    print(f"{fw.file}:{check.line}: {msg}")
                for r in run_check_examples(check, catalogue):
                    total += 1
                    if not r.ok:
                        failures += 1
                        extra = "; ".join(r.problems)
                        print(f"{fw.file}:{check.line}: {check.id} example {r.index + 1} "
                              f"'{r.name}': expected {r.expected}, got {r.got}"
                              + (f" ({extra})" if extra else ""))
    print(f"{total} examples run; {failures} problem(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
