"""Input problems: what was wrong, where (file:line:col), and what was expected.

Every error a user can cause with a file ends up as a `Problem`, so the command line can print
them all the same way and exit 2 without a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one input file. Line and column are 1-based; 0 means unknown."""

    file: str
    line: int
    column: int
    message: str
    path: str = ""
    hint: str = ""

    def render(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}" if self.line else self.file
        text = f"{where}: {self.message}"
        if self.path:
            text += f" (at {self.path})"
        if self.hint:
            text += f"\n    hint: {self.hint}"
        return text


class InputError(Exception):
    """Raised when an input cannot be used; carries every problem found, most relevant first."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(p.render() for p in problems))
        self.problems = problems
