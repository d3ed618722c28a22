"""Bad input of every kind: file:line:col, exit 2, no traceback, nothing lost."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import MINI, ROOT

GOOD = (MINI / "agreements" / "mini-ag.yaml").read_text()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the small fixture project, so tests can break files freely."""
    dest = tmp_path / "p"
    shutil.copytree(MINI, dest)
    return dest


def write(project: Path, text: str, name: str = "mini-ag.yaml") -> Path:
    path = project / "agreements" / name
    path.write_text(text)
    return path


CASES = {
    "malformed": ("id: broken\nparties: [unclosed\n", "agreements/mini-ag.yaml:3:1:",
                  "malformed YAML"),
    "duplicate key": (GOOD.replace("title: Mini agreement\n",
                                   "title: Mini agreement\ntitle: Again\n"),
                      "agreements/mini-ag.yaml:3:1:", "duplicate key 'title'"),
    "wrong type": (GOOD.replace("value: 300", 'value: "300"'),
                   "agreements/mini-ag.yaml:8:", "expected a whole number"),
    "unknown key with suggestion": (GOOD.replace("facility:", "facilty:"),
                                    "agreements/mini-ag.yaml:7:1:", "did you mean 'facility'?"),
    "bad enum": (GOOD.replace("prison_lease", "prison_leese"),
                 "agreements/mini-ag.yaml:3:7:", "expected one of: prison_lease"),
    "missing seed": (GOOD.replace("seed: src-a, fact: f2", "seed: src-z, fact: f2"),
                     "agreements/mini-ag.yaml:8:", "no seed entry 'src-z'"),
    "missing seed fact": (GOOD.replace("fact: f2", "fact: f9"),
                          "agreements/mini-ag.yaml:8:", "has no fact 'f9'"),
    "unsafe tag": (GOOD.replace("title: Mini agreement", "title: !!python/object:os.system x"),
                   "agreements/mini-ag.yaml:2:8:", "not allowed"),
    "alias": (GOOD.replace("title: Mini agreement", "title: &t Mini\nversion: *t"),
              "agreements/mini-ag.yaml:2:8:", "anchors"),
    "inferred without reasoning": (GOOD.replace("known: stated", "known: inferred"),
                                   "agreements/mini-ag.yaml:8:", "'reasoning'"),
    "country code stays text": (GOOD.replace("state: XK", "state: NO"), "", ""),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_agreement_exits_2_with_position(case: str, project: Path, run_assess) -> None:
    text, where, words = CASES[case]
    path = write(project, text)
    before = path.read_bytes()
    r = run_assess("agreements/mini-ag.yaml", "--frameworks", "frameworks", cwd=project)
    assert "Traceback" not in r.output
    assert path.read_bytes() == before  # inputs are never modified
    if not where:  # a valid file: NO is a country code, not false; XK missing is fine
        assert r.exit_code in (0, 1), r.output
        return
    assert r.exit_code == 2, r.output
    assert where in r.stderr and words in r.stderr, r.stderr
    assert not (project / "reports").exists()  # nothing half-written


def test_validate_reports_every_error_of_a_file(project: Path, run_assess) -> None:
    text = GOOD.replace("prison_lease", "prison_leese").replace("facility:", "facilty:")
    write(project, text)
    r = run_assess("validate", "agreements", cwd=project)
    assert r.exit_code == 2
    assert "did you mean 'facility'?" in r.stderr and "prison_leese" in r.stderr
    assert "1 file(s) checked: 0 valid, 1 invalid." in r.stdout


def test_validate_all_kinds_valid(project: Path, run_assess) -> None:
    r = run_assess("validate", ".", cwd=project)
    assert r.exit_code == 0, r.output
    assert "4 file(s) checked: 4 valid" in r.stdout


def test_bad_framework_condition_points_at_it(project: Path, run_assess) -> None:
    fw = project / "frameworks" / "mini.yaml"
    fw.write_text(fw.read_text().replace("equals: receiving", "equal: receiving", 1)
                  .replace("powers.sending.investigate, equals: false",
                           "powers.sending.investigat, equals: false"))
    r = run_assess("validate", "frameworks", cwd=project)
    assert r.exit_code == 2
    assert "frameworks/mini.yaml:25:79: unknown key 'equal'" in r.stderr, r.stderr
    assert "did you mean 'equals'?" in r.stderr
    assert r.stderr.count("unknown key") == 1


def test_unknown_fact_path_in_check_is_named(project: Path, run_assess) -> None:
    fw = project / "frameworks" / "mini.yaml"
    fw.write_text(fw.read_text().replace("powers.sending.investigate, equals: false",
                                         "powers.sending.investigat, equals: false"))
    r = run_assess("agreements/mini-ag.yaml", "--frameworks", "frameworks", cwd=project)
    assert r.exit_code == 2
    assert "no fact 'powers.sending.investigat'" in r.stderr


def test_missing_file_and_bad_option(project: Path, run_assess) -> None:
    r = run_assess("agreements/nope.yaml", "--frameworks", "frameworks", cwd=project)
    assert r.exit_code == 2 and "agreements/nope.yaml: no such file" in r.stderr
    r = run_assess("agreements/mini-ag.yaml", "--fail-on", "severe", cwd=project)
    assert r.exit_code == 2


def test_huge_file_refused(project: Path, run_assess) -> None:
    write(project, "id: x\ntitle: " + "y" * (6 * 1024 * 1024) + "\n")
    r = run_assess("agreements/mini-ag.yaml", "--frameworks", "frameworks", cwd=project)
    assert r.exit_code == 2 and "over the limit" in r.stderr


def test_console_script_prints_no_traceback(project: Path) -> None:
    write(project, "id: broken\nparties: [unclosed\n")
    exe = Path(sys.executable).parent / "assess"
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "engine"]
    r = subprocess.run([*cmd, "agreements/mini-ag.yaml"], cwd=project, capture_output=True,
                       text=True, timeout=60)
    assert r.returncode == 2
    assert "agreements/mini-ag.yaml:3:1:" in r.stderr
    assert "Traceback" not in r.stderr + r.stdout
    assert ROOT.exists()


@pytest.mark.parametrize(
    ("condition", "words"),
    [
        ("{fact: facility.capacity}", "exactly one operator"),
        ("{fact: facility.capacity, equals: 1, in: [1]}", "exactly one operator"),
        ("{foo: 1}", "expected one of: fact, all, any, not, ref, party, bound"),
        ("{all: []}", "too short or empty"),
        ("{bound: {role: x, instrument: opcat}}", "expected one of: sending, receiving"),
        ("{ref: nowhere}", "no named condition 'nowhere'"),
    ],
)
def test_bad_conditions_are_explained(condition: str, words: str, project: Path,
                                      run_assess) -> None:
    fw = project / "frameworks" / "mini.yaml"
    fw.write_text(fw.read_text().replace("safeguarded_if: {fact: facility.capacity, at_most: 10}",
                                         f"safeguarded_if: {condition}"))
    r = run_assess("validate", "frameworks", cwd=project)
    assert r.exit_code == 2
    assert "frameworks/mini.yaml:47:" in r.stderr and words in r.stderr, r.stderr


def test_other_kinds_of_file_are_named_not_assessed(project: Path, run_assess) -> None:
    r = run_assess("frameworks/mini.yaml", "--frameworks", "frameworks", cwd=project)
    assert r.exit_code == 2
    assert "frameworks/mini.yaml:1:1: this is a framework file, not an agreement" in r.stderr
    r = run_assess("seeds", "--frameworks", "frameworks", cwd=project)
    assert "this is a seed file, not an agreement" in r.stderr
