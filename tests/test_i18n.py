"""Every message of `cchc` exists in both languages: the English msgid in the code and its
Vietnamese in the catalogue (generator/locale/vi/LC_MESSAGES/cchc.po).
Officers read Vietnamese by default; `--lang en` or CCHC_LANG=en gives the msgids.
Also: the check's summary of what is scheduled and what is a draft, and MkDocs' own
warnings in our words."""
from __future__ import annotations

import ast
import logging
import re
import string
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from generator import i18n, mkdocs_log

from .conftest import ROOT, run_cchc
from .test_inventory import ARTICLE, PLAN, portal

GENERATOR = ROOT / "generator"
KEYWORDS = {"_": None, "_n": (1, 2)}


def code_msgids() -> dict:
    """msgid (a tuple for `_n`) -> where it is first used, as Babel's extractor finds them."""
    found: dict = {}
    for filename, line, message, _comments, _context in extract_from_dir(str(GENERATOR), method_map=[("**.py", "python")], keywords=KEYWORDS):
        found.setdefault(message, f"generator/{filename}:{line}")
    return found


def catalogue_entries() -> list:
    """Every message of the catalogue, and every .po file beside it (there must be none)."""
    entries = []
    for path in sorted(i18n.CATALOGUE_DIR.glob("*.po")):
        with path.open("rb") as handle:
            entries += [(path.name, m) for m in read_po(handle, locale="vi") if m.id]
    return entries


def test_the_catalogue_is_one_file():
    """What the generator reads (i18n.CATALOGUE) is all there is: a second .po file beside it
    would satisfy the tests below without ever reaching an officer."""
    assert sorted(p.name for p in i18n.CATALOGUE_DIR.glob("*.po")) == [i18n.CATALOGUE.name]


def fields(text: str) -> set[str]:
    """The named `{fields}` of a message ("{ }" and "{when: monthly}" are text, not fields),
    and the %-fields of argparse's own messages (cli.py)."""
    named = {name for _, name, _, _ in string.Formatter().parse(text) if name and re.fullmatch(r"\w+", name)} if re.search(r"\{\w+\}", text) else set()
    return named | set(re.findall(r"%\(\w+\)[sr]|%[sr]", text))


def test_the_code_has_messages_to_translate():
    msgids = code_msgids()
    assert len(msgids) > 300  # every message of the check, build and serve
    assert "unknown field" in msgids and ("{count} problem found in the content:", "{count} problems found in the content:") in msgids


def test_every_msgid_has_a_vietnamese_translation():
    translated = {m.id: m for _, m in catalogue_entries() if not m.fuzzy}
    missing = []
    for msgid, where in code_msgids().items():
        message = translated.get(msgid)
        text = message.string if message else None
        if isinstance(text, (tuple, list)):
            text = text[0] if text else ""
        if not text or not text.strip():
            missing.append(f"{where}: {msgid!r}")
    assert missing == []


def test_no_catalogue_entry_is_unused_fuzzy_or_repeated():
    used = set(code_msgids())
    entries = catalogue_entries()
    assert [f"{name}: {m.id!r}" for name, m in entries if m.id not in used] == []
    assert [f"{name}: {m.id!r}" for name, m in entries if m.fuzzy] == []
    ids = [m.id for _, m in entries]
    assert sorted({repr(i) for i in ids if ids.count(i) > 1}) == []


def test_translations_keep_the_fields_of_their_msgid():
    wrong = []
    for name, message in catalogue_entries():
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        texts = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set().union(*(fields(i) for i in ids))
        for text in texts:
            if fields(text) != wanted:
                wrong.append(f"{name}: {message.id!r}: {sorted(fields(text))} != {sorted(wanted)}")
            elif wanted and not any(f.startswith("%") for f in wanted):
                text.format(**{f: "x" for f in wanted})  # no stray brace
    assert wrong == []


def _calls(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_", "_n"):
            yield node


def test_msgids_are_literal_strings_never_built_at_run_time():
    wrong = []
    for path in sorted(GENERATOR.rglob("*.py")):
        for call in _calls(ast.parse(path.read_text(encoding="utf-8"))):
            literal = 2 if call.func.id == "_n" else 1
            args = call.args[:literal]
            if len(args) < literal or not all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in args):
                wrong.append(f"{path.relative_to(ROOT)}:{call.lineno}: {ast.unparse(call)[:80]}")
    assert wrong == []


