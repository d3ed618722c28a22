"""The first real assessment, end to end: the Denmark–Kosovo Gjilan treaty as a user runs it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import ROOT

GJILAN = "agreements/dk-xk-gjilan.yaml"


@pytest.fixture
def gjilan_json(run_assess) -> dict:
    r = run_assess(GJILAN, "--format", "json", "--output", "-", cwd=ROOT)
    assert r.exit_code == 1, r.output
    return json.loads(r.stdout)


def by_check(doc: dict) -> dict[str, dict]:
    return {f["check"]: f for f in doc["findings"]}


def test_default_run_prints_summary_writes_reports_and_exits_1(run_assess, tmp_path) -> None:
    # Run from a copy of the project so the committed reports/ stay untouched.
    work = tmp_path / "proj"
    for folder in ("agreements", "seeds"):
        shutil.copytree(ROOT / folder, work / folder)
    r = run_assess(GJILAN, "--frameworks", str(ROOT / "frameworks"), cwd=work)
    assert r.exit_code == 1, r.output
    assert "risk," in r.stdout and "safeguarded" in r.stdout
    assert "[CRITICAL] echr.art3.procedural.staff-criminal-jurisdiction" in r.stdout
    assert "Reports written: reports/dk-xk-gjilan.md, reports/dk-xk-gjilan.html" in r.stdout
    md = (work / "reports" / "dk-xk-gjilan.md").read_text()
    html = (work / "reports" / "dk-xk-gjilan.html").read_text()
    assert md.startswith("# Rights-risk report: Treaty between Denmark and Kosovo")
    assert "## Responsibility matrix" in md and "## Questions to ask" in md
    assert html.startswith("<!DOCTYPE html>") and "</html>" in html


def test_json_has_documented_shape_and_enough_findings(gjilan_json) -> None:
    doc = gjilan_json
    assert set(doc) >= {"agreement", "findings", "summary"}
    assert doc["agreement"] == doc["agreement"] | {"id": "dk-xk-gjilan", "file": GJILAN}
    assert set(doc["summary"]) == {"risk", "safeguarded", "unknown", "not_applicable"}
    assert len(doc["findings"]) >= 30
    keys = {"check", "framework", "obligation", "status", "severity", "area", "duty_bearers",
            "citation", "evidence", "rationale", "recommendation"}
    for f in doc["findings"]:
        assert keys <= set(f)
        assert f["citation"]["text"] and f["citation"]["url"].startswith("http")
        for e in f["evidence"]:
            assert {"path", "value", "file", "line", "column", "source"} <= set(e)
    assert sum(doc["summary"].values()) == len(doc["findings"])


def test_staff_jurisdiction_left_with_receiving_state_is_a_risk(gjilan_json) -> None:
    f = by_check(gjilan_json)["echr.art3.procedural.staff-criminal-jurisdiction"]
    assert (f["status"], f["severity"]) == ("risk", "critical")
    paths = {e["path"]: e for e in f["evidence"]}
    e = paths["responsibility.criminal_jurisdiction_staff.performed_by"]
    assert e["value"] == "receiving" and e["file"] == GJILAN and e["line"] > 0
    assert "gdp-2025-11-kosovo" in e["source"] and e["known"] == "reported"
    assert {d["state"] for d in f["duty_bearers"]} == {"DK", "XK"}


def test_selection_by_nationality_is_an_article_14_risk(gjilan_json) -> None:
    f = by_check(gjilan_json)["echr.art14.nationality-criterion"]
    assert (f["status"], f["severity"], f["framework"]) == ("risk", "high", "echr")
    assert f["evidence"][0]["path"] == "population.selection_by_nationality"
    assert [d["state"] for d in f["duty_bearers"]] == ["DK"]


def test_silence_is_unknown_and_names_what_is_missing(gjilan_json) -> None:
    unknown = [f for f in gjilan_json["findings"] if f["status"] == "unknown"]
    assert unknown
    complaints = by_check(gjilan_json)["uncat.art13.complaint-route-to-sending"]
    assert complaints["status"] == "unknown"
    assert any(m["path"].startswith("safeguards.complaints") for m in complaints["missing"])


def test_what_the_sources_settle_is_safeguarded(gjilan_json) -> None:
    checks = by_check(gjilan_json)
    for cid in ("echr.art1.jurisdiction.sending-authority-retained",
                "echr.art3.conditions.health-care-responsibility",
                "cpt.inspection.cpt-access"):
        assert checks[cid]["status"] == "safeguarded", cid


def test_every_decided_finding_points_at_a_sourced_fact(gjilan_json) -> None:
    for f in gjilan_json["findings"]:
        if f["status"] in ("risk", "safeguarded"):
            assert f["evidence"], f["check"]
            for e in f["evidence"]:
                assert e["file"] == GJILAN and e["line"] > 0 and e["source"], f["check"]


def test_conflicting_sources_are_shown_not_resolved(gjilan_json) -> None:
    disputed = {m["path"]: m for f in gjilan_json["findings"] for m in f["missing"]
                if m["state"] == "disputed"}
    route = disputed["end_of_stay.removal_route"]
    assert {a["value"] for a in route["accounts"]} == {"direct_from_receiving", "via_sending"}


def test_fail_on_and_strict(run_assess) -> None:
    assert run_assess(GJILAN, "-f", "json", "-o", "-", "--fail-on", "never",
                      cwd=ROOT).exit_code == 0
    assert run_assess(GJILAN, "-f", "json", "-o", "-", "--fail-on", "critical",
                      cwd=ROOT).exit_code == 1


def test_reports_are_byte_identical_across_runs(run_assess, tmp_path) -> None:
    outs = []
    for fmt in ("md", "html", "json", "sarif", "terminal"):
        a = run_assess(GJILAN, "-f", fmt, "-o", str(tmp_path / f"a.{fmt}"), cwd=ROOT)
        b = run_assess(GJILAN, "-f", fmt, "-o", str(tmp_path / f"b.{fmt}"), cwd=ROOT)
        assert a.exit_code == b.exit_code == 1
        outs.append(((tmp_path / f"a.{fmt}").read_bytes(), (tmp_path / f"b.{fmt}").read_bytes()))
    assert all(x == y for x, y in outs)


def test_html_is_escaped(run_assess, tmp_path) -> None:
    work = tmp_path / "proj"
    for folder in ("agreements", "seeds"):
        shutil.copytree(ROOT / folder, work / folder)
    path = work / GJILAN
    path.write_text(path.read_text().replace("version: treaty-2022",
                                             "version: \"<script>alert(1)</script>\""))
    r = run_assess(GJILAN, "--frameworks", str(ROOT / "frameworks"), "-f", "html", "-o", "-",
                   cwd=work)
    assert "<script>alert(1)</script>" not in r.stdout
    assert "&lt;script&gt;" in r.stdout


def test_sarif_kinds(run_assess) -> None:
    r = run_assess(GJILAN, "-f", "sarif", "-o", "-", cwd=ROOT)
    doc = json.loads(r.stdout)
    results = doc["runs"][0]["results"]
    kinds = {x["kind"] for x in results}
    assert kinds == {"fail", "pass", "review", "notApplicable"}
    assert all(x["level"] == "none" for x in results if x["kind"] != "fail")
    assert Path(doc["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
                ["artifactLocation"]["uri"]).name == "dk-xk-gjilan.yaml"


def test_docx_submission_draft_is_editable_and_deterministic(run_assess, tmp_path) -> None:
    import docx

    paths = [tmp_path / "a.docx", tmp_path / "b.docx"]
    for p in paths:
        assert run_assess(GJILAN, "-f", "docx", "-o", str(p), cwd=ROOT).exit_code == 1
    assert paths[0].read_bytes() == paths[1].read_bytes()
    text = "\n".join(p.text for p in docx.Document(str(paths[0])).paragraphs)
    assert "Submission draft: Treaty between Denmark and Kosovo" in text
    assert "Risks (" in text and "Recommendation: " in text
    assert "Questions the agreement leaves open" in text


def test_several_agreements_in_one_run(run_assess) -> None:
    r = run_assess("agreements", "-f", "json", "-o", "-", cwd=ROOT)
    docs = json.loads(r.stdout)
    assert isinstance(docs, list) and len(docs) >= 2
    assert {d["agreement"]["id"] for d in docs} >= {"dk-xk-gjilan", "dk-xk-gjilan-loi-2021"}


def test_report_says_who_is_bound_and_what_follows(run_assess) -> None:
    md = run_assess(GJILAN, "-f", "md", "-o", "-", cwd=ROOT).stdout
    section = md.split("## Who is bound", 1)[1].split("\n## ", 1)[0]
    assert "| European Convention on Human Rights (ETS No. 5) | party (1953) * | constitution |" \
        in section
    assert "no application lies to the European Court of Human Rights against it" in section


def test_json_output_follows_the_published_report_schema(gjilan_json) -> None:
    from jsonschema import Draft7Validator

    from engine.schema import schema

    errors = list(Draft7Validator(schema("report")).iter_errors(gjilan_json))
    assert not errors, errors[0].message
