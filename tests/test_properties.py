"""Property tests: whatever an officer types into any field of any kind, `cchc check` reports
problems and never raises (issue 9, requirement 6).

Each kind has a small valid fixture. An example puts one random value (YAML scalars of
every type, huge numbers, non-ASCII digits, control characters, curly quotes, nested lists
and mappings, or raw text pasted into the YAML unquoted) at one path of that kind's schema,
writes the file into a fixture portal in a temp dir and runs the real loaders in process.
Anything but a list of well-formed Problems fails. When the value is accepted, the pages
are assembled too, so what validation lets through cannot crash the build either.
"""
from __future__ import annotations

import copy
import datetime as dt
import tempfile
import unicodedata
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import pages
from generator.content import load_corpus
from generator.errors import ContentError, Location, Problem
from generator.kinds.activity import ACTIVITY
from generator.kinds.article import ARTICLE
from generator.kinds.feedback import FEEDBACK
from generator.kinds.hotline import HOTLINE
from generator.kinds.plan import PLAN
from generator.kinds.procedure import PROCEDURE
from generator.kinds.series import EPISODE, SERIES
from generator.schema import Either, ListOf, Record, TextOrList
from generator.timeframe import TimeframeType

TODAY = dt.date(2026, 11, 22)

# --- valid fixtures, one per kind --------------------------------------------------------------

PLAN_DOC = {
    "type": "ke_hoach", "number": "15/KH-UBND",
    "issuer": {"name": "Ủy ban nhân dân thành phố Sóc Trăng", "level": "tinh", "parent": "Tỉnh Sóc Trăng", "short": "UBND TP"},
    "place": "Sóc Trăng", "date": "2021-02-15", "title": "Tuyên truyền cải cách hành chính năm 2021", "period": "2021",
    "attached_to": "Kèm theo", "legal_bases": ["Căn cứ Luật"], "preamble": "Ủy ban ban hành",
    "sections": [{
        "no": "I.", "heading": "Mục đích", "kind": "objectives", "text": "Nâng cao", "marker": "-",
        "items": ["Một", {"no": "1.", "title": "Hai", "lead": "Sở", "coordinating": "Phòng", "content": ["a"], "products": "b",
                          "timeframe": "2021-03", "labels": {"lead": "Chủ trì"}, "items": ["c"]}],
        "targets": [{"text": "95% hồ sơ", "value": 95, "unit": "%", "who": "Sở", "by": "2021"}],
        "after": "Sau", "request": False, "reform_area": "the_che", "timeframe": "2021",
        "sections": [{"heading": "Con", "kind": "timeline", "timeframe": "by 2021-11"}],
    }],
    "closing": "Trên đây", "recipients": ["Như trên"], "signer": {"authority": "TM. UBND", "title": "CHỦ TỊCH", "name": "A"},
    "appendix": {"heading": "Phụ lục", "title": "Nhiệm vụ", "attached_to": "Kèm theo", "columns": {"no": "TT"},
                 "tasks": [{"no": "1", "content": "Tuyên truyền", "lead": "Sở", "coordinating": ["Phòng"], "products": "Tin",
                            "timeframe": {"when": "monthly", "count": 2, "unit": "tin", "label": "Hằng tháng"}},
                           {"no": "2", "content": ["Hội nghị"], "lead": "Sở", "timeframe": "before 2021-11"}]},
    "approval": {"number": "20/QĐ-UBND", "date": "2021-02-10", "title": "Phê duyệt", "place": "Sóc Trăng", "authority": "UBND",
                 "legal_bases": ["Căn cứ"], "articles": [{"no": "Điều 1.", "text": "Phê duyệt"}], "recipients": ["Như Điều 3"],
                 "signer": {"title": "CHỦ TỊCH"}},
    "source": {"file": "a.pdf", "discrepancies": ["x"], "typos": ["y"], "stripped": ["z"], "missing": ["w"]},
}
# A plan without an appendix: its content items with `no` and `lead` are its tasks.
PLAN_ITEMS_DOC = {
    "type": "ke_hoach", "number": "16/KH-UBND", "issuer": {"name": "Uỷ ban nhân dân tỉnh Tây Ninh", "level": "tinh"},
    "date": "2021-03-01", "title": "Kế hoạch", "period": "2021",
    "sections": [{"heading": "Nội dung", "kind": "content", "items": [
        {"no": "1.", "title": "Tuyên truyền", "lead": "Sở Nội vụ", "timeframe": "2021-Q2"},
        {"no": "2.", "text": "Tập huấn", "lead": "Sở Tư pháp", "coordinating": "Phòng", "products": ["Báo cáo"]},
    ]}],
}
ARTICLE_DOC = {
    "title": "Tin", "date": "2021-03-15 08:30", "summary": "Tóm tắt", "areas": ["the_che"], "tags": ["Cải cách"],
    "author": "A", "agency": "Sở", "delivers": ["p#1"], "procedures": ["1.001193"], "draft": False, "publish": "2021-03-16",
    "sample": False,
}
ACTIVITY_DOC = {
    "title": "Hội nghị", "kind": "hoi_nghi", "date": "2021-04-01 08:00", "summary": "Tóm tắt", "end": "2021-04-01 11:00",
    "place": "Hội trường", "organiser": "Sở", "participants": 120, "outputs": ["Báo cáo"],
    "links": [{"title": "Bài", "url": "https://example.gov.vn/"}], "delivers": ["p#2"], "draft": False, "sample": False,
}
SERIES_DOC = {
    "name": "Chuyên mục", "channel": "radio", "agency": "Đài", "cadence": {"when": "monthly", "count": 1},
    "period": "2021", "delivers": "p#1", "description": "Mô tả", "sample": False,
}
EPISODE_DOC = {"title": "Số 1", "date": "2021-03-20 17:00", "summary": "Tóm tắt", "audio": "a.mp3", "duration": "15:00", "draft": False}
PROCEDURE_DOC = {
    "code": "1.001193", "name": "Đăng ký khai sinh", "field": "Hộ tịch", "level": "xa", "agency": "Ủy ban nhân dân cấp xã",
    "applicants": "Cha, mẹ", "channels": [{"way": "truc_tiep", "time": "Trong ngày", "fee": 0},
                                          {"way": "truc_tuyen", "time": "Trong ngày", "fee": "2.000 đồng/trang"}],
    "dossier": [{"name": "Tờ khai", "originals": 1, "copies": 0}], "steps": ["Nộp hồ sơ."], "result": "Giấy khai sinh",
    "online": "toan_trinh", "legal_bases": [{"number": "60/2014/QH13", "title": "Luật Hộ tịch", "date": "2014-11-20"}],
    "last_checked": "2026-10-01",
}
HOTLINE_DOC = {
    "agency": "Ủy ban nhân dân phường 5", "unit": "Bộ phận một cửa", "level": "xa", "parent": "TP", "receives": ["thu_tuc_hanh_chinh"],
    "phones": ["0299 3821 234", {"number": "0912 345 678", "label": "Di động"}], "zalo": "0912345678", "email": "a@b.gov.vn",
    "address": "Số 1", "hours": [{"days": ["t2", "t3"], "times": ["07:00-11:00"]}], "holidays": "closed",
    "closures": [{"from": "2026-01-01", "to": "2026-01-02", "note": "Tết"}], "online_form": "https://example.gov.vn/",
    "published_by": {"number": "1/TB-UBND", "date": "2026-01-01", "title": "Thông báo", "url": "https://example.gov.vn/tb"},
    "last_verified": "2026-10-01", "needs_check": False, "pinned": True, "note": "Ghi chú", "sample": False,
}
FEEDBACK_DOC = {
    "title": "Hỏi về bản sao", "received": "2026-03-02", "topic": "thu_tuc_hanh_chinh", "agency": "Ủy ban nhân dân phường 5",
    "sender": "Nguyễn Văn A", "procedure": "1.001193", "question": "Bao lâu?",
    "answer": {"date": "2026-03-05", "text": "Trong ngày.", "by": "Bộ phận", "document": "Văn bản"}, "sample": False,
}