def test_no_message_is_made_at_import_time():
    """A message made when a module is imported would stay in the language of that moment,
    before `--lang` is read: every `_()` is inside a function."""
    wrong = []

    def visit(node, inside: bool, path: Path):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.Call) and isinstance(child.func, ast.Name) and child.func.id in ("_", "_n") and not inside:
                wrong.append(f"{path.relative_to(ROOT)}:{child.lineno}")
            visit(child, inside or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)), path)

    for path in sorted(GENERATOR.rglob("*.py")):
        visit(ast.parse(path.read_text(encoding="utf-8")), False, path)
    assert wrong == []


def _own_nodes(function):
    """The nodes of a function's own scope (not of functions, lambdas or comprehensions in it)."""
    stack = list(ast.iter_child_nodes(function))
    while stack:
        node = stack.pop()
        yield node
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp, ast.ClassDef)):
            stack.extend(ast.iter_child_nodes(node))


def test_no_function_hides_the_translation_function_behind_a_variable():
    """`for _, x in …` in a function that also calls `_()` would make `_` a local there."""
    wrong = []
    for path in sorted(GENERATOR.rglob("*.py")):
        for function in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            own = list(_own_nodes(function))
            args = function.args
            params = [a.arg for a in args.posonlyargs + args.args + args.kwonlyargs] + [a.arg for a in (args.vararg, args.kwarg) if a]
            stores = "_" in params or any(isinstance(n, ast.Name) and n.id == "_" and isinstance(n.ctx, ast.Store) for n in own)
            calls = any(isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id in ("_",) for n in own)
            if stores and calls:
                wrong.append(f"{path.relative_to(ROOT)}:{function.lineno}: {function.name}")
    assert wrong == []


def test_the_language_is_chosen_by_cchc_lang(monkeypatch):
    monkeypatch.setenv("CCHC_LANG", "vi")
    assert i18n._("unknown field") == "không có trường này"
    assert i18n._n("{count} problem found in the content:", "{count} problems found in the content:", 3, count=3) == "Tìm thấy 3 lỗi trong nội dung:"
    monkeypatch.setenv("CCHC_LANG", "en")
    assert i18n._("unknown field") == "unknown field"
    assert i18n._n("{count} warning:", "{count} warnings:", 1, count=1) == "1 warning:"
    monkeypatch.delenv("CCHC_LANG")
    assert i18n.language() == "vi"


# --- `cchc check` end to end ------------------------------------------------------------------

TYPO = PLAN.replace("period: 2026\n", "period: 2026\nrecipents: [Các phòng]\n")
TYPO_LINE = PLAN.splitlines().index("period: 2026") + 2


def test_check_speaks_vietnamese_by_default(tmp_path, monkeypatch):
    portal(tmp_path, {"plans/2026-xa-mau-15.yml": TYPO})
    monkeypatch.delenv("CCHC_LANG")
    result = run_cchc(tmp_path, "check")
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[0] == "Tìm thấy 1 lỗi trong nội dung:"
    assert lines[1] == f'plans/2026-xa-mau-15.yml:{TYPO_LINE}:1: recipents: không có trường này (có phải ý bạn là "recipients"?)'


@pytest.mark.parametrize("how", ["option", "option after the command", "variable"])
def test_check_speaks_english_when_asked(tmp_path, monkeypatch, how):
    portal(tmp_path, {"plans/2026-xa-mau-15.yml": TYPO})
    monkeypatch.setenv("CCHC_LANG", "en" if how == "variable" else "vi")
    args = {"option": ("--lang", "en", "check"), "option after the command": ("check", "--lang", "en"), "variable": ("check",)}[how]
    result = run_cchc(tmp_path, *args)
    assert result.returncode == 1
    assert result.stderr.splitlines()[:2] == [
        "1 problem found in the content:",
        f'plans/2026-xa-mau-15.yml:{TYPO_LINE}:1: recipents: unknown field (did you mean "recipients"?)',
    ]


