"""Every URL of the portal, and the one slug function (Vietnamese → ASCII).

Slugs drop tone marks and turn đ into d: "Đường dây nóng" → "duong-day-nong".
The same function names heading anchors (MkDocs' default toc slugify would
give "uong-day-nong").
"""
from __future__ import annotations

import posixpath
import re
import unicodedata
from functools import lru_cache

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def ascii_fold(text: str) -> str:
    """Vietnamese text without tone marks and with đ → d (case kept)."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = _TONE_MARKS.sub("", unicodedata.normalize("NFD", text))  # Vietnamese marks: fast
    if decomposed.isascii():
        return decomposed
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# The combining marks of the Combining Diacritical Marks block (Vietnamese tones among them;
# U+034F in that block is not a combining mark).
_TONE_MARKS = re.compile("[" + "".join(chr(c) for c in range(0x300, 0x370) if unicodedata.combining(chr(c))) + "]+")


def slugify(text: str, separator: str = "-") -> str:
    """ASCII slug; also usable as Python-Markdown's toc `slugify(value, separator)`."""
    return _NON_ALNUM.sub(separator, ascii_fold(text).lower()).strip(separator)


# Plans.
PLANS_INDEX = "/ke-hoach/"


def plan_source(slug: str) -> str:
    """The plan's YAML (a docs-dir path), offered for download next to its page."""
    return f"ke-hoach/{slug}/{slug}.yml"


# News.
NEWS_INDEX = "/tin-tuc/"
NEWS_FEED = "/tin-tuc/feed.xml"


def article_url(date, slug: str) -> str:
    return f"/tin-tuc/{date.year}/{date.month:02d}/{slug}/"


def paged(first: str, number: int) -> str:
    """Page `number` (1-based) of a listing whose first page is at `first` (the news list,
    an area's or a tag's news): /tin-tuc/the/x/, /tin-tuc/the/x/trang/2/."""
    return first if number == 1 else f"{first}trang/{number}/"


_LATER_PAGE = re.compile(r"(/tin-tuc/(?:.+/)?)trang/[0-9]+/")


def first_page(url: str) -> str:
    """The first page of the news listing that the page at `url` is a later page of, else `url`."""
    later = _LATER_PAGE.fullmatch(url)
    return later[1] if later else url


def news_page_url(number: int) -> str:
    """Page `number` (1-based) of the news list."""
    return paged(NEWS_INDEX, number)


def news_year_url(year: int) -> str:
    return f"/tin-tuc/{year}/"


def news_month_url(year: int, month: int) -> str:
    return f"/tin-tuc/{year}/{month:02d}/"


def area_url(area: str) -> str:
    return f"/tin-tuc/linh-vuc/{area.replace('_', '-')}/"


def area_feed_url(area: str) -> str:
    return area_url(area) + "feed.xml"


def tag_url(tag: str) -> str:
    return f"/tin-tuc/the/{slugify(tag)}/"


# Programmes (series of radio/TV/portal episodes).
SERIES_INDEX = "/chuong-trinh/"


def series_url(series: str) -> str:
    return f"/chuong-trinh/{series}/"


def series_year_url(series: str, year: int) -> str:
    return f"/chuong-trinh/{series}/{year}/"


def series_feed_url(series: str) -> str:
    return f"/chuong-trinh/{series}/podcast.xml"


def episode_url(series: str, date, slug: str) -> str:
    return f"/chuong-trinh/{series}/{date.year}/{slug}/"


# Public services: procedure guides, hotlines, published feedback and answers.
PROCEDURES_INDEX = "/thu-tuc/"
HOTLINES_INDEX = "/duong-day-nong/"
SEARCH_PAGE = "/tim-kiem/"  # the plain search forms' target (?q=)
SEARCH_WORDS = "/tim-kiem/tu-khoa/"  # the words the search box understands (generator/search_words.py)
SEARCH_WORDS_JSON = "/tim-kiem/tu-khoa.json"
UNIT_DATA = "/du-lieu/thuc-hien.json"  # what a portal delivered of its plans, read by the portals above it (issue 14)
HOTLINES_VCARD = "/duong-day-nong/duong-day-nong.vcf"
HOTLINES_JSON = "/duong-day-nong/duong-day-nong.json"
FEEDBACK_INDEX = "/phan-anh/"
NATIONAL_PORTAL = "https://dichvucong.gov.vn/"


def procedure_url(slug: str) -> str:
    return f"/thu-tuc/{slug}/"


def national_procedure_url(code: str) -> str:
    """The procedure's page on the National Public Service Portal."""
    return f"https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc={code}"


# Printable A4 pages (generator/posters.py): a poster beside each procedure guide and the
# hotline list, and one leaflet for the portal.
POSTER = "ap-phich/"  # a poster's address below the page it advertises
HOTLINES_POSTER = HOTLINES_INDEX + POSTER
LEAFLET = "/to-roi/"


