"""Strict YAML reading with a position for every value.

PyYAML's safe loader reads YAML 1.1: `NO` becomes False, `0777` an octal 511, `1:30` the number 90
and `2024-01-31` a date, and a duplicated key silently wins. Agreement files carry country codes,
article numbers and dates that must stay as written, so we build values ourselves from the parser's
event stream (libyaml when available), with YAML 1.2 core-schema scalars and these refusals:
duplicate keys, anchors and aliases, explicit tags other than the core ones, `%YAML`/`%TAG`
directives, more than one document, and files that are too large, too deep or have too many nodes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from engine.problems import InputError, Problem

try:  # libyaml parses several times faster; the pure-Python parser yields the same events.
    from yaml import CSafeLoader as _EventLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _EventLoader  # type: ignore[assignment]

MAX_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 64
MAX_NODES = 200_000

PathKey = tuple[str | int, ...]

_NULL = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
# Decimal integers only, and no leading zero: `0777` stays the string "0777".
_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)\Z")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+\.[0-9]*|[0-9]+(\.[0-9]*)?[eE][-+]?[0-9]+)\Z")
_CORE_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}


@dataclass
class Document:
    """A loaded YAML file: plain Python data plus the 1-based (line, column) of every value."""

    file: str
    data: Any
    positions: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[PathKey, tuple[int, int]] = field(default_factory=dict)

    def where(self, path: PathKey) -> tuple[int, int]:
        """Position of the value at `path`, or of its nearest ancestor that exists."""
        p = tuple(path)
        while p:
            if p in self.positions:
                return self.positions[p]
            p = p[:-1]
        return self.positions.get((), (1, 1))


def format_path(path: PathKey) -> str:
    """`('a', 0, 'b')` -> `a[0].b`, the spelling used in messages and evidence."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def _scalar(event: yaml.ScalarEvent) -> Any:
    value = event.value
    tag = event.tag
    if tag and tag != "!":
        if tag not in _CORE_TAGS:
            raise _Refusal(event.start_mark, f"the tag {tag} is not allowed", "a plain value")
        if tag.endswith(":str"):
            return value
    elif not event.implicit[0]:  # quoted or block scalar: always a string
        return value
    if value in _NULL:
        return None
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    if _INT.match(value):
        return int(value)
    if _FLOAT.match(value):
        return float(value)
    return value


class _Refusal(Exception):
    def __init__(self, mark: Any, message: str, expected: str = "") -> None:
        super().__init__(message)
        self.mark = mark
        self.message = message
        self.expected = expected


def _problem(file: str, mark: Any, message: str, expected: str = "") -> Problem:
    line = mark.line + 1 if mark is not None else 0
    col = mark.column + 1 if mark is not None else 0
    return Problem(file, line, col, message, hint=f"expected {expected}" if expected else "")


