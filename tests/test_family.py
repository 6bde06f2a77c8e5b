"""Generator tests: a family of portals from one repository (generator/family.py, family_cli.py).

A tiny family is written in a temp dir: a root portal and two units (a ward below a city below
the root), each with content of its own; it is checked and built once, and the facts asserted
come from the files written here."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from generator import family
from .conftest import Site, run_cchc
from .test_inventory import ARTICLE, HOTLINE, PLAN, portal

ROOT_URL = "https://example.gov.vn/cchc/"
OPTIONS = "      portal: {name: tinh, unit: UBND tỉnh Mẫu, level: tinh}\n      units: content/don-vi\n"


def unit(site_name: str, unit: str, level: str, url: str, parent: str | None = None, extra: str = "") -> str:
    return (f"site_name: {site_name}\nunit: {unit}\nlevel: {level}\nsite_url: {url}\n"
            + (f"parent: {parent}\n" if parent else "") + extra)


FILES = {
    "plans/2026-tinh-1.yml": PLAN,
    "content/tin-tuc/2026/tin-cua-tinh.md": ARTICLE.format(title="Tin riêng của tỉnh", extra=""),
    "content/duong-day-nong/tinh.yml": HOTLINE.replace("Ủy ban nhân dân xã", "Văn phòng UBND tỉnh"),
    "content/duong-day-nong/chung.yml": HOTLINE.replace("Ủy ban nhân dân xã", "Đường dây chung của tỉnh"),
    "content/don-vi/thanh-pho/don-vi.yml": unit("Cổng thành phố", "UBND thành phố Mẫu", "huyen", ROOT_URL + "thanh-pho/"),
    "content/don-vi/thanh-pho/index.md": "# Thành phố\n",
    "content/don-vi/thanh-pho/ke-hoach/2026-thanh-pho-2.yml": PLAN.replace("15/KH-UBND", "2/KH-UBND"),
    "content/don-vi/thanh-pho/tin-tuc/2026/tin-cua-thanh-pho.md": ARTICLE.format(title="Tin riêng của thành phố", extra=""),
    "content/don-vi/phuong-1/don-vi.yml": unit("Cổng phường 1", "UBND Phường 1", "xa", ROOT_URL + "phuong-1/", "thanh-pho"),
    "content/don-vi/phuong-1/index.md": "# Phường 1\n",
    "content/don-vi/phuong-1/tin-tuc/2026/tin-cua-phuong.md": ARTICLE.format(title="Tin riêng của phường", extra=""),
    # the ward's own file of the same path replaces the one it inherits
    "content/don-vi/phuong-1/duong-day-nong/chung.yml": HOTLINE.replace("Ủy ban nhân dân xã", "Đường dây chung của phường"),
}


def family_portal(root: Path, files: dict[str, str] = FILES) -> Path:
    portal(root, files)
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "      plans_dir: plans\n" in text
    config.write_text(text.replace("      plans_dir: plans\n", "      plans_dir: plans\n" + OPTIONS), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = family_portal(tmp_path_factory.mktemp("family"))
    result = run_cchc(root, "build", "--all", "-j", "2")
    assert result.returncode == 0, result.stderr
    return root, Site(root / "site"), result


def titles(site: Site, url: str) -> set[str]:
    return {a.get_text(" ", strip=True) for a in site.page(url).select("main a")}


def test_portals_lists_the_family_as_declared(tmp_path):
    root = family_portal(tmp_path)
    result = run_cchc(root, "portals", "--json")
    assert result.returncode == 0, result.stderr
    rows = {r["name"]: r for r in json.loads(result.stdout)}
    assert list(rows) == ["tinh", "phuong-1", "thanh-pho"]  # the root first, then the units' folders in order
    assert rows["tinh"] | {"children": sorted(rows["tinh"]["children"])} == {
        "name": "tinh", "site_name": "Chuyên trang tuyên truyền cải cách hành chính", "unit": "UBND tỉnh Mẫu", "level": "tinh",
        "parent": None, "site_url": ROOT_URL, "depth": 0, "output": "", "children": ["thanh-pho"]}
    assert rows["phuong-1"] == {"name": "phuong-1", "site_name": "Cổng phường 1", "unit": "UBND Phường 1", "level": "xa",
                                "parent": "thanh-pho", "site_url": ROOT_URL + "phuong-1/", "depth": 2, "output": "phuong-1/",
                                "children": []}
    assert rows["thanh-pho"]["children"] == ["phuong-1"] and rows["thanh-pho"]["depth"] == 1


def test_a_repository_without_units_is_a_family_of_one(tmp_path):
    root = portal(tmp_path, {"plans/2026-tinh-1.yml": PLAN})
    found, problems = family.read(root)
    assert problems == [] and len(found.portals) == 1  # the repository's mkdocs.yml may name its root portal
    result = run_cchc(root, "check")
    assert result.returncode == 0 and "[" not in result.stdout  # messages as before: no portal named


def test_each_portal_gets_its_own_content_and_inherits_its_parents_folders(built):
    root, site, __ = built
    assert "Tin riêng của tỉnh" in titles(site, "/tin-tuc/")
    assert not {"Tin riêng của thành phố", "Tin riêng của phường"} & titles(site, "/tin-tuc/")
    assert "Tin riêng của thành phố" in titles(site, "/thanh-pho/tin-tuc/")
    assert not {"Tin riêng của tỉnh", "Tin riêng của phường"} & titles(site, "/thanh-pho/tin-tuc/")
    assert "Tin riêng của phường" in titles(site, "/phuong-1/tin-tuc/")
    assert not {"Tin riêng của tỉnh", "Tin riêng của thành phố"} & titles(site, "/phuong-1/tin-tuc/")
    hotlines = {name: site.page(f"{base}duong-day-nong/").get_text(" ", strip=True)
                for name, base in (("tinh", "/"), ("thanh-pho", "/thanh-pho/"), ("phuong-1", "/phuong-1/"))}
    # the hotlines folder is inherited from the root down to the ward, through the city
    assert "Văn phòng UBND tỉnh" in hotlines["thanh-pho"] and "Văn phòng UBND tỉnh" in hotlines["phuong-1"]
    # the ward's own file of the same path replaces the inherited one; the city keeps the root's
    assert "Đường dây chung của phường" in hotlines["phuong-1"] and "Đường dây chung của tỉnh" not in hotlines["phuong-1"]
    assert "Đường dây chung của tỉnh" in hotlines["thanh-pho"] and "Đường dây chung của phường" not in hotlines["thanh-pho"]
    # a unit's declaration is not a page or a file of any portal
    assert not list((root / "site").rglob("don-vi.yml")) and not (root / "site" / "don-vi").exists()


def test_each_portal_has_its_own_address_and_index(built):
    root, site, __ = built
    for base, url in (("/", ROOT_URL), ("/thanh-pho/", ROOT_URL + "thanh-pho/"), ("/phuong-1/", ROOT_URL + "phuong-1/")):
        canonical = site.page(base).select_one('link[rel="canonical"]')["href"]
        assert canonical == url
        assert (site.file(base).parent / "pagefind" / "pagefind.js").is_file()
    assert site.page("/phuong-1/").select_one("title").get_text().endswith("Cổng phường 1")


def test_units_see_the_plans_of_the_portals_above_them(built):
    root, site, __ = built
    city_plan = "/thanh-pho/ke-hoach/2026-thanh-pho-2/"
    assert site.file(city_plan).is_file() and not site.file("/ke-hoach/2026-thanh-pho-2/").exists()
    assert site.file("/ke-hoach/2026-tinh-1/").is_file()
    tree = family.Tree.read(root / family.TREES / "phuong-1" / family.TREE_FILE)
    assert tree.inherited_plans == {"2026-thanh-pho-2", "2026-tinh-1"}
    assert tree.sources["content/tin-tuc/2026/tin-cua-phuong.md"] == "content/don-vi/phuong-1/tin-tuc/2026/tin-cua-phuong.md"
    assert tree.sources["content/duong-day-nong/tinh.yml"] == "content/duong-day-nong/tinh.yml"


def test_check_names_the_portal_and_the_real_file(tmp_path):
    files = {**FILES, "content/don-vi/phuong-1/tin-tuc/2026/tin-cua-phuong.md": ARTICLE.format(title="Tin", extra="areas2: x\n"),
             "content/duong-day-nong/chung.yml": HOTLINE.replace('level: xa', 'level: thon')}
    root = family_portal(tmp_path, files)
    result = run_cchc(root, "check")
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines == [
        "2 problems found in the content:",
        '[phuong-1] content/don-vi/phuong-1/tin-tuc/2026/tin-cua-phuong.md:6:1: areas2: unknown field (did you mean "areas"?)',
        # the root's file, inherited by the city (the ward has its own): reported once, naming both
        '[tinh, thanh-pho] content/duong-day-nong/chung.yml:2:8: level: unknown value "thon" (use one of: quoc_gia, tinh, huyen, xa)',
    ]


def test_declaration_mistakes_are_reported_with_line_and_column(tmp_path):
    files = {**FILES,
             "content/don-vi/phuong-1/don-vi.yml": unit("Cổng phường 1", "UBND Phường 1", "xa", ROOT_URL + "phuong-1", "thanh-po"),
             "content/don-vi/thanh-pho/don-vi.yml": unit("Cổng thành phố", "UBND thành phố", "quan", ROOT_URL + "thanh-pho/"),
             "content/don-vi/Phuong 2/don-vi.yml": unit("Cổng phường 2", "UBND Phường 2", "xa", ROOT_URL + "thanh-pho/"),
             "content/don-vi/phuong-3/index.md": "# Phường 3\n",
             # below the city, whose declaration is wrong: the city is still a unit of the family
             "content/don-vi/phuong-4/don-vi.yml": unit("Cổng phường 4", "UBND Phường 4", "xa", ROOT_URL + "phuong-4/", "thanh-pho"),
             "content/don-vi/ghi-chu.md": "ghi chú\n"}
    root = family_portal(tmp_path, files)
    result = run_cchc(root, "check")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [  # all in one run, sorted by file
        "6 problems found in the content:",
        'content/don-vi/Phuong 2/don-vi.yml:1:1: name: "Phuong 2" is not a portal name (use small letters without marks, digits and hyphens, e.g. phuong-1)',
        "content/don-vi/ghi-chu.md:1:1: is a file; the folder of units holds one folder per unit (each unit has a folder named after it, "
        "with don-vi.yml that declares its portal (see plans/HUONG-DAN.md))",
        'content/don-vi/phuong-1/don-vi.yml:4:11: site_url: "https://example.gov.vn/cchc/phuong-1" must end with / (write "https://example.gov.vn/cchc/phuong-1/")',
        'content/don-vi/phuong-1/don-vi.yml:5:9: parent: "thanh-po" is not a portal of the family (did you mean "thanh-pho"?)',
        "content/don-vi/phuong-3:1:1: the unit's folder has no don-vi.yml (each unit has a folder named after it, "
        "with don-vi.yml that declares its portal (see plans/HUONG-DAN.md))",
        'content/don-vi/thanh-pho/don-vi.yml:3:8: level: unknown value "quan" (use one of: tinh, huyen, xa)',
    ]


def test_a_unit_that_fails_publishes_nothing(tmp_path):
    files = {**FILES, "content/don-vi/phuong-1/tin-tuc/2026/tin-cua-phuong.md": ARTICLE.format(title="Tin", extra="areas2: x\n")}
    root = family_portal(tmp_path, files)
    (root / "site").mkdir()
    (root / "site" / "cu.html").write_text("trang cũ", encoding="utf-8")
    result = run_cchc(root, "build", "--all")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1] == "Build failed for the portal phuong-1: nothing was published."
    assert sorted(p.name for p in (root / "site").iterdir()) == ["cu.html"]
    assert not list(root.glob(".family-build-*"))


def test_one_portal_is_built_on_its_own(tmp_path):
    root = family_portal(tmp_path)
    result = run_cchc(root, "build", "--portal", "phuong-1", "-d", "ra")
    assert result.returncode == 0, result.stderr
    assert "Tin riêng của phường" in titles(Site(root / "ra"), "/tin-tuc/")
    wrong = run_cchc(root, "build", "--portal", "phuong-2")
    assert wrong.returncode == 1
    assert wrong.stderr.strip() == 'error: "phuong-2" is not a portal of the family (did you mean "phuong-1"?)'


def test_the_portals_nested_below_an_address_are_left_to_their_own_builds(tmp_path):
    root = family_portal(tmp_path)
    found, __ = family.read(root)
    nested = {p.name: family.context_for(found, p.name).nested() for p in found.portals}
    assert nested == {"tinh": ("phuong-1/", "thanh-pho/"), "phuong-1": (), "thanh-pho": ()}
    assert family.below(ROOT_URL, "https://example.gov.vn/khac/") is None
    assert family.below(ROOT_URL, "https://other.gov.vn/cchc/x/") is None


def test_a_units_source_is_generated_for_other_engines(tmp_path):
    root = family_portal(tmp_path)
    result = run_cchc(root, "generate", "nguon", "--portal", "phuong-1")
    assert result.returncode == 0, result.stderr
    docs = root / "nguon" / "docs"
    assert [p.relative_to(docs).as_posix() for p in docs.rglob("tin-cua-*")] == ["tin-tuc/2026/03/tin-cua-phuong"]
    hotlines = (docs / "duong-day-nong" / "index.md").read_text(encoding="utf-8")
    assert "Văn phòng UBND tỉnh" in hotlines and "Đường dây chung của phường" in hotlines
    config = (root / "nguon" / "mkdocs.yml").read_text(encoding="utf-8")
    assert "\nsite_url: https://example.gov.vn/cchc/phuong-1/\n" in config and "\nplugins: []\n" in config


def test_new_writes_in_the_units_folder(tmp_path):
    root = family_portal(tmp_path)
    result = run_cchc(root, "new", "article", "Tin mới của phường", "--portal", "phuong-1")
    assert result.returncode == 0, result.stderr
    made = result.stdout.splitlines()[0].removeprefix("Created ")
    assert made.startswith("content/don-vi/phuong-1/tin-tuc/") and (root / made).is_file()
    plan = run_cchc(root, "new", "plan", "Kế hoạch của phường", "--portal", "phuong-1",
                    "--number", "3/KH-UBND", "--issuer", "UBND Phường 1", "--level", "xa")
    assert plan.returncode == 0, plan.stderr
    assert plan.stdout.splitlines()[0].removeprefix("Created ").startswith("content/don-vi/phuong-1/ke-hoach/")


def test_paths_inside_messages_are_the_real_files_too():
    from generator.errors import Location, Problem

    sources = {"content/gioi-thieu/co-quan.yml": "content/don-vi/phuong-1/gioi-thieu/co-quan.yml"}
    problem = Problem(Location("content/gioi-thieu/co-quan.yml", 2, 3), "name", "also in content/gioi-thieu/co-quan.yml, and content/x.md",
                      "see content/gioi-thieu/co-quan.yml")
    shown, = family.shown([problem], "phuong-1", sources)
    assert str(shown) == ("[phuong-1] content/don-vi/phuong-1/gioi-thieu/co-quan.yml:2:3: name: also in "
                          "content/don-vi/phuong-1/gioi-thieu/co-quan.yml, and content/x.md (see content/don-vi/phuong-1/gioi-thieu/co-quan.yml)")


def test_a_units_navigation_leaves_out_what_it_lacks(built):
    root, site, __ = built

    def tabs(url: str) -> set[str]:
        return {Site.resolve(url, a["href"]) for a in site.page(url).select("nav.md-nav--primary a")}

    assert {"/van-ban/", "/hoi-thi/", "/tin-tuc/", "/phan-anh/"} <= tabs("/")  # the root keeps its whole nav
    ward = tabs("/phuong-1/")
    # no legal document or quiz in the ward's folder or what it inherits: no tab for their empty listings
    assert not {"/phuong-1/van-ban/", "/phuong-1/hoi-thi/"} & ward
    # its news; where to send feedback stays, though none is published yet
    assert {"/phuong-1/tin-tuc/", "/phuong-1/phan-anh/", "/phuong-1/duong-day-nong/"} <= ward