def poster_url(page: str) -> str:
    """The printable poster of the page at URL `page` (a procedure guide, the hotline list)."""
    return page + POSTER


def hotline_anchor(slug: str) -> str:
    return f"{HOTLINES_INDEX}#{slug}"


def feedback_url(slug: str) -> str:
    return f"/phan-anh/{slug}/"

def plan_url(slug: str) -> str:
    return f"/ke-hoach/{slug}/"


def task_url(plan: str, task: str | None) -> str:
    return plan_url(plan) + (f"#nhiem-vu-{slugify(task)}" if task else "")


# Share cards (generator/cards.py): one picture per page that has none of its own.
SHARE_CARDS = "/anh-chia-se/"


def share_card(page_url: str) -> str:
    """A page's share card: /anh-chia-se/tin-tuc/2021/05/x.png; the home page's is /anh-chia-se/index.png."""
    return f"{SHARE_CARDS}{page_url.strip('/') or 'index'}.png"


def src_of(url: str) -> str:
    """The docs-dir source path of a generated page with this URL."""
    return url.strip("/") + "/index.md" if url != "/" else "index.md"


def dest_of(url: str) -> str:
    """The site-dir output path of a page with this URL (directory URLs)."""
    return url.lstrip("/") + "index.html" if url.endswith("/") else url.lstrip("/")


def dest_of_src(src_uri: str) -> str:
    """Where MkDocs writes a docs-dir file: pages as directory URLs, other files as they are."""
    if not src_uri.endswith(".md"):
        return src_uri
    folder, _, name = src_uri.rpartition("/")
    stem = name[:-3]
    prefix = f"{folder}/" if folder else ""
    return f"{prefix}index.html" if stem in ("index", "README") else f"{prefix}{stem}/index.html"


@lru_cache(maxsize=1 << 16)  # listings link every article from every page they are on
def href(target: str, page: str) -> str:
    """A link from the page at URL `page` to URL `target`, relative so the site works under any prefix."""
    base = page if page.endswith("/") else posixpath.dirname(page) + "/"
    path, _, fragment = target.partition("#")
    rel = _relative(path, base) if path else ""
    if path.endswith("/") and rel != ".":
        rel += "/"
    elif rel == ".":
        rel = "./"
    return rel + (f"#{fragment}" if fragment else "")


def _relative(path: str, base: str) -> str:
    """posixpath.relpath(path, base), without its normalising when both are plain absolute
    paths (the site's own addresses): a fifth of the listings' time went to it."""
    if not (path.startswith("/") and base.startswith("/")) or "//" in path or "//" in base or "/." in path or "/." in base:
        return posixpath.relpath(path, base)
    to, start = path.strip("/").split("/"), base.strip("/").split("/")
    to, start = [p for p in to if p], [p for p in start if p]
    common = 0
    for a, b in zip(to, start):
        if a != b:
            break
        common += 1
    parts = [".."] * (len(start) - common) + to[common:]
    return "/".join(parts) if parts else "."


# Plan delivery: activities, reports, calendars.
ACTIVITIES_INDEX = "/hoat-dong/"
REPORTS_INDEX = "/bao-cao/"
STATUS_RULES = "/gioi-thieu/cach-tinh-tinh-trang/"  # how task status is worked out, linked from plan pages
ORGANISATION = "/gioi-thieu/co-quan/"  # the agency, its functions and contacts (Nghị định 42/2022)
ORGANISATION_EN = "/en/"  # the same in English


def activity_url(date, slug: str) -> str:
    return f"/hoat-dong/{date.year}/{slug}/"


def plan_reports_url(plan: str) -> str:
    return f"/bao-cao/{plan}/"


def report_url(plan: str, period: str) -> str:
    return f"/bao-cao/{plan}/{period}/"


def report_csv(plan: str, period: str) -> str:
    return f"/bao-cao/{plan}/{period}/{plan}-{period}.csv"


def late_units_csv(plan: str, period: str) -> str:
    """The table of units late on the plan's tasks in a report period (a parent's portal)."""
    return f"/bao-cao/{plan}/{period}/{plan}-{period}-don-vi-cham.csv"


def plan_calendar(plan: str) -> str:
    return f"/ke-hoach/{plan}/{plan}.ics"


def tracking_url(plan: str) -> str:
    return plan_url(plan) + "#theo-doi-thuc-hien"


# Legal documents (văn bản).
DOCUMENTS_INDEX = "/van-ban/"


def document_url(slug: str) -> str:
    return f"/van-ban/{slug}/"


# Quizzes (hội thi tìm hiểu): the self-check page, its printed question sheet and answer key.
QUIZ_INDEX = "/hoi-thi/"


def quiz_url(slug: str) -> str:
    return f"/hoi-thi/{slug}/"


def quiz_sheet_url(slug: str) -> str:
    return f"/hoi-thi/{slug}/de-thi/"


def quiz_key_url(slug: str) -> str:
    return f"/hoi-thi/{slug}/dap-an/"
