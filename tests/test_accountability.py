"""Accountability analysis, diff between versions, and the mitigation what-if."""

from __future__ import annotations

import json
import re

from conftest import ROOT

from engine.agreement import load_agreement
from engine.amend import amended, select
from engine.catalogue import load_catalogue
from engine.diff import compare
from engine.evaluate import evaluate

CATALOGUE = load_catalogue(ROOT / "frameworks")
GJILAN = ROOT / "agreements" / "dk-xk-gjilan.yaml"
GAPS = ("accountability.investigation_ill_treatment.sending",
        "accountability.investigation_deaths.sending")


def statuses(ag) -> dict[str, str]:
    return {f.check.id: f.status for f in evaluate(CATALOGUE, ag)}


def test_rules_name_no_agreement_or_state() -> None:
    text = (ROOT / "frameworks" / "accountability.yaml").read_text()
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    for word in ("gjilan", "denmark", "kosovo", "italy", "albania", "dk", "xk"):
        assert not re.search(rf"\b{word}\b", body, re.IGNORECASE), word


def test_gjilan_investigation_gaps_come_from_the_matrix() -> None:
    s = statuses(load_agreement(GJILAN))
    assert all(s[g] == "risk" for g in GAPS)
    # Kosovo performs the investigations itself, so it has no gap there.
    assert s["accountability.investigation_ill_treatment.receiving"] == "safeguarded"


def test_giving_the_sending_state_investigative_powers_removes_the_gaps() -> None:
    ag = load_agreement(GJILAN)
    ag.doc.data["powers"]["sending"]["investigate"] = {
        "value": True, "known": "stated", "source": {"seed": "gdp-2025-11-kosovo"}}
    s = statuses(ag)
    assert all(s[g] == "safeguarded" for g in GAPS)


def test_a_function_nobody_performs_is_a_gap() -> None:
    ag = load_agreement(GJILAN)
    ag.doc.data["responsibility"]["investigation_deaths"]["performed_by"]["value"] = "none"
    s = statuses(ag)
    assert s["accountability.investigation_deaths.receiving"] == "risk"
    assert s["accountability.investigation_deaths.sending"] == "risk"


def test_matrix_in_report_shows_duty_bearers_and_powers(run_assess) -> None:
    r = run_assess(str(GJILAN.relative_to(ROOT)), "-f", "md", "-o", "-", cwd=ROOT)
    row = next(line for line in r.stdout.splitlines()
               if line.startswith("| Investigation of ill-treatment |"))
    assert "receiving (reported)" in row
    assert "sending (investigate: false; prosecute: false)" in row
    assert "sending: risk" in row and "receiving: safeguarded" in row


def test_diff_between_letter_of_intent_and_treaty(run_assess) -> None:
    old = load_agreement(ROOT / "agreements" / "dk-xk-gjilan-loi-2021.yaml")
    doc = compare(CATALOGUE, old, load_agreement(GJILAN))
    changes = {c["check"]: c for c in doc["changes"]}
    c = changes["echr.art3.procedural.staff-criminal-jurisdiction"]
    assert (c["change"], c["before"]["status"], c["after"]["status"]) == (
        "updated", "unknown", "risk")
    assert changes["cpt.inspection.cpt-access"]["after"]["status"] == "safeguarded"
    r = run_assess("diff", "agreements/dk-xk-gjilan-loi-2021.yaml",
                   "agreements/dk-xk-gjilan.yaml", "-f", "json", cwd=ROOT)
    assert r.exit_code == 0
    assert json.loads(r.stdout)["counts"]["updated"] == doc["counts"]["updated"]
    md = run_assess("diff", "agreements/dk-xk-gjilan-loi-2021.yaml",
                    "agreements/dk-xk-gjilan.yaml", "-f", "md", cwd=ROOT).stdout
    assert "| updated | echr.art3.procedural.staff-criminal-jurisdiction" in md


