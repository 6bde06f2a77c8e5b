"""Printable A4 posters and the leaflet (generator/posters.py, generator/print_pdf.py): what
they show, their QR codes decoded as a phone would, one A4 sheet each when printed by
Chromium, and `cchc posters`. Each test reads one small portal built once for the module."""
from __future__ import annotations

import io
import re

import pytest

from generator.pages import assemble

from .conftest import Site, build, run_cchc
from .test_inventory import HOTLINE, PROCEDURE, TODAY, portal, problems_in

SITE_URL = "https://xa-mau.example.gov.vn/cong/"
A4 = (595.0, 842.0)  # points

ON_LEAFLET = PROCEDURE.replace("---\ncode:", "---\nleaflet: true\ncode:", 1).replace(
    'agency: "Ủy ban nhân dân cấp xã"', 'agency: "Ủy ban nhân dân cấp xã"\nwhere: "Bộ phận Một cửa, Ủy ban nhân dân xã Mẫu"',
).replace('  - name: "Tờ khai"\n    originals: 1', '  - name: "Tờ khai"\n    originals: 1\n  - name: "Giấy chứng sinh"\n    copies: 2')
NOT_ON_LEAFLET = PROCEDURE.replace('code: "1.001193"', 'code: "1.000894"').replace('name: "Đăng ký khai sinh"', 'name: "Đăng ký kết hôn"').replace(
    "  - way: truc_tuyen\n    time: \"Trong ngày\"\n    fee: 0", '  - way: truc_tuyen\n    time: "3 ngày làm việc"\n    fee: "Miễn lệ phí"',
)
# Forty papers cannot fit on one sheet: the page count must be able to say so.
TOO_LONG = PROCEDURE.replace('code: "1.001193"', 'code: "1.000656"').replace('name: "Đăng ký khai sinh"', 'name: "Thủ tục rất dài"').replace(
    '  - name: "Tờ khai"\n    originals: 1', "".join(f'  - name: "Giấy tờ số {i}, ghi đủ họ tên, ngày tháng năm sinh và nơi cư trú"\n    originals: 1\n' for i in range(40)).rstrip("\n"),
)
PINNED = HOTLINE + "pinned: true\n"


def _portal(root):
    portal(root, {
        "content/thu-tuc/khai-sinh.md": ON_LEAFLET,
        "content/thu-tuc/ket-hon.md": NOT_ON_LEAFLET,
        "content/thu-tuc/rat-dai.md": TOO_LONG,
        "content/duong-day-nong/xa.yml": PINNED,
    })
    config = root / "mkdocs.yml"
    text, count = re.subn(r"(?m)^site_url: .*$", f"site_url: {SITE_URL}", config.read_text(encoding="utf-8"))
    assert count == 1
    config.write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return _portal(tmp_path_factory.mktemp("posters"))


@pytest.fixture(scope="module")
def site(project) -> Site:
    return build(project)


POSTERS = {  # poster -> the page its QR code leads to
    "/thu-tuc/khai-sinh/ap-phich/": "/thu-tuc/khai-sinh/",
    "/thu-tuc/ket-hon/ap-phich/": "/thu-tuc/ket-hon/",
    "/thu-tuc/rat-dai/ap-phich/": "/thu-tuc/rat-dai/",
    "/duong-day-nong/ap-phich/": "/duong-day-nong/",
}


def _text(node) -> str:
    return " ".join(node.get_text(" ").split())