class _Builder:
    def __init__(self, file: str, max_depth: int, max_nodes: int) -> None:
        self.file = file
        self.max_depth = max_depth
        self.max_nodes = max_nodes
        self.nodes = 0
        self.doc = Document(file=file, data=None)

    def build(self, events: Iterator[yaml.Event]) -> Document:
        ev = next(events)  # StreamStartEvent
        ev = next(events)
        if isinstance(ev, yaml.StreamEndEvent):
            raise _Refusal(ev.start_mark, "the file is empty", "a YAML mapping")
        self._document_start(ev)
        self.doc.data = self._node(next(events), events, (), 0)
        ev = next(events)  # DocumentEndEvent
        ev = next(events)
        if not isinstance(ev, yaml.StreamEndEvent):
            raise _Refusal(
                ev.start_mark, "the file holds more than one YAML document", "a single document"
            )
        return self.doc

    def _document_start(self, ev: yaml.Event) -> None:
        if getattr(ev, "version", None) or getattr(ev, "tags", None):
            # A %YAML 1.1 directive would switch readers back to 1.1 rules (the Norway problem).
            raise _Refusal(ev.start_mark, "YAML directives (%YAML, %TAG) are not allowed",
                           "a document without directives")

    def _node(self, ev: yaml.Event, events: Iterator[yaml.Event], path: PathKey, depth: int) -> Any:
        self.nodes += 1
        if self.nodes > self.max_nodes:
            raise _Refusal(ev.start_mark, f"the file has more than {self.max_nodes} values",
                           "a smaller file")
        if depth > self.max_depth:
            raise _Refusal(ev.start_mark, f"the file nests deeper than {self.max_depth} levels",
                           "a flatter structure")
        if isinstance(ev, yaml.AliasEvent):
            raise _Refusal(ev.start_mark, "aliases (*name) are not allowed",
                           "the value written out in full")
        if getattr(ev, "anchor", None):
            raise _Refusal(ev.start_mark, "anchors (&name) are not allowed",
                           "the value without an anchor")
        self.doc.positions[path] = (ev.start_mark.line + 1, ev.start_mark.column + 1)
        if isinstance(ev, yaml.ScalarEvent):
            return _scalar(ev)
        tag = getattr(ev, "tag", None)
        if tag and tag not in _CORE_TAGS and tag != "!":
            raise _Refusal(ev.start_mark, f"the tag {tag} is not allowed", "a plain value")
        if isinstance(ev, yaml.SequenceStartEvent):
            items: list[Any] = []
            while True:
                child = next(events)
                if isinstance(child, yaml.SequenceEndEvent):
                    return items
                items.append(self._node(child, events, (*path, len(items)), depth + 1))
        if isinstance(ev, yaml.MappingStartEvent):
            mapping: dict[str, Any] = {}
            while True:
                key_ev = next(events)
                if isinstance(key_ev, yaml.MappingEndEvent):
                    return mapping
                if not isinstance(key_ev, yaml.ScalarEvent):
                    raise _Refusal(key_ev.start_mark, "a key must be a plain text value",
                                   "a name such as `title:`")
                if getattr(key_ev, "anchor", None):
                    raise _Refusal(key_ev.start_mark, "anchors (&name) are not allowed")
                key = key_ev.value
                if key == "<<":
                    raise _Refusal(key_ev.start_mark, "merge keys (<<) are not allowed",
                                   "the keys written out in full")
                if key in mapping:
                    first = self.doc.key_positions[(*path, key)]
                    raise _Refusal(
                        key_ev.start_mark,
                        f"duplicate key '{key}' (first defined at line {first[0]}, "
                        f"column {first[1]})",
                        "each key once per mapping",
                    )
                self.nodes += 1
                self.doc.key_positions[(*path, key)] = (
                    key_ev.start_mark.line + 1, key_ev.start_mark.column + 1)
                mapping[key] = self._node(next(events), events, (*path, key), depth + 1)
        raise _Refusal(ev.start_mark, f"unexpected YAML event {type(ev).__name__}")


def load_text(text: str, file: str, *, max_depth: int = MAX_DEPTH,
              max_nodes: int = MAX_NODES) -> Document:
    """Parse YAML text strictly. Raises InputError with file:line:col on any problem."""
    builder = _Builder(file, max_depth, max_nodes)
    try:
        return builder.build(yaml.parse(text, Loader=_EventLoader))
    except _Refusal as r:
        raise InputError([_problem(file, r.mark, r.message, r.expected)]) from None
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        message = e.problem or e.context or "malformed YAML"
        if e.context and e.context_mark is not None and e.problem:
            cm = e.context_mark
            message = f"{e.problem}, {e.context} at line {cm.line + 1}, column {cm.column + 1}"
        raise InputError([_problem(file, mark, f"malformed YAML: {message}",
                                   "well-formed YAML")]) from None
    except yaml.reader.ReaderError as e:  # bad characters carry an offset, not a mark
        pos = e.position
        line = text.count("\n", 0, pos) + 1
        col = pos - (text.rfind("\n", 0, pos) + 1) + 1
        char = e.character if isinstance(e.character, str) else chr(e.character)
        raise InputError([Problem(file, line, col,
                                  f"the character U+{ord(char):04X} is not allowed in YAML",
                                  hint="expected printable text")]) from None
    except yaml.YAMLError as e:
        raise InputError([_problem(file, getattr(e, "problem_mark", None),
                                   f"unreadable YAML: {e}")]) from None
    except RecursionError:
        raise InputError([Problem(file, 0, 0, "the file nests too deeply to read",
                                  hint="expected a flatter structure")]) from None


def load_file(path: str | Path, *, display: str | None = None,
              max_bytes: int = MAX_BYTES) -> Document:
    """Read and parse one YAML file, refusing oversized or non-UTF-8 input."""
    p = Path(path)
    name = display or str(path)
    try:
        size = p.stat().st_size
        if size > max_bytes:
            raise InputError([Problem(name, 0, 0,
                                      f"the file is {size} bytes, over the limit of {max_bytes}",
                                      hint="expected a smaller file")])
        raw = p.read_bytes()
    except FileNotFoundError:
        raise InputError([Problem(name, 0, 0, "no such file")]) from None
    except IsADirectoryError:
        raise InputError([Problem(name, 0, 0, "is a folder, not a file")]) from None
    except OSError as e:
        raise InputError([Problem(name, 0, 0, f"cannot read the file: {e.strerror}")]) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = raw.count(b"\n", 0, e.start) + 1
        col = e.start - (raw.rfind(b"\n", 0, e.start) + 1) + 1
        raise InputError([Problem(name, line, col, "the file is not valid UTF-8 text",
                                  hint="expected UTF-8 text")]) from None
    return load_text(text, name)