def test_an_unknown_language_is_refused_with_the_choices(tmp_path):
    portal(tmp_path, {})
    result = run_cchc(tmp_path, "--lang", "fr", "check")
    assert result.returncode == 2 and "invalid choice: 'fr'" in result.stderr


def test_argparse_speaks_vietnamese_too(tmp_path, monkeypatch):
    monkeypatch.delenv("CCHC_LANG")
    result = run_cchc(tmp_path, "chek")
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1].startswith("cchc: lỗi: tham số COMMAND: không có lựa chọn 'chek' (hãy chọn một trong: 'check', ")


# --- the check's summary ------------------------------------------------------------------------

def _waiting_portal(root: Path) -> Path:
    """Today is 2026-11-22 (conftest.BUILD_DATE): one article out, one dated later, one
    published later by `publish:`, one draft."""
    return portal(root, {
        "plans/2026-xa-mau-15.yml": PLAN,
        "content/tin-tuc/2026/da-dang.md": ARTICLE.format(title="Đã đăng", extra=""),
        "content/tin-tuc/2026/hen-ngay.md": ARTICLE.format(title="Hẹn ngày", extra="").replace("date: 2026-03-15 08:30", "date: 2026-12-01"),
        "content/tin-tuc/2026/hen-gio.md": ARTICLE.format(title="Hẹn giờ", extra="publish: 2026-11-30 07:30\n"),
        "content/tin-tuc/2026/nhap.md": ARTICLE.format(title="Nháp", extra="draft: true\n"),
    })


def test_check_names_what_is_scheduled_and_what_is_a_draft(tmp_path):
    result = run_cchc(_waiting_portal(tmp_path), "--lang", "en", "check")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "OK: 1 plan, 4 articles checked, no problems.",
        "2 items are scheduled for later; each is published on its date:",
        "  content/tin-tuc/2026/hen-gio.md: on 30/11/2026 07:30",
        "  content/tin-tuc/2026/hen-ngay.md: on 01/12/2026",
        "1 draft, not published until you remove `draft: true`:",
        "  content/tin-tuc/2026/nhap.md",
    ]


def test_the_summary_in_vietnamese_and_after_problems_too(tmp_path, monkeypatch):
    _waiting_portal(tmp_path)
    monkeypatch.delenv("CCHC_LANG")
    ok = run_cchc(tmp_path, "check")
    assert ok.returncode == 0
    assert ok.stdout.splitlines()[0] == "ĐẠT: đã kiểm tra 1 kế hoạch, 4 bài tin tức, không có lỗi nào."
    assert "  content/tin-tuc/2026/hen-ngay.md: đăng ngày 01/12/2026" in ok.stdout.splitlines()
    (tmp_path / "plans" / "2026-xa-mau-16.yml").write_text(TYPO, encoding="utf-8")
    failed = run_cchc(tmp_path, "check")
    assert failed.returncode == 1
    assert "1 bản nháp, chưa được đăng cho đến khi bạn xoá dòng `draft: true`:" in failed.stdout.splitlines()


def test_the_ok_line_counts_every_kind_of_the_registry():
    from generator.kinds.registry import KINDS
    from generator.summary import counts

    class Corpus:
        pass

    corpus = Corpus()
    for n, kind in enumerate(KINDS, 1):
        setattr(corpus, kind.name, [object()] * n)
    text = counts(corpus)
    assert len(text.split(", ")) == len(KINDS)
    order = {kind.name: n for n, kind in enumerate(KINDS, 1)}
    assert f"{order['quizzes']} quizzes" in text and f"{order['articles']} articles" in text
    assert f"{order['documents']} legal documents" in text


# --- MkDocs' own warnings -----------------------------------------------------------------------

PAGE = "# Trang\n\nĐọc [kế hoạch](ke-hoach/cu.md) và [mục](#khong-co).\n"


LINK_COL = PAGE.splitlines()[2].index("](ke-hoach/cu.md") + 3  # 1-based column of the address
ANCHOR_COL = PAGE.splitlines()[2].index("](#khong-co") + 3


def _source(src: str):
    return f"content/{src}", PAGE if src == "gioi-thieu.md" else None