def test_a_procedure_poster_shows_what_to_bring_where_to_go_the_fees_and_the_hotline(site):
    page = site.page("/thu-tuc/khai-sinh/ap-phich/")
    poster = page.select_one(".cchc-poster")
    assert _text(poster.h1) == "Đăng ký khai sinh"
    assert [_text(li) for li in poster.select(".cchc-poster__dossier > li")] == [
        "Tờ khai (Bản chính: 1 · Bản sao: 0)", "Giấy chứng sinh (Bản chính: 0 · Bản sao: 2)",
    ]
    assert "Bộ phận Một cửa, Ủy ban nhân dân xã Mẫu" in _text(poster.select_one(".cchc-poster__where"))
    assert [[_text(c) for c in tr.find_all(["th", "td"])] for tr in poster.select(".cchc-poster__fees tbody tr")] == [
        ["Trực tiếp", "Trong ngày", "Không mất phí"], ["Trực tuyến", "Trong ngày", "Không mất phí"],
    ]
    phone = poster.select_one(".cchc-poster__hotlines a.cchc-poster__phone")
    assert (_text(phone), phone["href"]) == ("0299 3821 234", "tel:+842993821234")
    assert "Ủy ban nhân dân xã" in _text(poster.select_one(".cchc-poster__hotlines"))
    qr = poster.select_one(".cchc-poster__qr img")
    assert qr["alt"] == f"Mã QR dẫn đến {SITE_URL}thu-tuc/khai-sinh/"
    assert site.file(site.resolve("/thu-tuc/khai-sinh/ap-phich/", qr["src"])).read_text(encoding="utf-8").startswith("<svg ")
    assert _text(poster.select_one(".cchc-poster__url")) == f"{SITE_URL}thu-tuc/khai-sinh/"
    # Another procedure's fee as written ("Miễn lệ phí"), per channel.
    fees = site.page("/thu-tuc/ket-hon/ap-phich/").select(".cchc-poster__fees tbody tr")
    assert [_text(tr.select_one(".cchc-poster__fee")) for tr in fees] == ["Không mất phí", "Miễn lệ phí"]


def test_posters_print_only_the_sheet_and_are_linked_from_their_pages(site):
    for poster, target in POSTERS.items():
        page = site.page(poster)
        assert page.select(".md-header, .md-tabs, .md-sidebar, .md-footer, .cchc-hotline-block, [data-pagefind-body]") == [], poster
        assert any(link["href"].endswith("assets/stylesheets/posters.css") for link in page.select("link[rel=stylesheet]"))
        links = [a for a in site.page(target).select("a.cchc-poster-link")]
        assert [site.resolve(target, a["href"]) for a in links] == [poster], target
        assert _text(links[0]).startswith("In áp phích")
    css = (site.root / "assets/stylesheets/posters.css").read_text(encoding="utf-8")
    assert "@page { size: A4;" in css


def test_the_leaflet_has_the_procedures_marked_leaflet_and_the_hotlines(site):
    page = site.page("/to-roi/")
    names = [_text(a) for a in page.select(".cchc-poster__cell-name")]
    assert names == ["Đăng ký khai sinh"]  # ket-hon and rat-dai are not marked `leaflet: true`
    cell = page.select_one(".cchc-poster__cell")
    assert cell.img["alt"] == f"Mã QR dẫn đến {SITE_URL}thu-tuc/khai-sinh/"
    assert "0299 3821 234" in _text(page.select_one(".cchc-poster__hotlines"))
    index = site.page("/thu-tuc/")
    assert "/to-roi/" in [site.resolve("/thu-tuc/", a["href"]) for a in index.select("a[href]")]


def test_more_than_six_procedures_on_the_leaflet_is_a_problem(tmp_path):
    files = {}
    for i in range(1, 8):
        text = ON_LEAFLET.replace('code: "1.001193"', f'code: "1.00119{i}"').replace('name: "Đăng ký khai sinh"', f'name: "Thủ tục {i}"')
        files[f"content/thu-tuc/t{i}.md"] = text
    portal(tmp_path, files)
    assert problems_in(tmp_path) == [
        "content/thu-tuc/t7.md:2:10: leaflet: more than 6 procedures are on the leaflet (a one-page leaflet has room for 6: remove leaflet: true "
        "here or from one of content/thu-tuc/t1.md, content/thu-tuc/t2.md, content/thu-tuc/t3.md, content/thu-tuc/t4.md, content/thu-tuc/t5.md, "
        "content/thu-tuc/t6.md)",
    ]


def test_posters_and_their_qr_codes_are_the_same_every_build(project, site):
    def generated():
        _, built, problems = assemble(project, project / "plans", project / "content", TODAY, SITE_URL)
        assert problems == []
        return {k: v for k, v in built.generated.items() if "ap-phich/" in k or k.startswith("to-roi/")}

    first, second = generated(), generated()
    assert first == second
    assert sorted(k for k in first if k.endswith(".svg")) == [
        "duong-day-nong/ap-phich/qr.svg", "thu-tuc/ket-hon/ap-phich/qr.svg", "thu-tuc/khai-sinh/ap-phich/qr.svg",
        "thu-tuc/rat-dai/ap-phich/qr.svg", "to-roi/qr.svg",
    ]
    for src, svg in first.items():  # what the build published is what the generator made
        if src.endswith(".svg"):
            assert (site.root / src).read_text(encoding="utf-8") == svg


