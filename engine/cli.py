"""The `assess` command line. Exit codes: 0 nothing at or above the threshold, 1 findings at or
above it, 2 invalid input or usage. No traceback reaches the user unless --debug is given."""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable
from enum import Enum
from pathlib import Path

import typer

from engine import __version__
from engine.problems import InputError, Problem

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  pretty_exceptions_enable=False,
                  help="Check agreements that move detained people between states against "
                       "human-rights frameworks.")

COMMANDS = ("run", "validate", "catalogue", "diff", "explain")


class Format(str, Enum):
    terminal = "terminal"
    md = "md"
    html = "html"
    json = "json"
    sarif = "sarif"
    docx = "docx"


class CatalogueFormat(str, Enum):
    md = "md"
    json = "json"


class FailOn(str, Enum):
    critical = "critical"
    high = "high"
    medium = "medium"
    low = "low"
    never = "never"


def _fail(problems: list[Problem]) -> None:
    for p in problems:
        typer.echo(p.render(), err=True)
    typer.echo(f"{len(problems)} problem(s) found; nothing was assessed.", err=True)
    raise typer.Exit(2)


def _collect(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for p in paths:
        if p.is_dir():
            files.extend(sorted(q for q in p.rglob("*.yaml") if q.is_file()))
        else:
            files.append(p)
    return files


@app.command("run", hidden=True)
def run(
    paths: list[Path] = typer.Argument(..., help="Agreement files or folders of them."),
    format: Format | None = typer.Option(None, "--format", "-f",
                                         help="Write one format instead of the default "
                                              "summary plus Markdown and HTML reports."),
    output: str | None = typer.Option(None, "--output", "-o",
                                      help="Where to write --format output ('-' for stdout)."),
    fail_on: FailOn = typer.Option(FailOn.high, "--fail-on",
                                   help="Exit 1 when a risk at or above this severity exists."),
    strict: bool = typer.Option(False, "--strict",
                                help="Unknown findings count against --fail-on too."),
    report_dir: Path = typer.Option(Path("reports"), "--report-dir",
                                    help="Folder for the default Markdown and HTML reports."),
    frameworks: Path | None = typer.Option(None, "--frameworks",
                                           help="Folder of framework files (default: the "
                                                "project's frameworks/)."),
    apply_recommendations: str | None = typer.Option(
        None, "--apply-recommendations",
        help="Assess an amended copy in memory: 'all', or comma-separated check ids whose "
             "recommendations carry structured amendments. Reports the residual risk."),
    debug: bool = typer.Option(False, "--debug", help="Show tracebacks of internal errors."),
) -> None:
    """Assess agreements: summary on the terminal, Markdown and HTML reports written."""
    from engine import report
    from engine.catalogue import load_catalogue
    from engine.evaluate import evaluate, exceeds

    def body() -> int:
        files = _collect(paths)
        if not files:
            _fail([Problem(str(p), 0, 0, "no agreement files found") for p in paths])
        agreements = report.load_agreements(files)  # the user's input is checked first
        catalogue = load_catalogue(frameworks)
        over = False
        outputs: list[tuple[str, str | bytes]] = []
        runs = [(ag, evaluate(catalogue, ag)) for ag in agreements]
        whatifs: dict[str, dict[str, object] | None] = {ag.id: None for ag in agreements}
        if apply_recommendations is not None:
            from engine.amend import what_if

            amended_runs = []
            for ag, findings in runs:
                w = what_if(catalogue, ag, apply_recommendations, findings)
                whatifs[ag.id] = w.as_dict()
                amended_runs.append((w.amended, w.after))
            runs = amended_runs
        for ag, findings in runs:
            over = over or exceeds(findings, fail_on.value, strict)
            wi = whatifs[ag.id]
            if format is None:
                typer.echo(report.render(ag, findings, catalogue, "terminal",
                                         fail_on.value, strict, wi), nl=False)
                written = report.write_reports(ag, findings, catalogue, report_dir, wi)
                typer.echo("Reports written: " + ", ".join(written))
            elif format is Format.docx:
                outputs.append((ag.id, report.render_docx(ag, findings, catalogue, wi)))
            elif format is not Format.sarif:
                outputs.append((ag.id, report.render(ag, findings, catalogue, format.value,
                                                     fail_on.value, strict, wi)))
        if format is Format.sarif:
            from engine.sarif import render_sarif

            outputs = [("sarif", render_sarif(runs))]
        if format is not None:
            report.emit(outputs, format.value, output)
        return 1 if over else 0

    raise typer.Exit(_guard(body, debug))


@app.command()
def validate(
    paths: list[Path] = typer.Argument(..., help="Files or folders to check."),
    debug: bool = typer.Option(False, "--debug", help="Show tracebacks of internal errors."),
) -> None:
    """Check agreement, framework, seed and states files (for CI)."""
    from engine.validate import validate_paths

    def body() -> int:
        files = _collect(paths)
        if not files:
            _fail([Problem(str(p), 0, 0, "no YAML files found") for p in paths])
        problems, count = validate_paths(files)
        for p in problems:
            typer.echo(p.render(), err=True)
        bad = len({p.file for p in problems})
        typer.echo(f"{count} file(s) checked: {count - bad} valid, {bad} invalid.")
        return 2 if problems else 0

    raise typer.Exit(_guard(body, debug))


@app.command()
def catalogue(
    format: CatalogueFormat = typer.Option(CatalogueFormat.md, "--format", "-f"),
    output: str = typer.Option("-", "--output", "-o", help="File to write, '-' for stdout."),
    frameworks: Path | None = typer.Option(None, "--frameworks"),
    debug: bool = typer.Option(False, "--debug"),
) -> None:
    """Every framework, obligation and check, for review by lawyers."""
    from engine import report
    from engine.catalogue import load_catalogue

    def body() -> int:
        cat = load_catalogue(frameworks)
        report.emit([("catalogue", report.render_catalogue(cat, format.value))], format.value,
                    output)
        return 0

    raise typer.Exit(_guard(body, debug))


class DiffFormat(str, Enum):
    terminal = "terminal"
    md = "md"
    json = "json"


@app.command()
def diff(
    old: Path = typer.Argument(..., help="The earlier version."),
    new: Path = typer.Argument(..., help="The later version."),
    format: DiffFormat = typer.Option(DiffFormat.terminal, "--format", "-f"),
    output: str = typer.Option("-", "--output", "-o", help="File to write, '-' for stdout."),
    frameworks: Path | None = typer.Option(None, "--frameworks"),
    debug: bool = typer.Option(False, "--debug"),
) -> None:
    """What changed in the findings between two versions of an agreement."""
    from engine import report
    from engine.catalogue import load_catalogue
    from engine.diff import compare, render_diff

    def body() -> int:
        a, b = report.load_agreements([old, new])
        cat = load_catalogue(frameworks)
        doc = compare(cat, a, b)
        report.emit([("diff", render_diff(doc, format.value))], format.value, output)
        return 0

    raise typer.Exit(_guard(body, debug))


@app.command()
def explain(
    agreement: Path = typer.Argument(..., help="The agreement file."),
    check: str = typer.Argument(..., help="A check id, as listed by `assess catalogue`."),
    frameworks: Path | None = typer.Option(None, "--frameworks"),
    debug: bool = typer.Option(False, "--debug"),
) -> None:
    """Why one check came out as it did: its conditions, each with its value and source."""
    from engine import report
    from engine.catalogue import load_catalogue
    from engine.explain import explain as explain_check

    def body() -> int:
        (ag,) = report.load_agreements([agreement])
        typer.echo(explain_check(load_catalogue(frameworks), ag, check), nl=False)
        return 0

    raise typer.Exit(_guard(body, debug))


def _guard(body: Callable[[], int], debug: bool) -> int:
    try:
        return body()
    except InputError as e:
        _fail(e.problems)
    except typer.Exit:
        raise
    except KeyboardInterrupt:
        typer.echo("interrupted", err=True)
        return 2
    except BrokenPipeError:  # the reader (say `| head`) left early; that is not an error
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as e:  # an engine bug: say so plainly, traceback only on request
        if debug:
            traceback.print_exc()
        else:
            typer.echo(f"internal error: {type(e).__name__}: {e} (run again with --debug "
                       "for details)", err=True)
        return 2
    return 2


def version_callback(value: bool) -> None:
    if value:
        typer.echo(f"assess {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(version: bool = typer.Option(False, "--version", callback=version_callback,
                                       is_eager=True, help="Show the version.")) -> None:
    """Check agreements that move detained people between states against human-rights
    frameworks. `assess AGREEMENT.yaml` writes a summary and Markdown and HTML reports."""


def main(argv: list[str] | None = None) -> None:
    """Entry point: `assess FILE...` runs the assessment; subcommands are named explicitly."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] not in COMMANDS and args[0] not in ("--help", "-h", "--version"):
        args = ["run", *args]
    app(args=args, prog_name="assess")
