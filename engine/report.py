"""Findings into reports: one data shape (the documented JSON), rendered through Jinja.

Everything here is deterministic: no clocks, no absolute paths, stable order, so the same input
gives byte-identical output. Files are written whole or not at all (temp file, then rename).
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

import jinja2

from engine.agreement import Agreement, SeedRegister, load_agreement, load_seeds, seeds_folder_for
from engine.catalogue import Catalogue
from engine.conditions import Read
from engine.evaluate import Finding, exceeds, sort_key, summary
from engine.problems import InputError, Problem
from engine.schema import fact_description

FUNCTION_LABELS = {
    "sentence_execution": "Law governing the sentence or detention",
    "facility_management": "Facility management",
    "external_security": "External security",
    "internal_order": "Internal order and discipline",
    "use_of_force": "Use of force and restraint",
    "staff_employment": "Staff employment",
    "staff_discipline": "Staff discipline",
    "criminal_jurisdiction_staff": "Criminal jurisdiction over staff",
    "criminal_jurisdiction_detainees": "Criminal jurisdiction over detainees",
    "investigation_deaths": "Investigation of deaths",
    "investigation_ill_treatment": "Investigation of ill-treatment",
    "health_care": "Health care",
    "medication_supply": "Medication supply",
    "complaints": "Complaints",
    "legal_aid": "Legal aid",
    "interpretation": "Interpretation",
    "family_contact": "Family contact",
    "independent_monitoring": "Independent monitoring",
    "asylum_claims": "Asylum claims",
    "removal_after_release": "Removal after release",
    "transfer_back": "Transfer back",
    "release_decisions": "Release decisions",
}


def load_agreements(files: list[Path]) -> list[Agreement]:
    """Load every agreement; report the problems of all files before assessing any."""
    registers: dict[Path, SeedRegister] = {}
    agreements: list[Agreement] = []
    problems: list[Problem] = []
    for path in files:
        folder = seeds_folder_for(path)
        if folder not in registers:
            registers[folder], found = load_seeds(folder)
            problems.extend(found)
        try:
            agreements.append(load_agreement(path, registers[folder]))
        except InputError as e:
            problems.extend(e.problems)
    if problems:
        raise InputError(list(dict.fromkeys(problems)))
    return agreements


def _source_text(src: dict[str, str]) -> str:
    ref = src["seed"] + (f"#{src['fact']}" if src.get("fact") else "")
    return f"{ref} ({src['at']})" if src.get("at") else ref


def _evidence(read: Read, file: str) -> dict[str, Any]:
    return {
        "path": read.path,
        "value": read.value,
        "file": file,
        "line": read.line,
        "column": read.column,
        "source": "; ".join(_source_text(s) for s in read.sources),
        "known": read.known,
        "sources": [dict(s) for s in read.sources],
    }


def _missing(read: Read, file: str) -> dict[str, Any]:
    out: dict[str, Any] = {"path": read.path, "state": read.state}
    if read.state == "disputed":
        out["file"], out["line"], out["column"] = file, read.line, read.column
        out["accounts"] = [
            {"value": a["value"], "known": a["known"],
             "source": "; ".join(_source_text(s) for s in a["sources"])}
            for a in read.accounts]
    return out


def finding_dict(f: Finding, file: str) -> dict[str, Any]:
    ch = f.check
    cit = ch.obligation.citation
    return {
        "check": ch.id,
        "framework": ch.obligation.framework.id,
        "obligation": ch.obligation.id,
        "status": f.status,
        "severity": f.severity,
        "area": ch.area,
        "duty_bearers": f.duty_bearers,
        "citation": {"text": cit["text"], "url": cit["url"]},
        "evidence": [_evidence(r, file) for r in f.evidence],
        "rationale": f.rationale,
        "recommendation": ch.raw["recommendation"],
        "question": ch.raw["question"],
        "obligation_title": ch.obligation.raw["title"],
        "missing": [_missing(r, file) for r in f.missing],
        "rests_on": f.rests_on,
        "human_judgement": ch.raw["human_judgement"],
        "bindings": f.bindings,
    }


def _cell(cell: dict[str, Any] | None) -> str:
    if cell is None:
        return "not stated"
    if "accounts" in cell:
        values = sorted({format_value(a["value"]) for a in cell["accounts"]})
        return " / ".join(values) + (" (sources disagree)" if len(values) > 1 else "")
    return f"{format_value(cell['value'])} ({cell['known']})"


def matrix_rows(ag: Agreement, findings: list[Finding]) -> list[dict[str, Any]]:
    """The responsibility matrix: who performs each function, under whose law, who owes the
    duty over it (from the accountability checks) and the powers that duty-bearer keeps."""
    data = ag.doc.data
    resp = data.get("responsibility", {})
    powers = data.get("powers", {})
    gaps = {f.check.id: f for f in findings if f.check.id.startswith("accountability.")}
    rows = []
    for key, label in FUNCTION_LABELS.items():
        entry = resp.get(key, {})
        row: dict[str, Any] = {"function": key, "label": label,
                               "performed_by": _cell(entry.get("performed_by")),
                               "law": _cell(entry.get("law")), "duty": [], "status": []}
        for role in ("sending", "receiving"):
            f = gaps.get(f"accountability.{key}.{role}")
            if f is None or f.status == "not_applicable":
                continue
            performer = entry.get("performed_by") or {}
            if performer.get("value") in (role, "both"):
                row["duty"].append(f"{role} (performs it)")
            else:
                kept = []
                for p in f.check.raw["safeguarded_if"]["any"][1:]:
                    name = p["fact"].rsplit(".", 1)[-1]
                    cell = powers.get(role, {}).get(name)
                    kept.append(f"{name.replace('_', ' ')}: "
                                + ("?" if cell is None else _cell(cell).split(" (")[0]))
                row["duty"].append(f"{role} ({'; '.join(kept)})")
            row["status"].append(f"{role}: {f.status}")
        rows.append(row)
    return rows


def build(ag: Agreement, findings: list[Finding], catalogue: Catalogue, fail_on: str = "high",
          strict: bool = False, whatif: dict[str, Any] | None = None) -> dict[str, Any]:
    """The documented JSON shape, plus what the human-readable reports need besides."""
    file = ag.doc.file
    data = ag.doc.data
    parties = {role: data["parties"][role] for role in ("sending", "receiving")
               if role in data.get("parties", {})}
    return {
        "agreement": {"id": ag.id, "title": ag.title, "file": file,
                      "type": data.get("type"), "version": data.get("version", ""),
                      "summary": data.get("summary", ""), "parties": parties},
        "findings": [finding_dict(f, file) for f in findings],
        "summary": summary(findings),
        "threshold": {"fail_on": fail_on, "strict": strict,
                      "exceeded": exceeds(findings, fail_on, strict)},
        "engine": {"frameworks": [fw.id for fw in catalogue.frameworks],
                   "checks": len(catalogue.checks)},
        "amendments": whatif,
    }


@cache
def _env() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("engine", "templates"),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html.j2",),
                                            default_for_string=False),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["fmt"] = format_value
    env.filters["mdcell"] = lambda s: str(s).replace("|", "\\|").replace("\n", " ")
    return env


def format_value(value: Any) -> str:
    """A fact's value as reports print it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ", ".join(format_value(v) for v in value)
    if isinstance(value, float) and value.is_integer():
        return f"{int(value):,}"
    if isinstance(value, int):
        return f"{value:,}" if value >= 10000 else str(value)
    return "" if value is None else str(value)


