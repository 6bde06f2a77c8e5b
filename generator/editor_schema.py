"""JSON Schemas of every content kind, generated from the checker's own declarations.

Each kind in the registry (kinds/registry.py) names the Record its files are checked against;
each schema type says what it accepts as JSON Schema (`Type.json_schema`), and fielddocs.py
gives every field its Vietnamese label and help. `schemas()` walks those declarations into one
JSON Schema (draft-07, what VS Code's YAML extension reads best) per kind: YAML data files
and Markdown front matter alike. `cchc schemas` writes them, with the VS Code settings that
map each YAML file to its schema, into the committed `.vscode/` folder;
tests/test_editor_schema.py fails when the committed files differ from what this module
makes now (regenerate with `cchc schemas`).

VS Code's YAML extension validates .yml files only, not the front matter of Markdown files;
the front-matter schemas serve the web editor (cms.py) and other tools.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from . import fielddocs
from .kinds.base import Kind
from .kinds.registry import KINDS
from .schema import Either, Field, ListOf, Record, TextOrList, Type

DRAFT = "http://json-schema.org/draft-07/schema#"
SCHEMA_DIR = ".vscode/schemas"  # relative to the project root
YAML_EXTENSION = "redhat.vscode-yaml"


@dataclass(frozen=True)
class FieldInfo:
    """One field of a kind's files, as the walker finds it."""

    path: str  # dotted, list items add no segment: "issuer.level", "channels.fee"
    field: Field
    label: str
    help: str
    required: bool  # required where it appears (inside its enclosing set of fields)


def fields(kind: Kind) -> Iterator[FieldInfo]:
    """Every field of the kind's files, outermost first, each nested set of fields once
    (a set of fields nested in itself, such as a plan's sections, is not walked again)."""

    def walk(type_: Type, path: str, seen: frozenset):
        if isinstance(type_, Record):
            if id(type_) in seen:
                return
            for name, spec in type_.fields.items():
                sub = f"{path}.{name}" if path else name
                label, help_ = fielddocs.describe(kind.name, sub)
                yield FieldInfo(sub, spec, label, help_, spec.required)
                yield from walk(spec.type, sub, seen | {id(type_)})
        elif isinstance(type_, ListOf):
            yield from walk(type_.item, path, seen)
        elif isinstance(type_, Either):
            yield from walk(type_.mapping, path, seen)
        elif isinstance(type_, TextOrList):
            return

    yield from walk(kind.record, "", frozenset())


class _Builder:
    """Turns one kind's Record into a JSON Schema. A set of fields that contains itself
    (sections in sections) goes to `definitions` and is referred to by name."""

    def __init__(self, kind: Kind):
        self.kind = kind
        self.definitions: dict[str, dict] = {}
        self.names: dict[int, str] = {}
        self.open: list[int] = []  # records being converted, outermost first
        self.recursive: set[int] = set()

    def convert(self, type_: Type, path: str) -> dict:
        child = lambda inner, key: self.child(inner, path, key)  # noqa: E731 - one use, reads best here
        if not isinstance(type_, Record):
            return type_.json_schema(child)
        key = id(type_)
        if key in self.open:
            self.recursive.add(key)
            return {"$ref": f"#/definitions/{self.names[key]}"}
        if key not in self.names:
            base = path.rsplit(".", 1)[-1] or "root"
            name, n = base, 2
            while name in self.names.values():
                name, n = f"{base}{n}", n + 1
            self.names[key] = name
        self.open.append(key)
        schema = type_.json_schema(child)
        self.open.pop()
        if key in self.recursive:
            self.definitions[self.names[key]] = schema
            return {"$ref": f"#/definitions/{self.names[key]}"}
        return schema

    def child(self, type_: Type, path: str, key: str) -> dict:
        sub = f"{path}.{key}" if path and key else (key or path)
        schema = self.convert(type_, sub)
        if not key:  # a list's items: described by the list's field
            return schema
        label, help_ = fielddocs.describe(self.kind.name, sub)
        extra = fielddocs.format_help(type_)
        described = {"allOf": [schema]} if "$ref" in schema else dict(schema)
        described["title"] = label
        described["description"] = " ".join(part for part in (help_, extra) if part) or label
        return described


def json_schema(kind: Kind) -> dict:
    """The JSON Schema of one kind's files (its front matter, or its YAML data)."""
    builder = _Builder(kind)
    body = builder.convert(kind.record, "")
    title, description = fielddocs.KINDS.get(kind.name, (kind.label or kind.name, ""))
    schema = {"$schema": DRAFT, "title": title, "description": description, **body}
    if builder.definitions:
        schema["definitions"] = dict(sorted(builder.definitions.items()))
    return schema


def file_globs(kind: Kind, content: str = "content", plans: str = "plans") -> list[str]:
    """Where the kind's files are, as globs from the project root (VS Code's `yaml.schemas`)."""
    base = plans if kind.in_plans else content
    folder = f"{base}/{kind.folder}".rstrip("/")
    return [f"{folder}/{pattern}" for pattern in kind.patterns]


def schema_name(kind: Kind) -> str:
    return f"{kind.name}.schema.json"


def schemas() -> dict[str, dict]:
    """File name -> JSON Schema, for every kind."""
    return {schema_name(kind): json_schema(kind) for kind in KINDS}


def vscode_settings() -> dict:
    """`.vscode/settings.json`: each YAML data file kind's files mapped to its schema."""
    mapping = {f"./{SCHEMA_DIR}/{schema_name(kind)}": file_globs(kind) for kind in KINDS if kind.data}
    return {
        "yaml.schemas": mapping,
        "yaml.validate": True,
        "yaml.completion": True,
        "yaml.hover": True,
        "yaml.format.enable": False,  # the officers' layout and comments stay as written
        "files.encoding": "utf8",
        "files.insertFinalNewline": True,
        "[yaml]": {"editor.insertSpaces": True, "editor.tabSize": 2, "editor.autoIndent": "keep"},
    }


def vscode_extensions() -> dict:
    return {"recommendations": [YAML_EXTENSION]}


def dumps(data: dict) -> str:
    """JSON as committed: stable key order as built, Vietnamese kept readable, one final newline."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def generated_files() -> dict[str, str]:
    """Project-relative path -> text of every file `cchc schemas` writes."""
    files = {f"{SCHEMA_DIR}/{name}": dumps(schema) for name, schema in schemas().items()}
    files[".vscode/settings.json"] = dumps(vscode_settings())
    files[".vscode/extensions.json"] = dumps(vscode_extensions())
    return files


def write(root: Path) -> list[str]:
    """Write the generated files under `root`; returns the paths that changed."""
    changed = []
    for rel, text in generated_files().items():
        path = root / rel
        if path.is_file() and path.read_text(encoding="utf-8") == text:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
        changed.append(rel)
    return changed
