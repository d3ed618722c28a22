"""`assess explain AGREEMENT CHECK`: the condition tree of one check, each part with its value.

So a reviewer can see exactly why a finding came out as it did: which fact was read, what it
holds (and where it comes from), and how true, false and unknown combined.
"""

from __future__ import annotations

import json
from typing import Any

from engine.agreement import Agreement, FactContext
from engine.catalogue import Catalogue, Check, Framework
from engine.conditions import OPERATORS, Truth, compile_condition
from engine.evaluate import status_of
from engine.problems import InputError, Problem

WORD = {True: "true", False: "false", None: "unknown"}


def _leaf_text(cond: dict[str, Any], ctx: FactContext) -> str:
    op = next(k for k in cond if k in OPERATORS)
    read = ctx.fact(cond["fact"])
    if read.state == "missing":
        held = "not stated"
    elif read.state == "disputed":
        held = "disputed: " + " / ".join(str(a["value"]) for a in read.accounts)
    else:
        where = f" at line {read.line}" if read.line else ""
        src = ", ".join(s["seed"] + (f"#{s['fact']}" if s.get("fact") else "")
                        for s in read.sources)
        held = (f"{json.dumps(read.value, ensure_ascii=False)} "
                f"({read.known or 'plain'}{where}{'; ' + src if src else ''})")
    return f"{cond['fact']} {op} {json.dumps(cond[op], ensure_ascii=False)}: {held}"


def _walk(cond: dict[str, Any], ctx: FactContext, fw: Framework, depth: int,
          lines: list[str]) -> Truth:
    pad = "  " * depth
    truth = compile_condition(cond, fw.named)(ctx).truth
    if "fact" in cond:
        lines.append(f"{pad}[{WORD[truth]}] {_leaf_text(cond, ctx)}")
    elif "bound" in cond:
        _, why = ctx.bound(cond["bound"]["role"], cond["bound"]["instrument"])
        lines.append(f"{pad}[{WORD[truth]}] {cond['bound']['role']} state bound by "
                     f"{cond['bound']['instrument']}: {why}")
    elif "party" in cond:
        lines.append(f"{pad}[{WORD[truth]}] the agreement names a {cond['party']} state")
    elif "ref" in cond:
        lines.append(f"{pad}[{WORD[truth]}] named condition '{cond['ref']}':")
        _walk(fw.raw["conditions"][cond["ref"]], ctx, fw, depth + 1, lines)
    elif "not" in cond:
        lines.append(f"{pad}[{WORD[truth]}] not:")
        _walk(cond["not"], ctx, fw, depth + 1, lines)
    else:
        kind = "all" if "all" in cond else "any"
        lines.append(f"{pad}[{WORD[truth]}] {kind} of:")
        for part in cond[kind]:
            _walk(part, ctx, fw, depth + 1, lines)
    return truth


def explain(catalogue: Catalogue, agreement: Agreement, check_id: str) -> str:
    check: Check | None = catalogue.checks.get(check_id)
    if check is None:
        raise InputError([Problem("explain", 0, 0, f"no check '{check_id}'",
                                  hint="`assess catalogue` lists every check id")])
    ctx = FactContext(agreement, catalogue.states)
    status, _, decided_by = status_of(check, ctx)
    lines = [f"{check.id} on {agreement.doc.file}: {status} ({check.severity})",
             f"  {check.raw['question'].strip()}", ""]
    for key in ("applies_if", "risk_if", "safeguarded_if"):
        cond = check.raw.get(key)
        if cond is None:
            continue
        mark = "  <- decided the status" if key == decided_by else ""
        lines.append(f"{key}:{mark}")
        _walk(cond, ctx, check.obligation.framework, 1, lines)
    lines += ["", "Order: applies_if false -> not_applicable; risk_if true -> risk; "
              "safeguarded_if true -> safeguarded; safeguarded_if false -> risk; "
              "otherwise unknown."]
    return "\n".join(lines) + "\n"