# --- in the browser --------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def served(site):
    from .browser_support import serve

    base, stop = serve(site.root)
    yield base
    stop()


def _decode(png: bytes) -> list[str]:
    zxingcpp = pytest.importorskip("zxingcpp")
    from PIL import Image

    return [r.text for r in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)).convert("L"))]


def test_every_qr_code_decodes_to_its_pages_address_on_the_portal(browser, served):
    context = browser.new_context(device_scale_factor=2)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))  # the theme's script runs without its header and navigation
    try:
        for poster, target in {**POSTERS, "/to-roi/": "/"}.items():
            page.goto(served + poster)
            page.wait_for_load_state("load")
            assert errors == [], poster
            img = page.locator(".cchc-poster__qr img").first
            assert img.evaluate("i => i.complete && i.naturalWidth > 0"), poster
            assert _decode(img.screenshot()) == [SITE_URL + target.lstrip("/")], poster
        page.goto(served + "/to-roi/")  # the leaflet's smaller codes scan too
        assert _decode(page.locator(".cchc-poster__cell img").first.screenshot()) == [SITE_URL + "thu-tuc/khai-sinh/"]
        assert _decode(page.locator(".cchc-poster__qr--small img").screenshot()) == [SITE_URL + "duong-day-nong/"]
    finally:
        context.close()


def _pages(pdf: bytes) -> list[tuple[float, float]]:
    pypdf = pytest.importorskip("pypdf")
    return [(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in pypdf.PdfReader(io.BytesIO(pdf)).pages]


def test_a_poster_printed_by_chromium_fits_one_a4_sheet(browser, served):
    page = browser.new_page()
    try:
        page.goto(served + "/thu-tuc/khai-sinh/ap-phich/")
        assert _pages(page.pdf(prefer_css_page_size=True)) == [(595, 842)]
        page.goto(served + "/thu-tuc/rat-dai/ap-phich/")  # forty papers: more than one sheet, and the count shows it
        assert len(_pages(page.pdf(prefer_css_page_size=True))) > 1
    finally:
        page.close()


def test_cchc_posters_prints_every_poster_to_pdf_and_reports_one_that_runs_over(project, site, tmp_path):
    from generator import print_pdf

    from .browser_support import chromium_path

    chromium_path()  # skips (or fails under CI) without Chromium
    out = tmp_path / "pdf"
    result = run_cchc(project, "posters", "-o", str(out))
    assert result.returncode == 1, result.stderr
    assert result.stderr.splitlines() == [
        "warning: /thu-tuc/rat-dai/ap-phich/ prints on "
        f"{len(_pages((out / 'ap-phich-rat-dai.pdf').read_bytes()))} A4 pages, not one: shorten the text it prints",
    ]
    assert result.stdout == f"5 posters printed to PDF in {out}/.\n"
    printed = {p.name: p.read_bytes() for p in out.iterdir()}
    assert sorted(printed) == [
        "ap-phich-duong-day-nong.pdf", "ap-phich-ket-hon.pdf", "ap-phich-khai-sinh.pdf", "ap-phich-rat-dai.pdf", "to-roi.pdf",
    ]
    for name, pdf in printed.items():
        if name != "ap-phich-rat-dai.pdf":
            assert _pages(pdf) == [(595, 842)], name
        assert print_pdf.count_pages(pdf) == len(_pages(pdf)), name  # the command's own count agrees with pypdf's


def test_cchc_posters_without_a_built_site_says_what_to_do(tmp_path):
    result = run_cchc(tmp_path, "posters")
    assert (result.returncode, result.stderr) == (2, "error: no posters in site/: run `cchc build` first\n")


def test_posters_and_the_leaflet_have_no_wcag_violations(browser, served):
    from .browser_support import axe_path

    axe = axe_path()
    context = browser.new_context(bypass_csp=True)  # axe is injected as an inline script
    page = context.new_page()
    found = {}
    try:
        for url in ("/thu-tuc/khai-sinh/ap-phich/", "/duong-day-nong/ap-phich/", "/to-roi/"):
            page.goto(served + url)
            page.add_script_tag(path=str(axe))
            result = page.evaluate("""async () => {
                const r = await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}});
                return r.violations.map(v => v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '));
            }""")
            if result:
                found[url] = result
    finally:
        context.close()
    assert found == {}