def test_apply_recommendations_lowers_grave_risks_and_explains_the_rest(run_assess) -> None:
    def grave(doc: dict) -> int:
        return sum(1 for f in doc["findings"]
                   if f["status"] == "risk" and f["severity"] in ("high", "critical"))

    base = json.loads(run_assess("agreements/dk-xk-gjilan.yaml", "-f", "json", cwd=ROOT).stdout)
    chosen = "accountability.investigation_ill_treatment.sending," \
             "accountability.investigation_deaths.sending"
    r = run_assess("agreements/dk-xk-gjilan.yaml", "-f", "json", "--apply-recommendations",
                   chosen, cwd=ROOT)
    doc = json.loads(r.stdout)
    assert grave(doc) < grave(base)
    what = doc["amendments"]
    assert set(what["closed"]) >= set(GAPS) | {"uncat.art12.sending-investigation-competence"}
    remaining = {x["check"]: x["why"] for x in what["remaining"]}
    assert "echr.art14.nationality-criterion" in remaining
    assert "not selected" in remaining["echr.art14.nationality-criterion"]
    md = run_assess("agreements/dk-xk-gjilan.yaml", "-f", "md", "--apply-recommendations",
                    chosen, cwd=ROOT).stdout
    assert "## What-if: recommendations applied" in md and "Risks that remain" in md
    # the file itself is untouched
    assert "proposed" not in GJILAN.read_text()


def test_apply_all_closes_every_risk_with_an_amendment() -> None:
    ag = load_agreement(GJILAN)
    checks = select(CATALOGUE, "all")
    after = {f.check.id: f.status for f in evaluate(CATALOGUE, amended(ag, checks))}
    for c in checks:
        assert after[c.id] != "risk", c.id


def test_unknown_recommendation_id_is_a_usage_error(run_assess) -> None:
    r = run_assess("agreements/dk-xk-gjilan.yaml", "--apply-recommendations", "no.such.check",
                   cwd=ROOT)
    assert r.exit_code == 2 and "no check 'no.such.check'" in r.stderr


def test_a_regime_without_a_sending_state_leaves_sending_checks_not_applicable() -> None:
    ag = load_agreement(GJILAN)
    del ag.doc.data["parties"]["sending"]
    found = {f.check.id: f for f in evaluate(CATALOGUE, ag)}
    for cid in ("echr.art14.nationality-criterion",
                "accountability.investigation_ill_treatment.sending"):
        assert found[cid].status == "not_applicable"
        assert "no sending state" in found[cid].rationale
    assert found["accountability.investigation_ill_treatment.receiving"].status == "safeguarded"


def test_diff_lists_facts_that_differ_even_when_findings_do_not(run_assess) -> None:
    r = run_assess("diff", "agreements/xk-vranidoll-detention.yaml",
                   "agreements/xk-vranidoll-detention-draft-law.yaml", "-f", "json", cwd=ROOT)
    facts = {f["path"]: f for f in json.loads(r.stdout)["facts"]}
    assert (facts["detention.max_months"]["before"], facts["detention.max_months"]["after"]) == (
        12, 18)


def test_customary_non_refoulement_binds_a_state_outside_the_refugee_convention() -> None:
    ag = load_agreement(ROOT / "agreements" / "us-xk-third-country-deportees-2025.yaml")
    found = {f.check.id: f for f in evaluate(CATALOGUE, ag)}
    treaty = found["refugee.art33.onward-removal"]
    custom = found["refugee.customary-non-refoulement.onward-removal"]
    assert "XK" not in {d["state"] for d in treaty.duty_bearers}
    assert [d["state"] for d in custom.duty_bearers] == ["XK"]
    assert "binds every state" in custom.duty_bearers[0]["binding"]


def test_sending_state_reach_checks_do_not_apply_to_a_domestic_regime() -> None:
    ag = load_agreement(ROOT / "agreements" / "xk-vranidoll-detention.yaml")
    found = {f.check.id: f.status for f in evaluate(CATALOGUE, ag)}
    for cid in ("echr.art2.custody.death-investigation-competence",
                "echr.art3.procedural.staff-criminal-jurisdiction",
                "accountability.transfer_back.receiving"):
        assert found[cid] == "not_applicable", cid


def test_explain_shows_each_condition_with_its_fact_and_source(run_assess) -> None:
    r = run_assess("explain", "agreements/dk-xk-gjilan.yaml",
                   "echr.art3.procedural.staff-criminal-jurisdiction", cwd=ROOT)
    assert r.exit_code == 0
    assert r.stdout.startswith("echr.art3.procedural.staff-criminal-jurisdiction on "
                               "agreements/dk-xk-gjilan.yaml: risk (critical)")
    assert "risk_if:  <- decided the status" in r.stdout
    assert ('[true] powers.sending.prosecute equals false: false (reported at line' in r.stdout)
    assert "[unknown] safeguards.investigations.sending_participation equals true: not stated" \
        in r.stdout
    bad = run_assess("explain", "agreements/dk-xk-gjilan.yaml", "no.such", cwd=ROOT)
    assert bad.exit_code == 2 and "no check 'no.such'" in bad.stderr
