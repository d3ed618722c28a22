"""The legal catalogue: framework files and the states data, loaded, validated and compiled once."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from engine import schema as schemas
from engine.conditions import Compiled, ConditionError, compile_condition, fact_paths, refs
from engine.loader import Document, format_path, load_file
from engine.problems import InputError, Problem

SEVERITY_ORDER = {"critical": 4, "high": 3, "medium": 2, "low": 1}
BINDING_STATUSES = {"party", "constitution"}


@dataclass
class Check:
    id: str
    raw: dict[str, Any]
    obligation: Obligation
    applies: Compiled | None
    risk: Compiled | None
    safeguard: Compiled
    file: str
    line: int
    # Instruments whose binding makes a party a duty-bearer; by default the framework's own.
    instruments: list[str] = field(default_factory=list)

    @property
    def severity(self) -> str:
        return str(self.raw["severity"])

    @property
    def area(self) -> str:
        return str(self.raw["area"])

    @property
    def duty(self) -> str:
        return str(self.raw.get("duty", "both"))


@dataclass
class Obligation:
    id: str
    raw: dict[str, Any]
    framework: Framework
    checks: list[Check] = field(default_factory=list)

    @property
    def citation(self) -> dict[str, str]:
        return dict(self.raw["citation"])


@dataclass
class Framework:
    id: str
    raw: dict[str, Any]
    file: str
    obligations: list[Obligation] = field(default_factory=list)
    named: dict[str, Compiled] = field(default_factory=dict)  # compiled named conditions

    @property
    def instrument(self) -> str:
        return str(self.raw["instrument"])

    @property
    def title(self) -> str:
        return str(self.raw["title"])

    @property
    def kind(self) -> str:
        return str(self.raw["kind"])


@dataclass
class States:
    instruments: dict[str, dict[str, Any]]
    states: dict[str, dict[str, Any]]
    file: str = ""

    def binding(self, state: str, instrument: str) -> dict[str, Any] | None:
        return self.states.get(state, {}).get("bound", {}).get(instrument)

    def is_bound(self, state: str, instrument: str) -> tuple[bool | None, str]:
        """Whether a state is bound, and why, in words for the report."""
        inst = self.instruments.get(instrument, {})
        title = inst.get("title", instrument)
        if inst.get("kind") in ("standards", "soft_law"):
            return True, f"{title} are standards that speak to every state"
        if inst.get("kind") == "custom":
            return True, f"{title} binds every state"
        name = self.states.get(state, {}).get("name", state)
        b = self.binding(state, instrument)
        if state not in self.states or b is None:
            return None, f"the states data does not say whether {name} is bound by {title}"
        status = b["status"]
        since = f" since {b['since']}" if b.get("since") else ""
        if status == "party":
            return True, f"{name} is a party to {title}{since}"
        if status == "constitution":
            basis = b.get("basis", "its constitution")
            return True, f"{name} is bound by {title} through {basis}"
        words = {"signatory": "has signed but not ratified", "not_party": "is not a party to",
                 "cannot_join": "cannot become a party to"}[status]
        return False, f"{name} {words} {title}"


@dataclass
class Catalogue:
    frameworks: list[Framework]
    states: States
    checks: dict[str, Check]
    # Signs that the sending state keeps authority and control (accountability.yaml).
    authority_signs: list[dict[str, Any]] = field(default_factory=list)

    def framework(self, fid: str) -> Framework:
        return next(f for f in self.frameworks if f.id == fid)


def default_frameworks_dir() -> Path:
    """frameworks/ beside the package in a checkout; the bundled copy in an installed wheel."""
    env = os.environ.get("ASSESS_FRAMEWORKS")
    if env:
        return Path(env)
    here = Path(__file__).resolve().parent.parent / "frameworks"
    if here.is_dir():
        return here
    return Path(str(resources.files("engine").joinpath("frameworks")))


def load_states(path: Path, display: str) -> States:
    doc = load_file(path, display=display)
    problems = schemas.validate(doc, "states")
    if problems:
        raise InputError(problems)
    return States(doc.data["instruments"], doc.data["states"], display)


def compile_framework(doc: Document, states: States) -> tuple[Framework, list[Problem]]:
    data = doc.data
    fw = Framework(data["id"], data, doc.file)
    problems: list[Problem] = []

    def problem(path: tuple[str | int, ...], message: str, hint: str = "") -> None:
        line, col = doc.where(path)
        problems.append(Problem(doc.file, line, col, message, format_path(path), hint))

    if fw.instrument not in states.instruments:
        problem(("instrument",), f"unknown instrument '{fw.instrument}'",
                f"expected one of: {', '.join(sorted(states.instruments))}")
    for oi, ob_raw in enumerate(data["obligations"]):
        if ob_raw.get("instrument", fw.instrument) not in states.instruments:
            problem(("obligations", oi, "instrument"),
                    f"unknown instrument '{ob_raw['instrument']}'",
                    f"expected one of: {', '.join(sorted(states.instruments))}")
    named_raw: dict[str, Any] = data.get("conditions", {})
    named: dict[str, Compiled] = fw.named
    in_progress: set[str] = set()

    def compile_named(name: str) -> None:
        if name in named:
            return
        if name in in_progress:
            problem(("conditions", name), f"named condition '{name}' refers to itself")
            raise ConditionError(name)
        in_progress.add(name)
        for dep in refs(named_raw[name]):
            if dep not in named_raw:
                problem(("conditions", name), f"no named condition '{dep}'",
                        f"expected one of: {', '.join(sorted(named_raw)) or '(none defined)'}")
                raise ConditionError(dep)
            compile_named(dep)
        named[name] = compile_condition(named_raw[name], named)
        in_progress.discard(name)

    for name in named_raw:
        try:
            compile_named(name)
        except ConditionError:
            pass
        for p in fact_paths(named_raw[name]):
            if schemas.fact_schema(p) is None:
                problem(("conditions", name), f"no fact '{p}' in the agreement vocabulary")

    for oi, ob_raw in enumerate(data["obligations"]):
        ob = Obligation(ob_raw["id"], ob_raw, fw)
        fw.obligations.append(ob)
        for ci, ch_raw in enumerate(ob_raw["checks"]):
            base: tuple[str | int, ...] = ("obligations", oi, "checks", ci)
            compiled: dict[str, Compiled | None] = {}
            ok = True
            for key in ("applies_if", "risk_if", "safeguarded_if"):
                cond = ch_raw.get(key)
                if cond is None:
                    compiled[key] = None
                    continue
                for p in fact_paths(cond):
                    if schemas.fact_schema(p) is None:
                        problem((*base, key), f"no fact '{p}' in the agreement vocabulary",
                                "see engine/schemas/agreement.schema.json for the facts")
                        ok = False
                for r in refs(cond):
                    if r not in named_raw:
                        problem((*base, key), f"no named condition '{r}'")
                        ok = False
                if ok:
                    try:
                        compiled[key] = compile_condition(cond, named)
                    except ConditionError as e:
                        problem((*base, key), str(e))
                        ok = False
            if not ok:
                continue
            safeguard = compiled["safeguarded_if"]
            assert safeguard is not None  # required by the schema
            line, _ = doc.where(base)
            ob.checks.append(Check(ch_raw["id"], ch_raw, ob, compiled["applies_if"],
                                   compiled["risk_if"], safeguard, doc.file, line,
                                   [ob_raw["instrument"]] if "instrument" in ob_raw else []))
    return fw, problems


def load_catalogue(folder: Path | None = None) -> Catalogue:
    """Load every framework file and the states data. Raises InputError listing all problems."""
    folder = folder or default_frameworks_dir()
    display_root = folder
    states_path = folder / "states.yaml"

    def display(p: Path) -> str:
        try:
            return str(p.relative_to(Path.cwd()))
        except ValueError:
            try:
                return f"frameworks/{p.relative_to(display_root)}"
            except ValueError:
                return str(p)

    if not states_path.exists():
        raise InputError([Problem(display(states_path), 0, 0, "the states data is missing")])
    states = load_states(states_path, display(states_path))
    problems: list[Problem] = []
    frameworks: list[Framework] = []
    checks: dict[str, Check] = {}
    obligation_ids: dict[str, str] = {}
    for path in sorted(folder.glob("*.yaml")):
        if path.name in ("states.yaml", "accountability.yaml"):
            continue
        try:
            doc = load_file(path, display=display(path))
        except InputError as e:
            problems.extend(e.problems)
            continue
        found = schemas.validate(doc, "framework")
        if found:
            problems.extend(found)
            continue
        fw, found = compile_framework(doc, states)
        problems.extend(found)
        frameworks.append(fw)
        for oi, ob in enumerate(fw.obligations):
            if ob.id in obligation_ids:
                line, col = doc.where(("obligations", oi, "id"))
                problems.append(Problem(doc.file, line, col,
                                        f"obligation id '{ob.id}' is used twice",
                                        hint=f"also in {obligation_ids[ob.id]}"))
            obligation_ids[ob.id] = doc.file
            for ch in ob.checks:
                if ch.id in checks:
                    problems.append(Problem(doc.file, ch.line, 1,
                                            f"check id '{ch.id}' is used twice",
                                            hint=f"also in {checks[ch.id].file}"))
                checks[ch.id] = ch
    if problems:
        raise InputError(problems)
    if not frameworks:
        raise InputError([Problem(str(folder), 0, 0, "no framework files found")])
    catalogue = Catalogue(frameworks, states, checks)
    acc_path = folder / "accountability.yaml"
    if acc_path.exists():
        from engine.accountability import load_accountability

        fw, signs = load_accountability(acc_path, catalogue, display(acc_path))
        catalogue.frameworks.append(fw)
        catalogue.authority_signs = signs
        for ob in fw.obligations:
            for ch in ob.checks:
                catalogue.checks[ch.id] = ch
    return catalogue
