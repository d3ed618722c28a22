"""Kleene three-valued logic of the condition language, with the facts that decide it."""

from __future__ import annotations

import pytest

from engine.conditions import Read, compile_condition


class Ctx:
    def __init__(self, facts: dict[str, object]) -> None:
        self.facts = facts

    def fact(self, path: str) -> Read:
        if path not in self.facts:
            return Read(path, None, "missing")
        return Read(path, self.facts[path], "present")

    def bound(self, role: str, instrument: str) -> tuple[bool | None, str]:
        return {"opcat": False, "echr": True}.get(instrument), "why"


T = {"fact": "t", "equals": True}
F = {"fact": "f", "equals": True}
U = {"fact": "missing", "equals": True}
FACTS = {"t": True, "f": False}


@pytest.mark.parametrize(
    ("cond", "truth"),
    [
        ({"all": [T, T]}, True), ({"all": [T, F]}, False), ({"all": [T, U]}, None),
        ({"all": [F, U]}, False), ({"any": [F, F]}, False), ({"any": [F, U]}, None),
        ({"any": [T, U]}, True), ({"not": U}, None), ({"not": F}, True), ({"not": T}, False),
        ({"fact": "n", "at_least": 14}, True), ({"fact": "n", "at_most": 10}, False),
        ({"fact": "l", "contains": "cpt"}, True), ({"fact": "l", "contains_any": ["x", "y"]},
                                                   False),
        ({"fact": "r", "in": ["sending", "both"]}, False), ({"fact": "r", "not_equals": "x"},
                                                            True),
        ({"bound": {"role": "receiving", "instrument": "opcat"}}, False),
        ({"bound": {"role": "receiving", "instrument": "other"}}, None),
    ],
)
def test_truth_tables(cond: dict, truth: bool | None) -> None:
    ctx = Ctx({**FACTS, "n": 14, "l": ["cpt", "spt"], "r": "receiving"})
    assert compile_condition(cond)(ctx).truth is truth


def test_support_is_the_deciding_facts() -> None:
    ctx = Ctx(FACTS)
    out = compile_condition({"any": [F, T, U]})(ctx)
    assert [r.path for r in out.support] == ["t"]
    out = compile_condition({"all": [T, U]})(ctx)
    assert [r.path for r in out.support] == ["missing"]
    out = compile_condition({"all": [T, F, U]})(ctx)
    assert [r.path for r in out.support] == ["f"]
