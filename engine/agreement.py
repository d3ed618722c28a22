"""Agreement files: loading, validation against the schema and the source register, fact lookup."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from engine import schema as schemas
from engine.catalogue import States
from engine.conditions import Read, Truth
from engine.loader import Document, PathKey, format_path, load_file
from engine.problems import InputError, Problem


@dataclass
class SeedRegister:
    """The seeds/ folder: bibliographic records and their facts, by id."""

    entries: dict[str, dict[str, Any]] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)

    def fact(self, seed: str, fact: str) -> dict[str, Any] | None:
        for f in self.entries.get(seed, {}).get("facts", []):
            if f["id"] == fact:
                return dict(f)
        return None


def load_seeds(folder: Path) -> tuple[SeedRegister, list[Problem]]:
    reg = SeedRegister()
    problems: list[Problem] = []
    if not folder.is_dir():
        return reg, problems
    for path in sorted(folder.glob("*.yaml")):
        try:
            doc = load_file(path, display=display_path(path))
        except InputError as e:
            problems.extend(e.problems)
            continue
        found = validate_seed(doc, path.stem)
        problems.extend(found)
        if not found:
            reg.entries[doc.data["id"]] = doc.data
            reg.files[doc.data["id"]] = doc.file
    return reg, problems


def validate_seed(doc: Document, stem: str) -> list[Problem]:
    found = schemas.validate(doc, "seed")
    if found:
        return found
    problems = []
    if doc.data["id"] != stem:
        line, col = doc.where(("id",))
        problems.append(Problem(doc.file, line, col,
                                f"the id '{doc.data['id']}' differs from the file name",
                                "id", f"expected '{stem}'"))
    seen: set[str] = set()
    for i, f in enumerate(doc.data["facts"]):
        if f["id"] in seen:
            line, col = doc.where(("facts", i, "id"))
            problems.append(Problem(doc.file, line, col, f"fact id '{f['id']}' is used twice",
                                    format_path(("facts", i, "id"))))
        seen.add(f["id"])
    return problems


def display_path(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def seeds_folder_for(agreement_path: Path) -> Path:
    """seeds/ beside the agreements/ folder the file sits in, else beside the project."""
    near = agreement_path.resolve().parent.parent / "seeds"
    if near.is_dir():
        return near
    return Path(__file__).resolve().parent.parent / "seeds"


def _walk_sources(node: Any, path: PathKey) -> list[tuple[PathKey, dict[str, Any]]]:
    out: list[tuple[PathKey, dict[str, Any]]] = []
    if isinstance(node, dict):
        if "source" in node and isinstance(node["source"], dict):
            out.append(((*path, "source"), node["source"]))
        for i, s in enumerate(node.get("sources", []) if isinstance(node.get("sources"),
                                                                     list) else []):
            out.append(((*path, "sources", i), s))
        for k, v in node.items():
            if k not in ("source", "sources"):
                out.extend(_walk_sources(v, (*path, k)))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out.extend(_walk_sources(v, (*path, i)))
    return out


def validate_agreement(doc: Document, seeds: SeedRegister, stem: str | None = None
                       ) -> list[Problem]:
    problems = schemas.validate(doc, "agreement")
    if problems:
        return problems
    if stem is not None and doc.data["id"] != stem:
        line, col = doc.where(("id",))
        problems.append(Problem(doc.file, line, col,
                                f"the id '{doc.data['id']}' differs from the file name", "id",
                                f"expected '{stem}'"))
    for path, src in _walk_sources(doc.data, ()):
        line, col = doc.where(path)
        seed = src["seed"]
        if seed not in seeds.entries:
            close = sorted(seeds.entries)
            problems.append(Problem(doc.file, line, col, f"no seed entry '{seed}' in seeds/",
                                    format_path(path),
                                    f"expected one of: {', '.join(close)}" if close else ""))
        elif "fact" in src and seeds.fact(seed, src["fact"]) is None:
            ids = [f["id"] for f in seeds.entries[seed]["facts"]]
            problems.append(Problem(doc.file, line, col,
                                    f"seed '{seed}' has no fact '{src['fact']}'",
                                    format_path(path), f"expected one of: {', '.join(ids)}"))
    return problems


@dataclass
class Agreement:
    doc: Document
    seeds: SeedRegister

    @property
    def data(self) -> dict[str, Any]:
        return dict(self.doc.data)

    @property
    def id(self) -> str:
        return str(self.doc.data["id"])

    @property
    def title(self) -> str:
        return str(self.doc.data.get("title", self.id))

    def party(self, role: str) -> dict[str, Any] | None:
        p = self.doc.data.get("parties", {}).get(role)
        return p if isinstance(p, dict) else None


def load_agreement(path: Path, seeds: SeedRegister | None = None) -> Agreement:
    """Load and fully validate one agreement file; raises InputError with every problem."""
    doc = load_file(path, display=display_path(path))
    kind = schemas.detect_kind(doc, path.resolve().parts)
    if kind != "agreement":
        raise InputError([Problem(doc.file, 1, 1, f"this is a {kind} file, not an agreement",
                                  hint="assess takes agreement files; check other files with "
                                       "`assess validate`")])
    seed_problems: list[Problem] = []
    if seeds is None:
        seeds, seed_problems = load_seeds(seeds_folder_for(path))
    problems = validate_agreement(doc, seeds, path.stem)
    if problems or seed_problems:
        raise InputError(problems + seed_problems)
    return Agreement(doc, seeds)


class FactContext:
    """What conditions see of one agreement: facts by path, and who is bound by what."""

    def __init__(self, agreement: Agreement, states: States) -> None:
        self.agreement = agreement
        self.states = states
        self._cache: dict[str, Read] = {}

    def fact(self, path: str) -> Read:
        if path not in self._cache:
            self._cache[path] = self._read(path)
        return self._cache[path]

    def _read(self, path: str) -> Read:
        node: Any = self.agreement.doc.data
        key: PathKey = ()
        for part in path.split("."):
            if not isinstance(node, dict) or part not in node:
                return Read(path, None, "missing")
            node = node[part]
            key = (*key, part)
        line, col = self.agreement.doc.positions.get(key, (0, 0))
        if isinstance(node, dict) and "accounts" in node:
            accounts = tuple(self._account(a) for a in node["accounts"])
            values = {repr(a["value"]) for a in accounts}
            sources = tuple(s for a in accounts for s in a["sources"])
            if len(values) == 1:
                return Read(path, accounts[0]["value"], "present",
                            _weakest(a["known"] for a in accounts), sources, accounts, line, col)
            return Read(path, None, "disputed", "", sources, accounts, line, col)
        if isinstance(node, dict) and "value" in node:
            a = self._account(node)
            vline, vcol = self.agreement.doc.positions.get((*key, "value"), (line, col))
            return Read(path, a["value"], "present", a["known"], a["sources"], (), vline, vcol)
        if node is None:
            return Read(path, None, "missing")
        return Read(path, node, "present", "", (), (), line, col)

    def _account(self, node: dict[str, Any]) -> dict[str, Any]:
        raw = [node["source"]] if "source" in node else list(node.get("sources", []))
        sources = []
        for s in raw:
            entry = self.agreement.seeds.entries.get(s["seed"], {})
            fact = self.agreement.seeds.fact(s["seed"], s["fact"]) if "fact" in s else None
            at = s.get("at") or (fact or {}).get("at", "")
            sources.append({"seed": s["seed"], "fact": s.get("fact", ""), "at": at,
                            "title": entry.get("title", ""), "url": entry.get("url", "")})
        return {"value": node.get("value"), "known": node.get("known", ""),
                "sources": tuple(sources), "reasoning": node.get("reasoning", "")}

    def has_party(self, role: str) -> bool:
        return self.agreement.party(role) is not None

    def bound(self, role: str, instrument: str) -> tuple[Truth, str]:
        party = self.agreement.party(role)
        if party is None:
            return None, f"the agreement names no {role} state"
        return self.states.is_bound(party["state"], instrument)


def _weakest(knowns: Any) -> str:
    order = ["inferred", "reported", "stated"]
    ks = [k for k in knowns if k in order]
    return min(ks, key=order.index) if ks else ""
