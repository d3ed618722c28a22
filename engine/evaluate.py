"""Apply the catalogue to an agreement: one finding per check, with status, evidence and duty."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from engine.agreement import Agreement, FactContext
from engine.catalogue import SEVERITY_ORDER, Catalogue, Check, States
from engine.conditions import Outcome, Read

STATUSES = ("risk", "safeguarded", "unknown", "not_applicable")


@dataclass
class Finding:
    check: Check
    status: str
    evidence: list[Read]
    missing: list[Read]
    duty_bearers: list[dict[str, str]]
    bindings: list[str] = field(default_factory=list)
    decided_by: str = ""  # which condition settled the status
    reason: str = ""  # set when the engine, not the check's conditions, decided the status

    @property
    def severity(self) -> str:
        return self.check.severity

    @property
    def rationale(self) -> str:
        if self.reason:
            return self.reason
        r = self.check.raw["rationale"]
        return str(r.get(self.status) or r.get("unknown", ""))

    @property
    def rests_on(self) -> str:
        """The weakest way the evidence is known: a finding on a reported fact says so."""
        order = {"stated": 2, "reported": 1, "inferred": 0}
        knowns = [r.known for r in self.evidence if r.known in order]
        return min(knowns, key=order.__getitem__) if knowns else ""


def _dedupe(reads: list[Read]) -> list[Read]:
    seen: set[str] = set()
    out = []
    for r in reads:
        if r.path not in seen:
            seen.add(r.path)
            out.append(r)
    return out


def status_of(check: Check, ctx: FactContext) -> tuple[str, Outcome, str]:
    """The status of one check on one agreement, the outcome that decided it, and which part.

    Unknown applicability counts as applicable; the facts that would settle it are added to the
    deciding outcome's support, so they are still listed as questions to ask."""
    pending: list[Read] = []
    if check.applies is not None:
        applies = check.applies(ctx)
        if applies.truth is False:
            return "not_applicable", applies, "applies_if"
        if applies.truth is None:
            pending = [r for r in applies.support if r.state != "present"]
    if check.risk is not None:
        red = check.risk(ctx)
        if red.truth is True:
            return "risk", _with(red, pending), "risk_if"
    else:
        red = Outcome(False)
    safe = check.safeguard(ctx)
    if safe.truth is True:
        return "safeguarded", _with(safe, pending), "safeguarded_if"
    if safe.truth is False:
        return "risk", _with(safe, pending), "safeguarded_if"
    unknown = Outcome(None, safe.support + (red.support if red.truth is None else []),
                      safe.bindings)
    return "unknown", _with(unknown, pending), "safeguarded_if"


def _with(outcome: Outcome, extra: list[Read]) -> Outcome:
    return Outcome(outcome.truth, outcome.support + extra, outcome.bindings) if extra else outcome


def duty_bearers(check: Check, agreement: Agreement, states: States, ctx: FactContext,
                 signs: list[dict[str, Any]]) -> list[dict[str, str]]:
    """Which parties owe the obligation to the people held, and on what basis."""
    instruments = check.instruments or [check.obligation.framework.instrument]
    roles = ["sending", "receiving"] if check.duty == "both" else [check.duty]
    out = []
    for role in roles:
        party = agreement.party(role)
        if party is None:
            continue
        verdicts = [states.is_bound(party["state"], i) for i in instruments]
        binding = [v for v in verdicts if v[0] is True] or [v for v in verdicts if v[0] is None]
        if not binding:
            continue
        bound, why = binding[0]
        reason = _jurisdiction_reason(role, ctx, signs)
        out.append({"role": role, "state": party["state"], "name": party["name"],
                    "binding": why, "reason": reason,
                    "certain": "yes" if bound else "unknown"})
    return out


def _jurisdiction_reason(role: str, ctx: FactContext, signs: list[dict[str, Any]]) -> str:
    if role == "receiving":
        return "territorial state: the facility is on its territory"
    shown = [s["words"] for s in signs
             if ctx.fact(s["fact"]).state == "present" and ctx.fact(s["fact"]).value in s["in"]]
    if shown:
        return ("keeps jurisdiction through authority and control: " + "; ".join(shown)
                + "; and it decided the transfer")
    return "decided the transfer and remains answerable for its foreseeable consequences"


def evaluate(catalogue: Catalogue, agreement: Agreement) -> list[Finding]:
    ctx = FactContext(agreement, catalogue.states)
    findings = []
    for fw in catalogue.frameworks:
        for ob in fw.obligations:
            for check in ob.checks:
                if check.duty != "both" and agreement.party(check.duty) is None:
                    # A domestic regime has no sending state: its checks have no one to bind.
                    findings.append(Finding(
                        check, "not_applicable", [], [], [], [], "parties",
                        f"The agreement has no {check.duty} state, and this check speaks only "
                        f"to the {check.duty} state."))
                    continue
                status, outcome, decided_by = status_of(check, ctx)
                reads = _dedupe(outcome.support)
                present = [r for r in reads if r.state == "present"]
                missing = [r for r in reads if r.state != "present"]
                findings.append(Finding(
                    check, status, present, missing,
                    duty_bearers(check, agreement, catalogue.states, ctx,
                                 catalogue.authority_signs),
                    sorted(set(outcome.bindings)), decided_by))
    return findings


def summary(findings: list[Finding]) -> dict[str, int]:
    counts = dict.fromkeys(STATUSES, 0)
    for f in findings:
        counts[f.status] += 1
    return counts


def exceeds(findings: list[Finding], fail_on: str, strict: bool = False) -> bool:
    """Whether any risk (or, with strict, unknown) finding reaches the threshold."""
    if fail_on == "never":
        return False
    threshold = SEVERITY_ORDER[fail_on]
    counted = ("risk", "unknown") if strict else ("risk",)
    return any(f.status in counted and SEVERITY_ORDER[f.severity] >= threshold
               for f in findings)


def sort_key(f: Finding) -> tuple[Any, ...]:
    """Reports list risks first, gravest first; the catalogue order breaks ties."""
    return (STATUSES.index(f.status), -SEVERITY_ORDER[f.severity])