# kind -> (record, file, fixture, front matter?)
KINDS = {
    "plan": (PLAN, "plans/p.yml", PLAN_DOC, False),
    "plan_items": (PLAN, "plans/q.yml", PLAN_ITEMS_DOC, False),
    "article": (ARTICLE, "content/tin-tuc/a.md", ARTICLE_DOC, True),
    "activity": (ACTIVITY, "content/hoat-dong/a.md", ACTIVITY_DOC, True),
    "series": (SERIES, "content/chuong-trinh/cm/series.yml", SERIES_DOC, False),
    "episode": (EPISODE, "content/chuong-trinh/cm/so-1.md", EPISODE_DOC, True),
    "procedure": (PROCEDURE, "content/thu-tuc/khai-sinh.md", PROCEDURE_DOC, True),
    "hotline": (HOTLINE, "content/duong-day-nong/p5.yml", HOTLINE_DOC, False),
    "feedback": (FEEDBACK, "content/phan-anh/a.yml", FEEDBACK_DOC, False),
}


class _Dumper(yaml.SafeDumper):
    """Strings in double quotes, as officers are told to write text; other values plain."""


_Dumper.add_representer(str, lambda dumper, text: dumper.represent_scalar("tag:yaml.org,2002:str", text, style='"'))


def dump(doc, front: bool) -> str:
    text = yaml.dump(doc, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{text}---\n\nNội dung.\n" if front else text


def write_portal(root: Path) -> None:
    """Every kind's valid fixture (so references between files resolve), and the media they name."""
    for _, file, doc, front in KINDS.values():
        path = root / file
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dump(doc, front), encoding="utf-8")
    (root / "content/chuong-trinh/cm/a.mp3").write_bytes(b"ID3" + bytes(100))


# --- where a value can go: every path of a kind's schema ----------------------------------------

