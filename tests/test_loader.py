"""The strict YAML reader: 1.2 scalars, refusals, limits and positions."""

from __future__ import annotations

import pytest

from engine.loader import load_file, load_text
from engine.problems import InputError


def problem(text: str, **kw: int) -> str:
    with pytest.raises(InputError) as e:
        load_text(text, "f.yaml", **kw)
    assert len(e.value.problems) == 1
    return e.value.problems[0].render()


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("NO", "NO"), ("No", "No"), ("ON", "ON"), ("off", "off"), ("y", "y"), ("yes", "yes"),
        ("1:30", "1:30"), ("0777", "0777"), ("2024-01-31", "2024-01-31"), (".inf", ".inf"),
        ("1e3", 1000.0), ("12", 12), ("-3", -3), ("1.5", 1.5), ("true", True),
        ("false", False), ("~", None), ("null", None), ('"12"', "12"), ("'true'", "true"),
    ],
)
def test_scalars_follow_yaml_1_2_core_and_keep_codes_as_text(text: str, value: object) -> None:
    assert load_text(f"k: {text}\n", "f.yaml").data == {"k": value}


def test_every_value_has_its_line_and_column() -> None:
    doc = load_text("a:\n  - b: 1\n    c: [x, y]\n", "f.yaml")
    assert doc.positions[("a", 0, "b")] == (2, 8)
    assert doc.positions[("a", 0, "c", 1)] == (3, 12)
    assert doc.where(("a", 0, "nope")) == (2, 5)


def test_duplicate_key_names_both_places() -> None:
    msg = problem("a: 1\nb: 2\na: 3\n")
    assert msg.startswith("f.yaml:3:1: duplicate key 'a' (first defined at line 1, column 1)")


@pytest.mark.parametrize(
    ("text", "where", "words"),
    [
        ("a: &x 1\nb: *x\n", "f.yaml:1:4:", "anchors"),
        ("a: [1]\nb: *x\n", "f.yaml:2:4:", "aliases"),
        ("a: !!python/object/apply:os.system [ls]\n", "f.yaml:1:4:", "tag"),
        ("a: !custom x\n", "f.yaml:1:4:", "tag"),
        ("%YAML 1.1\n---\na: NO\n", "f.yaml:1:1:", "directives"),
        ("a: 1\n---\nb: 2\n", "f.yaml:2:1:", "more than one YAML document"),
        ("<<: {a: 1}\n", "f.yaml:1:1:", "merge keys"),
        ("? [a, b]\n: 1\n", "f.yaml:1:3:", "key must be a plain text"),
        ("", "f.yaml:1:1:", "empty"),
        ("a: [1, 2\n", "f.yaml:2:1:", "malformed YAML"),
        ("a: b: c\n", "f.yaml:1:5:", "malformed YAML"),
        ("a: \x07\n", "f.yaml:1:4:", "U+0007"),
    ],
)
def test_refusals_name_file_line_and_column(text: str, where: str, words: str) -> None:
    msg = problem(text)
    assert msg.startswith(where), msg
    assert words in msg


def test_alias_bomb_is_refused_before_it_expands() -> None:
    bomb = "a: &a [x, x]\n" + "".join(
        f"{c}: &{c} [*{p}, *{p}, *{p}]\n" for p, c in zip("abcdefgh", "bcdefghi", strict=True))
    assert "anchors" in problem(bomb)


def test_depth_and_node_limits() -> None:
    assert "deeper than 5 levels" in problem("a: " + "[" * 10 + "]" * 10 + "\n", max_depth=5)
    assert "more than 50 values" in problem(
        "a: [" + ", ".join(["1"] * 100) + "]\n", max_nodes=50)


def test_oversized_and_non_utf8_files(tmp_path) -> None:
    big = tmp_path / "big.yaml"
    big.write_text("a: " + "x" * 2000 + "\n")
    with pytest.raises(InputError) as e:
        load_file(big, max_bytes=1000)
    assert "over the limit" in e.value.problems[0].render()
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(b"a: 1\nb: \xff\xfe\n")
    with pytest.raises(InputError) as e:
        load_file(bad)
    assert e.value.problems[0].render().startswith(f"{bad}:2:4: the file is not valid UTF-8")


def test_missing_file_and_folder(tmp_path) -> None:
    with pytest.raises(InputError) as e:
        load_file(tmp_path / "nope.yaml")
    assert "no such file" in e.value.problems[0].render()
    with pytest.raises(InputError) as e:
        load_file(tmp_path)
    assert "folder" in e.value.problems[0].render()
