"""The editors' JSON Schemas (generator/editor_schema.py): generated from the checker's own
declarations, committed under .vscode/ and never stale, accepting every file of the fixture
portal and refusing mistakes the checker refuses."""
from __future__ import annotations

import copy
import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from generator import editor_schema, fielddocs
from generator.kinds.base import matches
from generator.kinds.registry import KINDS
from generator.load import load_yaml_file
from generator.schema import INVALID, Context
from tests.conftest import FIXTURE, ROOT

REGENERATE = "regenerate them with `cchc schemas` (or .venv/bin/cchc schemas) and commit .vscode/"
KIND = {kind.name: kind for kind in KINDS}


class Yaml12Loader(yaml.SafeLoader):
    """Reads YAML roughly as VS Code's YAML extension does (YAML 1.2 core schema): dates stay
    text, and only true/false are booleans (`yes`, `on` are text)."""


Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
Yaml12Loader.add_implicit_resolver("tag:yaml.org,2002:bool", __import__("re").compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


def read_yaml(text: str):
    return yaml.load(text, Loader=Yaml12Loader)


def front_matter(text: str) -> str:
    assert text.startswith("---\n"), "every Markdown file of the fixture's kinds has front matter"
    return text[4:].split("\n---", 1)[0]


def kind_files(kind, root: Path = FIXTURE) -> list[Path]:
    base = root / ("plans" if kind.in_plans else "content") / kind.folder
    return sorted(p for p in base.rglob("*") if p.is_file() and kind.owns(p.relative_to(base).as_posix())) if base.is_dir() else []


def document(kind, file: Path):
    text = file.read_text(encoding="utf-8-sig")
    return read_yaml(text if kind.data else front_matter(text))


def validator(kind) -> jsonschema.Draft7Validator:
    schema = editor_schema.json_schema(kind)
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


def checker_problems(kind, data, tmp_path: Path) -> list[str]:
    """What the checker's record says of `data` written as a YAML file (its shape only: the
    checks across fields and files run later and are not the schema's business)."""
    file = tmp_path / "case.yml"
    file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    node, problems = load_yaml_file(file, "case.yml")
    assert node is not None and not problems
    ctx = Context("case.yml")
    kind.record.check(node, "", ctx)
    return [str(p) for p in ctx.problems]


# --- generated, committed, never stale -------------------------------------------------------------

def test_committed_files_are_what_the_generator_makes_now():
    for rel, text in editor_schema.generated_files().items():
        path = ROOT / rel
        assert path.is_file(), f"{rel} is missing: {REGENERATE}"
        assert path.read_text(encoding="utf-8") == text, f"{rel} is out of date: {REGENERATE}"
    committed = {p.relative_to(ROOT).as_posix() for p in (ROOT / editor_schema.SCHEMA_DIR).glob("*.json")}
    assert committed <= set(editor_schema.generated_files()), f"stale schema files in {editor_schema.SCHEMA_DIR}: {REGENERATE}"


def test_cchc_schemas_writes_the_files(tmp_path):
    from generator.cli import main

    assert main(["schemas", str(tmp_path)]) == 0
    written = {p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()}
    assert written == set(editor_schema.generated_files())
    assert editor_schema.write(tmp_path) == []  # a second run changes nothing


def test_every_kind_has_a_schema_and_vscode_maps_each_yaml_kind_to_it():
    assert all(kind.record is not None for kind in KINDS)
    assert set(editor_schema.schemas()) == {f"{kind.name}.schema.json" for kind in KINDS}
    mapping = editor_schema.vscode_settings()["yaml.schemas"]
    for kind in KINDS:
        globs = mapping.get(f"./{editor_schema.SCHEMA_DIR}/{kind.name}.schema.json")
        if not kind.data:  # front matter: the YAML extension does not read Markdown files
            assert globs is None
            continue
        for file in kind_files(kind):
            rel = file.relative_to(FIXTURE).as_posix()
            assert any(_glob_matches(rel, g) for g in globs), f"{rel} is not mapped to {kind.name}"
    assert editor_schema.vscode_extensions() == {"recommendations": ["redhat.vscode-yaml"]}


def _glob_matches(rel: str, glob: str) -> bool:
    head = glob.split("*", 1)[0]
    return rel.startswith(head) and matches(rel[len(head):], glob[len(head):])


def test_every_field_has_a_vietnamese_label_and_help():
    for kind in KINDS:
        for info in editor_schema.fields(kind):
            assert fielddocs.documented(kind.name, info.path), f"{kind.name}: {info.path} has no entry in generator/fielddocs.py"
            assert info.label and info.help
    schema = editor_schema.json_schema(KIND["hotlines"])
    assert schema["title"] == "Đường dây nóng"
    assert schema["properties"]["phones"]["title"] == "Số điện thoại"
    assert schema["properties"]["last_verified"]["description"].endswith("Viết năm-tháng-ngày, ví dụ 2026-11-28.")


def test_required_fields_and_choices_come_from_the_checker():
    schema = editor_schema.json_schema(KIND["procedures"])
    record = KIND["procedures"].record
    assert schema["required"] == [name for name, spec in record.fields.items() if spec.required]
    assert schema["additionalProperties"] is False
    assert schema["properties"]["level"]["enum"] == ["bo", "tinh", "huyen", "xa"]
    assert schema["properties"]["level"]["enumDescriptions"] == ["Cấp bộ", "Cấp tỉnh", "Cấp huyện", "Cấp xã"]
    plan = editor_schema.json_schema(KIND["plans"])  # sections hold sections: by reference
    assert plan["definitions"]["sections"]["properties"]["sections"]["items"] == {"$ref": "#/definitions/sections"}


# --- the fixture portal is accepted ---------------------------------------------------------------

@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.name)
def test_schema_accepts_every_fixture_file(kind):
    files = kind_files(kind)
    check = validator(kind)
    for file in files:
        errors = [f"{'.'.join(map(str, e.absolute_path))}: {e.message}" for e in check.iter_errors(document(kind, file))]
        assert not errors, f"{file.relative_to(FIXTURE)}: {errors}"


