"""A submission draft in Word (.docx) that NGOs and monitoring bodies can edit.

Built with python-docx from the same data as the JSON report. Word files are zip archives whose
entries carry timestamps, so the archive is rewritten with fixed dates and a fixed entry order:
the same input gives a byte-identical file.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import Any

from docx import Document as new_document
from docx.shared import Pt

from engine.report import format_value

FIXED = dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)
STATUS_TITLES = {"risk": "Risks", "unknown": "Questions the agreement leaves open",
                 "safeguarded": "Safeguards the agreement carries"}


def render_docx(doc: dict[str, Any], ordered: list[dict[str, Any]]) -> bytes:
    """The report as a .docx: summary, risks with evidence and model clauses, open questions."""
    d = new_document()
    style = d.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(11)
    ag = doc["agreement"]
    props = d.core_properties
    props.title = f"Rights-risk submission draft: {ag['title']}"
    props.author = "assess (rights-risk checklist engine)"
    props.last_modified_by = "assess"
    props.created = props.modified = props.last_printed = FIXED.replace(tzinfo=None)
    props.revision = 1

    d.add_heading(f"Submission draft: {ag['title']}", level=0)
    d.add_paragraph(
        "This draft was generated from a structured description of the agreement "
        f"({ag['file']}) and the project's legal catalogue. Edit it freely: check every "
        "citation marked as partly verified against the primary text, and the facts marked "
        "as reported or inferred against their sources, before submitting.")
    if ag.get("summary"):
        d.add_paragraph(ag["summary"])
    s = doc["summary"]
    table = d.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Status", "Findings"
    for label, key in (("Risk", "risk"), ("Unknown", "unknown"),
                       ("Safeguarded", "safeguarded"), ("Not applicable", "not_applicable")):
        row = table.add_row().cells
        row[0].text, row[1].text = label, str(s[key])

    for status in ("risk", "unknown", "safeguarded"):
        items = [f for f in ordered if f["status"] == status]
        if not items:
            continue
        d.add_heading(f"{STATUS_TITLES[status]} ({len(items)})", level=1)
        for f in items:
            d.add_heading(f"{f['question']}", level=2)
            p = d.add_paragraph()
            p.add_run(f"{f['severity'].capitalize()} · {f['area']} · {f['check']}").italic = True
            d.add_paragraph(f"Obligation: {f['obligation_title']}. {f['citation']['text']} "
                            f"({f['citation']['url']})")
            if f["duty_bearers"]:
                d.add_paragraph("Duty-bearers: " + "; ".join(
                    f"{b['name']} ({b['reason']})" for b in f["duty_bearers"]))
            d.add_paragraph(f["rationale"])
            for e in f["evidence"]:
                where = f" ({e['file']}:{e['line']})" if e["line"] else ""
                known = f", {e['known']}" if e["known"] else ""
                d.add_paragraph(f"{e['path']} = {format_value(e['value'])}{where}{known}; source: "
                                f"{e['source'] or 'proposed amendment'}", style="List Bullet")
            if f["missing"]:
                d.add_paragraph("Not settled by the sources: " + ", ".join(
                    m["path"] for m in f["missing"]))
            if status != "safeguarded":
                p = d.add_paragraph()
                p.add_run("Recommendation: ").bold = True
                p.add_run(f["recommendation"])
    raw = io.BytesIO()
    d.save(raw)
    return _normalise(raw.getvalue())


def _normalise(data: bytes) -> bytes:
    """Rewrite the archive with sorted entries and fixed timestamps."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in sorted(src.namelist()):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            dst.writestr(info, src.read(name))
    return out.getvalue()