def test_a_broken_link_warning_names_the_file_and_line(monkeypatch):
    monkeypatch.setenv("CCHC_LANG", "en")
    message = ("Doc file 'gioi-thieu.md' contains a link 'ke-hoach/cu.md', but the target 'ke-hoach/cu.md' is not found "
               "among documentation files. Did you mean 'ke-hoach/moi.md'?")
    assert mkdocs_log.officers_message(message, _source) == (
        f'content/gioi-thieu.md:3:{LINK_COL}: link: ke-hoach/cu.md: there is no content/ke-hoach/cu.md (did you mean "ke-hoach/moi.md"?)')
    monkeypatch.setenv("CCHC_LANG", "vi")
    assert mkdocs_log.officers_message(message, _source) == (
        f'content/gioi-thieu.md:3:{LINK_COL}: link: ke-hoach/cu.md: không có tệp content/ke-hoach/cu.md (có phải ý bạn là "ke-hoach/moi.md"?)')
    anchor = "Doc file 'gioi-thieu.md' contains a link '#khong-co', but there is no such anchor on this page."
    assert mkdocs_log.officers_message(anchor, _source) == (
        f"content/gioi-thieu.md:3:{ANCHOR_COL}: link: #khong-co: trang này không có đề mục nào mang neo #khong-co")


def test_warnings_our_checks_make_are_dropped_and_others_pass_unchanged():
    omitted = 'The following pages exist in the docs directory, but are not included in the "nav" configuration:\n  - a.md'
    assert mkdocs_log.officers_message(omitted, _source) is None
    skipped = "Page skipped: 'x.md'. Generated empty output."
    assert mkdocs_log.officers_message(skipped, _source) == skipped


def test_progress_lines_of_build_and_serve_speak_vietnamese(monkeypatch):
    monkeypatch.setenv("CCHC_LANG", "vi")
    assert mkdocs_log.officers_message("Documentation built in 1.25 seconds", _source) == "Đã dựng xong trang trong 1.25 giây"
    assert mkdocs_log.officers_message("Serving on http://127.0.0.1:8000/", _source) == "Đang xem trước tại http://127.0.0.1:8000/"


def test_the_filter_rewrites_records_before_handlers_see_them(caplog, monkeypatch):
    monkeypatch.setenv("CCHC_LANG", "en")
    logger = logging.getLogger("mkdocs.structure.pages")
    installed = mkdocs_log.install(_source)
    try:
        mkdocs_log.install(_source)  # a second build of `serve` replaces the filter, never stacks it
        assert sum(isinstance(f, mkdocs_log.OfficersFilter) for f in logger.filters) == 1
        with caplog.at_level(logging.INFO, logger="mkdocs.structure.pages"):
            logger.warning("Doc file '%s' contains a link '%s', but the target is not found among documentation files.", "gioi-thieu.md", "ke-hoach/cu.md")
            logger.info('The following pages exist in the docs directory, but are not included in the "nav" configuration:\n  - x.md')
        assert [r.getMessage() for r in caplog.records] == [f"content/gioi-thieu.md:3:{LINK_COL}: link: ke-hoach/cu.md: there is no content/ke-hoach/cu.md"]
        assert caplog.records[0].levelno == logging.WARNING  # still counted by --strict
    finally:
        for name in mkdocs_log.LOGGERS:
            for f in [f for f in logging.getLogger(name).filters if isinstance(f, mkdocs_log.OfficersFilter)]:
                logging.getLogger(name).removeFilter(f)
        del installed


def test_build_reports_a_missing_nav_page_in_our_words(tmp_path):
    portal(tmp_path, {"plans/2026-xa-mau-15.yml": PLAN})
    config = tmp_path / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("nav:\n", "nav:\n  - Không có: khong-co.md\n", 1), encoding="utf-8")
    result = run_cchc(tmp_path, "--lang", "en", "build")
    assert result.returncode == 1
    assert "mkdocs.yml: nav: khong-co.md is not a published page of content/" in result.stderr
    assert "is included in the 'nav' configuration" not in result.stderr
    assert result.stderr.rstrip().endswith("Build failed: nothing was published.")