def binding_rows(ag: Agreement, catalogue: Catalogue) -> list[dict[str, Any]]:
    """Who is bound by which treaty, with what follows (no petition, no CPT treaty access)."""
    states = catalogue.states
    rows = []
    for key, inst in sorted(states.instruments.items()):
        if inst["kind"] not in ("treaty", "protocol", "eu_law"):
            continue
        row: dict[str, Any] = {"instrument": inst["title"], "symbol": inst["symbol"],
                               "cells": [], "notes": []}
        for role in ("sending", "receiving"):
            party = ag.party(role)
            if party is None:
                continue
            b = states.binding(party["state"], key)
            if b is None:
                row["cells"].append("not in the states data")
                continue
            cell = b["status"].replace("_", " ") + (f" ({b['since']})" if b.get("since") else "")
            row["cells"].append(cell + ("" if b["verified"] else " *"))
            if b.get("note") and b["status"] != "party":  # what follows from not being a party
                row["notes"].append(f"{party['name']}: {b['note']}")
        rows.append(row)
    return rows


def _view(doc: dict[str, Any], findings: list[Finding], ag: Agreement,
          catalogue: Catalogue) -> dict[str, Any]:
    """Extra views for the Markdown, HTML and terminal templates."""
    order = sorted(range(len(findings)), key=lambda i: (*sort_key(findings[i]), i))
    ordered = [doc["findings"][i] for i in order]
    questions: dict[str, list[str]] = {}
    conflicts: dict[str, dict[str, Any]] = {}
    for f in ordered:
        for m in f["missing"]:
            if m["state"] == "disputed":
                conflicts.setdefault(m["path"], m)
            else:
                questions.setdefault(m["path"], []).append(f["check"])
    asked = [(path, fact_description(path), checks) for path, checks in sorted(questions.items())]
    return {**doc, "ordered": ordered, "questions": asked,
            "conflicts": [conflicts[k] for k in sorted(conflicts)],
            "matrix": matrix_rows(ag, findings),
            "binding": binding_rows(ag, catalogue),
            "groups": [(s, [f for f in ordered if f["status"] == s])
                       for s in ("risk", "unknown", "safeguarded", "not_applicable")]}


