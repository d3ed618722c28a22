"""The condition language: declarative YAML compiled once into closures, evaluated in Kleene logic.

A condition never runs as code. Each compiled node returns its truth value (True, False or None
for unknown) and its *support*: the fact reads that decide that value. `all` that is false is
decided by its false parts, `any` that is true by its true parts, and an unknown result by the
facts that are missing. That support becomes a finding's evidence, or its list of questions.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

Truth = bool | None  # None is "unknown"


@dataclass(frozen=True)
class Read:
    """One fact as a condition saw it."""

    path: str
    value: Any
    state: str  # "present", "missing" or "disputed"
    known: str = ""
    sources: tuple[dict[str, str], ...] = ()
    accounts: tuple[dict[str, Any], ...] = ()
    line: int = 0
    column: int = 0


@dataclass
class Outcome:
    truth: Truth
    support: list[Read] = field(default_factory=list)
    bindings: list[str] = field(default_factory=list)


class Context(Protocol):
    def fact(self, path: str) -> Read: ...

    def bound(self, role: str, instrument: str) -> tuple[Truth, str]: ...

    def has_party(self, role: str) -> bool: ...


Compiled = Callable[[Context], Outcome]


class ConditionError(ValueError):
    """A condition that cannot be compiled (schema validation normally catches these first)."""


def _cmp(name: str, expected: Any) -> Callable[[Any], bool]:
    if name == "equals":
        return lambda v: v == expected
    if name == "not_equals":
        return lambda v: v != expected
    if name == "in":
        return lambda v: v in expected
    if name == "contains":
        return lambda v: isinstance(v, list) and expected in v
    if name == "contains_any":
        return lambda v: isinstance(v, list) and any(x in v for x in expected)
    if name == "at_least":
        return lambda v: isinstance(v, (int, float)) and not isinstance(v, bool) and v >= expected
    if name == "at_most":
        return lambda v: isinstance(v, (int, float)) and not isinstance(v, bool) and v <= expected
    raise ConditionError(f"unknown operator '{name}'")


OPERATORS = ("equals", "not_equals", "in", "contains", "contains_any", "at_least", "at_most")


def compile_condition(cond: dict[str, Any], named: dict[str, Compiled] | None = None
                      ) -> Compiled:
    """Turn one condition mapping into a closure. `named` holds the framework's named ones."""
    named = named if named is not None else {}
    if "fact" in cond:
        path = cond["fact"]
        ops = [k for k in cond if k != "fact"]
        if len(ops) != 1 or ops[0] not in OPERATORS:
            raise ConditionError(f"condition on '{path}' needs exactly one operator")
        test = _cmp(ops[0], cond[ops[0]])

        def leaf(ctx: Context) -> Outcome:
            read = ctx.fact(path)
            if read.state != "present":
                return Outcome(None, [read])
            return Outcome(bool(test(read.value)), [read])

        return leaf
    if "bound" in cond:
        role, instrument = cond["bound"]["role"], cond["bound"]["instrument"]

        def bound(ctx: Context) -> Outcome:
            truth, why = ctx.bound(role, instrument)
            return Outcome(truth, [], [why])

        return bound
    if "party" in cond:
        role_named = cond["party"]

        def party(ctx: Context) -> Outcome:
            # The parties are structure, not facts: an agreement names a role or it does not.
            return Outcome(ctx.has_party(role_named))

        return party
    if "ref" in cond:
        name = cond["ref"]
        if name not in named:
            raise ConditionError(f"no named condition '{name}'")
        return named[name]
    if "not" in cond:
        inner = compile_condition(cond["not"], named)

        def negate(ctx: Context) -> Outcome:
            o = inner(ctx)
            return Outcome(None if o.truth is None else not o.truth, o.support, o.bindings)

        return negate
    for kind in ("all", "any"):
        if kind in cond:
            parts = [compile_condition(c, named) for c in cond[kind]]
            decisive = kind == "any"  # the value that settles the whole at once

            def combine(ctx: Context, parts: list[Compiled] = parts,
                        decisive: bool = decisive) -> Outcome:
                outcomes = [p(ctx) for p in parts]
                settled = [o for o in outcomes if o.truth is decisive]
                if settled:
                    chosen = settled
                    truth: Truth = decisive
                elif any(o.truth is None for o in outcomes):
                    chosen = [o for o in outcomes if o.truth is None]
                    truth = None
                else:
                    chosen = outcomes
                    truth = not decisive
                return Outcome(truth, [r for o in chosen for r in o.support],
                               [b for o in chosen for b in o.bindings])

            return combine
    raise ConditionError(f"not a condition: {sorted(cond)}")


def fact_paths(cond: dict[str, Any] | None) -> list[str]:
    """Every fact path a condition mentions (named conditions are checked where defined)."""
    if not cond:
        return []
    if "fact" in cond:
        return [cond["fact"]]
    if "not" in cond:
        return fact_paths(cond["not"])
    out: list[str] = []
    for kind in ("all", "any"):
        for c in cond.get(kind, []):
            out.extend(fact_paths(c))
    return out


def refs(cond: dict[str, Any] | None) -> list[str]:
    """Names of the named conditions a condition uses."""
    if not cond:
        return []
    if "ref" in cond:
        return [cond["ref"]]
    if "not" in cond:
        return refs(cond["not"])
    return [r for kind in ("all", "any") for c in cond.get(kind, []) for r in refs(c)]
