"""The libyaml-backed composer (generator/load.py) gives exactly the node trees of PyYAML's
pure-Python safe loader: same tags, values, styles, positions and source slices; where either
refuses a text, the officer gets the pure-Python loader's explained error."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import load
from generator.frontmatter import split

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "portal"


def shape(node, out=None):
    """Everything the checker reads of a node tree, flattened."""
    out = [] if out is None else out
    if node is None:
        out.append(None)
        return out
    start, end = node.start_mark, node.end_mark
    out.append((type(node).__name__, node.tag, getattr(node, "style", None), getattr(node, "flow_style", None),
                start.line, start.column, end.line, end.column,
                node.value if isinstance(node.value, str) else len(node.value),
                start.buffer[start.index:end.index] if start.buffer is not None else None))
    for child in node.value if isinstance(node.value, list) else ():
        for part in child if isinstance(child, tuple) else (child,):
            shape(part, out)
    return out


def pure(text):
    return [shape(d) for d in yaml.compose_all(text, Loader=load._Loader)]


def fixture_texts():
    for path in sorted(FIXTURE.rglob("*")):
        if path.suffix in (".yml", ".yaml"):
            yield path.relative_to(FIXTURE).as_posix(), path.read_text(encoding="utf-8")
        elif path.suffix == ".md":
            front, offset = split(path.read_text(encoding="utf-8"))
            if front:
                yield path.relative_to(FIXTURE).as_posix(), "\n" * offset + front


@pytest.mark.parametrize("name,text", list(fixture_texts()))
def test_fast_composer_matches_the_pure_python_loader_on_real_files(name, text):
    assert load._CParser is not None, "PyYAML here has libyaml; the fast path must be tested"
    assert [shape(d) for d in load._compose_events(text)] == pure(text)


def test_the_fast_path_is_taken_for_real_files(monkeypatch):
    """A fallback that always ran would pass the comparisons above and be slow."""
    name, text = next(fixture_texts())
    monkeypatch.setattr(yaml, "compose_all", lambda *a, **k: pytest.fail("fell back to the pure-Python loader"))
    assert [shape(d) for d in load._compose_all(text)] == [shape(d) for d in load._compose_events(text)]


@pytest.mark.parametrize("depth", [load.MAX_DEPTH - 1, load.MAX_DEPTH, load.MAX_DEPTH + 1, 100_000])
def test_deep_nesting_never_crashes_and_is_reported_as_before(depth):
    """libyaml's own composer recurses in C and kills the process on deep input."""
    text = "[" * depth + "]" * depth
    node, problems = load.compose_yaml(text, "x.yml")
    if depth > load.MAX_DEPTH:  # each pair of brackets is one list inside the one before
        assert node is None and [p.message for p in problems] == [f"lists or fields are nested more than {load.MAX_DEPTH} levels deep"]
    else:
        assert problems == [] and node is not None


@pytest.mark.parametrize("text", [
    "a: &x 1\nb: *x\n", "a: *nowhere\n", "a: &x 1\nb: &x 2\n", "- a\n - b\n", "a: b: c\n",
    "a: 'unclosed\n", "a:\t1\n", "? complex\n: key\n", "!!str 12: !!int '3'\n", "a: !custom x\n",
    "--- 1\n--- 2\n", "a: 1\n...\n", "k: |\n  đường\n  dây\n", "x: \u201ctrích\u201d\n", "a: \x07\n",
    "0:\n-\n", "a:\n  b:\n  - 1\n  c: 2\n",  # a list at its field's indentation: its style unset, as PyYAML has it
])
def test_edge_cases_compose_as_the_pure_python_loader_does(text):
    try:
        expected = pure(text)
    except yaml.YAMLError as err:
        with pytest.raises(type(err)) as raised:
            load._compose_all(text)
        assert str(raised.value) == str(err)
        return
    assert [shape(d) for d in load._compose_all(text)] == expected


_YAMLISH = st.text(alphabet=list("ab đỗ:-[]{},'\"#&*!|>?\n  \t0912.") , max_size=60)


@settings(max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_YAMLISH.map(lambda text: text + "\n"))  # texts the fast path takes
def test_random_texts_pyyaml_reads_compose_identically(text):
    """Where PyYAML reads a text, the fast path gives the same tree. (Where PyYAML refuses,
    libyaml is more lenient in a few corners officers do not write, such as a comment glued to
    a block scalar's `|`, or `!x!` tags: those texts are read, not refused; every other refusal
    is PyYAML's own, explained message.)"""
    try:
        expected = pure(text)
    except yaml.YAMLError:
        try:
            load._compose_all(text)
        except yaml.YAMLError:
            pass
        return
    assert [shape(d) for d in load._compose_all(text)] == expected