def render(ag: Agreement, findings: list[Finding], catalogue: Catalogue, fmt: str,
           fail_on: str = "high", strict: bool = False,
           whatif: dict[str, Any] | None = None) -> str:
    doc = build(ag, findings, catalogue, fail_on, strict, whatif)
    if fmt == "json":
        return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
    if fmt == "docx":
        raise ValueError("docx is binary: use render_docx")
    template = {"terminal": "terminal.txt.j2", "md": "report.md.j2",
                "html": "report.html.j2"}[fmt]
    return _env().get_template(template).render(**_view(doc, findings, ag, catalogue))


def render_docx(ag: Agreement, findings: list[Finding], catalogue: Catalogue,
                whatif: dict[str, Any] | None = None) -> bytes:
    from engine.word import render_docx as build_docx

    view = _view(build(ag, findings, catalogue, whatif=whatif), findings, ag, catalogue)
    return build_docx(view, view["ordered"])


def write_whole(path: Path, content: str | bytes) -> None:
    """Write a file whole or not at all."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_reports(ag: Agreement, findings: list[Finding], catalogue: Catalogue,
                  folder: Path, whatif: dict[str, Any] | None = None) -> list[str]:
    written = []
    texts = {ext: render(ag, findings, catalogue, fmt, whatif=whatif) for ext, fmt in
             (("md", "md"), ("html", "html"))}
    stem = f"{ag.id}.amended" if whatif else ag.id
    for ext, text in texts.items():
        target = folder / f"{stem}.{ext}"
        write_whole(target, text)
        written.append(str(target))
    return written


def emit(outputs: list[tuple[str, str | bytes]], fmt: str, output: str | None) -> None:
    """Send rendered outputs to stdout or a file; several JSON documents become a list."""
    if fmt == "docx":
        if len(outputs) != 1:
            raise InputError([Problem("--format docx", 0, 0,
                                      "docx output takes one agreement at a time")])
        data = outputs[0][1]
        assert isinstance(data, bytes)
        if output is None or output == "-":
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
        else:
            write_whole(Path(output), data)
        return
    texts = [t for _, t in outputs if isinstance(t, str)]
    if fmt == "json" and len(texts) > 1:
        text = json.dumps([json.loads(t) for t in texts], indent=2, ensure_ascii=False) + "\n"
    else:
        text = "".join(texts)
    if output is None or output == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        write_whole(Path(output), text)


def catalogue_doc(cat: Catalogue) -> dict[str, Any]:
    """`catalogue --format json` as DESIGN.md shapes it, with counts."""
    frameworks = []
    n_ob = n_ch = n_ex = 0
    for fw in cat.frameworks:
        obs = []
        for ob in fw.obligations:
            n_ob += 1
            checks = []
            for ch in ob.checks:
                n_ch += 1
                n_ex += len(ch.raw["examples"])
                checks.append({"id": ch.id, "severity": ch.severity, "area": ch.area,
                               "examples": len(ch.raw["examples"]),
                               "question": ch.raw["question"]})
            obs.append({"id": ob.id, "title": ob.raw["title"],
                        "citation": {"text": ob.citation["text"], "url": ob.citation["url"]},
                        "verification": ob.raw["verification"]["status"],
                        "checks": checks})
        frameworks.append({"id": fw.id, "title": fw.title, "instrument": fw.instrument,
                           "kind": fw.kind, "symbol": fw.raw["symbol"], "url": fw.raw["url"],
                           "obligations": obs})
    return {"frameworks": frameworks,
            "totals": {"frameworks": len(frameworks),
                       "instruments": len({f["instrument"] for f in frameworks}),
                       "obligations": n_ob, "checks": n_ch, "examples": n_ex}}


def render_catalogue(cat: Catalogue, fmt: str) -> str:
    doc = catalogue_doc(cat)
    if fmt == "json":
        return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
    return _env().get_template("catalogue.md.j2").render(
        doc=doc, frameworks=cat.frameworks, states=cat.states)
