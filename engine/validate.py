"""`assess validate`: check any mix of agreement, framework, seed and states files."""

from __future__ import annotations

from pathlib import Path

from engine import schema as schemas
from engine.agreement import (
    SeedRegister,
    display_path,
    load_seeds,
    seeds_folder_for,
    validate_agreement,
    validate_seed,
)
from engine.catalogue import States, compile_framework, default_frameworks_dir, load_states
from engine.examples import fact_problems
from engine.loader import Document, load_file
from engine.problems import InputError, Problem


def _states_for(path: Path, cache: dict[Path, States]) -> States:
    folder = path.resolve().parent
    candidate = folder / "states.yaml"
    if not candidate.exists():
        candidate = default_frameworks_dir() / "states.yaml"
    if candidate not in cache:
        cache[candidate] = load_states(candidate, display_path(candidate))
    return cache[candidate]


def validate_paths(files: list[Path]) -> tuple[list[Problem], int]:
    """All problems of all files (each file's most relevant first), and how many were read."""
    problems: list[Problem] = []
    seeds_cache: dict[Path, SeedRegister] = {}
    states_cache: dict[Path, States] = {}
    for path in files:
        try:
            doc = load_file(path, display=display_path(path))
        except InputError as e:
            problems.extend(e.problems)
            continue
        kind = schemas.detect_kind(doc, path.resolve().parts)
        try:
            if kind == "agreement":
                folder = seeds_folder_for(path)
                if folder not in seeds_cache:
                    seeds_cache[folder], seed_problems = load_seeds(folder)
                    problems.extend(seed_problems)
                problems.extend(validate_agreement(doc, seeds_cache[folder], path.stem))
            elif kind == "seed":
                problems.extend(validate_seed(doc, path.stem))
            elif kind == "states":
                problems.extend(schemas.validate(doc, "states"))
            elif kind == "accountability":
                found = schemas.validate(doc, "accountability")
                if not found:  # its obligations must exist: load the catalogue beside it
                    from engine.catalogue import load_catalogue

                    load_catalogue(path.resolve().parent)
                problems.extend(found)
            else:
                found = schemas.validate(doc, "framework")
                if not found:
                    _, found = compile_framework(doc, _states_for(path, states_cache))
                    found.extend(_example_problems(doc))
                problems.extend(found)
        except InputError as e:
            problems.extend(e.problems)
    # Seed problems may be reported twice (as a seed file and as an agreement's register).
    unique = list(dict.fromkeys(problems))
    return unique, len(files)


def _example_problems(doc: Document) -> list[Problem]:
    """Example facts must use the agreement vocabulary, with values of the right kind."""
    out = []
    for oi, ob in enumerate(doc.data["obligations"]):
        for ci, ch in enumerate(ob["checks"]):
            for ei, ex in enumerate(ch["examples"]):
                path = ("obligations", oi, "checks", ci, "examples", ei, "facts")
                line, col = doc.where(path)
                out.extend(Problem(doc.file, line, col, msg, f"{ch['id']} example {ei + 1}")
                           for msg in fact_problems(ex["facts"]))
    return out