def test_the_fixture_has_files_of_the_main_kinds():
    for name in ("plans", "articles", "episodes", "series", "activities", "procedures", "hotlines", "feedback"):
        assert kind_files(KIND[name]), name


# --- mistakes the checker refuses are refused -----------------------------------------------------

def _first(kind_name: str):
    kind = KIND[kind_name]
    return kind, document(kind, kind_files(kind)[0])


def _set(data: dict, path: str, value):
    *head, last = path.split(".")
    for key in head:
        data = data[key]
    if value is _DELETE:
        del data[last]
    else:
        data[last] = value


_DELETE = object()
MISTAKES = [
    ("plans", "title", _DELETE, "is missing"),
    ("plans", "titel", "Kế hoạch", "unknown field"),
    ("plans", "issuer.level", "quan", "unknown value"),
    ("plans", "date", "2021/02/15", "is not a date"),
    ("plans", "date", "2021-02-30x", "is not a date"),
    ("plans", "sections", "Mục đích", "expected a list"),
    ("hotlines", "level", "phuong", "unknown value"),
    ("hotlines", "phones", [["0299 3821 234"]], "expected"),
    ("hotlines", "pinned", "có", "expected true or false"),
    ("hotlines", "last_verified", "28-11-2026", "is not a date"),
    ("feedback", "topic", "thu_tuc", "unknown value"),
    ("feedback", "question", _DELETE, "is missing"),
    ("feedback", "answer.date", "hôm qua", "is not a date"),
    ("articles", "areas", ["cai_cach"], "unknown value"),
    ("articles", "date", "2026-11-28 25:00", "no valid time of day"),
    ("articles", "summary", {"text": "x"}, "expected text"),
    ("activities", "participants", "nhiều", "expected a whole number"),
    ("activities", "kind", "hop", "unknown value"),
    ("procedures", "code", "1.00119", "is not a procedure code"),
    ("procedures", "online_url", "http://dichvucong.gov.vn", "is not a secure web address"),
    ("episodes", "audio", ["a.mp3"], "expected text"),
    ("series", "channel", "bao", "unknown value"),
]


@pytest.mark.parametrize("kind_name, path, value, message", MISTAKES, ids=lambda v: str(v)[:20] if isinstance(v, str) else "")
def test_schema_refuses_what_the_checker_refuses(kind_name, path, value, message, tmp_path):
    kind, data = _first(kind_name)
    wrong = copy.deepcopy(data)
    if path == "answer.date" and "answer" not in wrong:
        pytest.fail("the first fixture feedback has an answer")
    _set(wrong, path, value)
    assert validator(kind).is_valid(data)
    assert not validator(kind).is_valid(wrong), f"the schema accepts {path}: {value!r}"
    problems = checker_problems(kind, wrong, tmp_path)
    assert any(message in p for p in problems), problems
    assert not checker_problems(kind, data, tmp_path)  # the unmutated file passes the same record


def test_committed_settings_are_valid_json_with_relative_schema_paths():
    settings = json.loads((ROOT / ".vscode/settings.json").read_text(encoding="utf-8"))
    for path in settings["yaml.schemas"]:
        assert path.startswith("./.vscode/schemas/") and (ROOT / path).is_file()


def test_a_question_needs_two_to_six_choices_in_both(tmp_path):
    kind = KIND["quizzes"]  # the fixture portal has no quiz: one written here
    question = {"question": "Hỏi?", "choices": ["Một", "Hai"], "answer": 1, "explanation": "Vì.", "source": "/"}
    quiz = {"title": "Hội thi", "description": "Tìm hiểu.", "questions": [question]}
    assert validator(kind).is_valid(quiz) and not checker_problems(kind, quiz, tmp_path)
    for choices, message in ((["Một"], "has 1 choice"), ([str(i) for i in range(7)], "has 7 choices")):
        wrong = copy.deepcopy(quiz)
        wrong["questions"][0]["choices"] = choices
        assert not validator(kind).is_valid(wrong)
        assert any(message in p for p in checker_problems(kind, wrong, tmp_path))
