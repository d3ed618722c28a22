"""Shared helpers: run the `assess` command in-process as a user would type it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from engine.cli import COMMANDS, app

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "fixtures" / "mini"


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def assess(*args: str, cwd: Path | None = None, monkeypatch: pytest.MonkeyPatch | None = None
           ) -> Result:
    argv = list(args)
    if argv and argv[0] not in COMMANDS and argv[0] not in ("--help", "--version"):
        argv = ["run", *argv]
    runner = CliRunner()
    if cwd is not None:
        assert monkeypatch is not None
        monkeypatch.chdir(cwd)
    r = runner.invoke(app, argv, prog_name="assess")
    if r.exception is not None and not isinstance(r.exception, SystemExit):
        raise r.exception
    return Result(r.exit_code, r.stdout, r.stderr)


@pytest.fixture
def run_assess(monkeypatch: pytest.MonkeyPatch):
    def _run(*args: str, cwd: Path | None = None) -> Result:
        return assess(*args, cwd=cwd, monkeypatch=monkeypatch)

    return _run
