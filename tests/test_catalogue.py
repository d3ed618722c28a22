"""The legal catalogue keeps itself honest: it loads, every check's examples pass, ids are
unique, every fact a check reads exists, every citation has a url, absolute rights stay high."""

from __future__ import annotations

import pytest
from conftest import ROOT

from engine.catalogue import SEVERITY_ORDER, load_catalogue
from engine.examples import coverage_problems, fact_problems, run_check_examples
from engine.report import catalogue_doc

CATALOGUE = load_catalogue(ROOT / "frameworks")
CHECKS = sorted(CATALOGUE.checks)
# Obligations on absolute rights: ill-treatment and non-refoulement admit no balancing.
ABSOLUTE = ("echr.art3", "uncat.art2", "uncat.art3", "uncat.art16", "iccpr.art7",
            "refugee.art33")


@pytest.mark.parametrize("check_id", CHECKS)
def test_check_examples(check_id: str) -> None:
    check = CATALOGUE.checks[check_id]
    assert not coverage_problems(check)
    for r in run_check_examples(check, CATALOGUE):
        assert not r.problems, r.problems
        assert r.got == r.expected, f"example '{r.name}': expected {r.expected}, got {r.got}"


def test_example_facts_exist_in_the_vocabulary() -> None:
    bad = [(c.id, p) for c in CATALOGUE.checks.values() for ex in c.raw["examples"]
           for p in fact_problems(ex["facts"])]
    assert not bad


def test_fact_problems_catches_typos() -> None:
    assert fact_problems({"powers": {"sending": {"investigat": True}}})
    assert fact_problems({"facility": {"capacity": "300"}})
    assert not fact_problems({"facility": {"capacity": 300}, "type": "prison_lease"})


def test_every_obligation_cites_with_url_and_every_check_is_complete() -> None:
    for fw in CATALOGUE.frameworks:
        if fw.kind != "analysis":  # derived rules cite through their obligations
            assert fw.raw["url"].startswith(("https://", "http://")), fw.id
        for ob in fw.obligations:
            assert ob.citation["url"].startswith(("https://", "http://")), ob.id
            assert ob.citation["text"].strip(), ob.id
            assert ob.raw["paraphrase"].strip(), ob.id
            for ch in ob.checks:
                assert ch.id.startswith(ob.id + "."), ch.id
                assert len(ch.raw["examples"]) >= 2, ch.id


def test_absolute_rights_never_below_high() -> None:
    low = [c.id for c in CATALOGUE.checks.values()
           if c.obligation.id.startswith(ABSOLUTE)
           and SEVERITY_ORDER[c.severity] < SEVERITY_ORDER["high"]]
    assert not low


def test_every_instrument_is_in_the_states_data() -> None:
    for fw in CATALOGUE.frameworks:
        for ob in fw.obligations:
            for ch in ob.checks:
                for instrument in ch.instruments or [fw.instrument]:
                    assert instrument in CATALOGUE.states.instruments, ch.id


def test_catalogue_json_counts_match() -> None:
    doc = catalogue_doc(CATALOGUE)
    assert doc["totals"]["checks"] == len(CATALOGUE.checks)
    assert doc["totals"]["obligations"] == sum(len(f["obligations"])
                                               for f in doc["frameworks"])


def test_catalogue_size_floor() -> None:
    """The catalogue promises at least 120 checks over at least 8 instruments (excluding the
    derived accountability checks), each with at least two examples."""
    legal = [c for c in CATALOGUE.checks.values()
             if c.obligation.framework.kind != "analysis"]
    assert len(legal) >= 120
    assert len({c.obligation.framework.instrument for c in legal}) >= 8
    assert all(len(c.raw["examples"]) >= 2 for c in legal)


def test_catalogue_command_reports_the_numbers(run_assess) -> None:
    import json

    r = run_assess("catalogue", "--format", "json", "--output", "-", cwd=ROOT)
    doc = json.loads(r.stdout)
    assert r.exit_code == 0
    assert doc["totals"]["checks"] == len(CATALOGUE.checks)
    first = doc["frameworks"][0]["obligations"][0]
    assert set(first) >= {"id", "citation", "checks"}
    assert set(first["checks"][0]) >= {"id", "severity", "area", "examples"}