def schema_paths(kind, depth: int = 0) -> list[tuple]:
    """Paths (field names, list index 0) of every field a schema type reads, nested types included."""
    if depth > 6:
        return []
    if isinstance(kind, TimeframeType):
        return [(name,) for name in TimeframeType._fields]
    if isinstance(kind, Record):
        return [p for name, f in kind.fields.items() for p in [(name,)] + [(name, *s) for s in schema_paths(f.type, depth + 1)]]
    if isinstance(kind, ListOf):
        return [(0, *s) for s in [()] + schema_paths(kind.item, depth + 1)]
    if isinstance(kind, TextOrList):
        return [(0,)]
    if isinstance(kind, Either):
        return schema_paths(kind.scalar, depth + 1) + schema_paths(kind.mapping, depth + 1)
    return []


def put(doc, path: tuple, value):
    """A copy of doc with value at path, creating (or replacing) the containers on the way;
    the empty path replaces the whole document."""
    if not path:
        return value
    doc = copy.deepcopy(doc)
    node = doc
    for i, key in enumerate(path):
        last = i == len(path) - 1
        want = list if isinstance(path[i + 1] if not last else None, int) else dict
        if isinstance(key, int):
            if not node:
                node.append(None)
            key = 0
        if last:
            node[key] = value
        else:
            child = node[key] if (isinstance(node, dict) and key in node) or isinstance(node, list) else None
            if not isinstance(child, want):
                child = want()
                node[key] = child
            node = child
    return doc


# --- random values --------------------------------------------------------------------------------

RAW = "RAWVALUEMARK"  # marks where raw text goes into the YAML unquoted

TRICKY = [
    "٣", "３", "²", "١٢٣", "２０２１-０３-０１", "2021-٠٣-01", "0", "00", "1.000", "2.500.000", "1,5", "-1", "1e5", "0x_", "0b_",
    "9" * 5000, "yes", "No", "~", "null", "8:30", "0912345678", "+84", "1800", "“15/KH-UBND”", "‘a’", "", " ", "\t", "\u200b",
    "2021-02-30", "0000-01-01", "9999-12-31", "1899-12-31", "2101", "weekly", "monthly", "monthly 2019", "before 2022-11",
    "by 2030", "2021..2020", "..", "2022-Q9", "2022-H3", ";", "monthly; yearly", "2022-06-30..2030", "Uỷ ban nhân dân",
    unicodedata.normalize("NFD", "Ủy ban nhân dân Hòa Bình"), "a\x07b", "\x1b[31m", "<script>alert(1)</script>",
    "javascript:alert(1)", "p#", "#", "p#1", "x#y", "1.001193", "huyen", "tinh", "https://", "https://a", "a@b", "ｔｉｎｈ",
    "07:00-11:00", "24:00-25:00", "11:00-07:00", "٠٧:٠٠-١١:٠٠", ".", ")", "1.", "a)", "- b",
]
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(10**30), max_value=10**30), st.floats(),
    st.text(max_size=20), st.sampled_from(TRICKY), st.dates().map(str),
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8) | st.sampled_from(["when", "no", "text", "name"]), inner, max_size=3),
    max_leaves=8,
)
raw_texts = st.one_of(st.sampled_from(TRICKY), st.text(max_size=30))


def check_portal(kind: str, root: Path, path: tuple, value, raw: str | None) -> None:
    record, file, doc, front = KINDS[kind]
    text = dump(put(doc, path, RAW if raw is not None else value), front)
    if raw is not None:
        text = text.replace(f'"{RAW}"', raw)
    (root / file).write_text(text, encoding="utf-8", errors="surrogatepass")
    corpus, problems = load_corpus(root, root / "plans", root / "content")
    for problem in problems:
        assert isinstance(problem, Problem), problem
        assert isinstance(problem.where, Location) and isinstance(problem.where.line, int) and isinstance(problem.where.col, int), problem
        assert isinstance(problem.message, str) and problem.message and isinstance(problem.field, str), problem
    ContentError(problems).report()  # sorts and prints every problem
    if not problems:
        pages.build_site(corpus, TODAY, "https://example.gov.vn/")


PROPERTY = settings(max_examples=100, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.parametrize("kind", list(KINDS))
def test_any_value_in_any_field_is_a_problem_or_fine_never_an_exception(kind):
    record = KINDS[kind][0]
    paths = [(), *schema_paths(record)]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        write_portal(root)

        @PROPERTY
        @given(path=st.sampled_from(paths), value=values, raw=st.none() | raw_texts)
        def run(path, value, raw):
            check_portal(kind, root, path, value, raw)

        run()


def test_the_fixtures_are_valid():
    """Without this, every example would stop at the first problem of a broken fixture."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        write_portal(root)
        corpus, problems = load_corpus(root, root / "plans", root / "content")
    assert [str(p) for p in problems] == []
    assert len(corpus.plans) == 2 and len(corpus.episodes) == 1 and len(corpus.feedback) == 1


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_field_path_is_reached(kind):
    """The paths cover the schema: each top-level field of the kind is among them."""
    record = KINDS[kind][0]
    assert {p[0] for p in schema_paths(record)} == set(record.fields)
