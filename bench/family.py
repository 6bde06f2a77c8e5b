"""A province's family at scale (issue 14): N communes of M realistic articles plus the province.

    .venv/bin/python bench/family.py [--communes 100] [--articles 200] [--province-articles 200]
    .venv/bin/python bench/family.py --communes 10 --articles 50     (a quick run)

The family (bench/realistic.py's articles, written once and hard-linked into every commune):
- the province (the root): `realistic.portal` with its plan, whose task 1 (a monthly column)
  is assigned to every commune (`units: all`), and the province's hotline, inherited;
- N communes `xa-001`… in content/don-vi/<name>/ (declared by its don-vi.yml): a home page,
  M articles (no `delivers`), a hotline of their own, and one to three articles delivering
  the province's task 1.

What it measures, each command in a fresh process (CPU = user + system of the process tree,
peak = the summed resident size of the tree, bench/scale.py `measure`), cold (CCHC_CACHE=0):
1. one commune: `cchc build --portal xa-001` (the materialized tree included): CPU, wall,
   peak memory, and the size of its site;
2. the aggregate step: the province's build `cchc build --portal <root> --units-data DIR`
   with the data of 0, N/4, N/2 and N units (du-lieu/thuc-hien.json of the commune built,
   copied for the others with their names: every commune publishes a file of that size);
   and, in this process, the assembly of the province's site (`pages.build_site`: every
   generated page, the reports included) with each of those folders, the minimum of three:
   the aggregation is its growth over 0 units, and it must grow linearly with the units;
3. the matrix total in CPU-minutes: one commune × N + the province with every unit's data
   (plus, as an estimate, a minute of set-up per job: checkout, Python, pip from its cache);
4. the province's search download for a first query over the merged indexes: the province's
   site with each commune's Pagefind bundle at its path (the built commune's, copied), in
   headless Chromium through Pagefind's API (`mergeIndex` for every commune), as
   bench/scale.py counts it (text compressed as a server sends it).
The load average is printed before and after: on a shared machine read CPU, not wall.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import realistic  # noqa: E402
import scale  # noqa: E402
import served  # noqa: E402

ROOT_NAME = "tinh-mau"
SITE_URL = "https://example.gov.vn/cchc/"
DATA = "du-lieu/thuc-hien.json"  # urls.UNIT_DATA, where every portal publishes its delivery data
TASK = f"{realistic.PLAN_SLUG}#1"
PROVINCE_HOTLINE = """agency: "Ủy ban nhân dân tỉnh Mẫu"
unit: "Sở Nội vụ (Phòng Cải cách hành chính)"
level: tinh
receives: [thu_tuc_hanh_chinh, can_bo]
phones:
  - "0299 3822 123"
last_verified: 2026-10-01
sample: true
"""


def name_of(k: int) -> str:
    return f"xa-{k:03d}"


def unit_of(k: int) -> str:
    return f"UBND xã Mẫu {k:03d}"


def cascade_landed() -> bool:
    """Whether plan tasks take `units:` yet (the cascade helper's field)."""
    generator = realistic.ROOT / "generator"
    return any('Field("units"' in f.read_text(encoding="utf-8") for f in generator.rglob("*.py"))


FAMILY_OPTIONS = f"""  - cchc:
      plans_dir: plans
      portal: {{name: {ROOT_NAME}, unit: UBND tỉnh Mẫu, level: tinh}}
      units: content/don-vi
"""


def _declaration(k: int) -> str:
    """The commune's don-vi.yml (its portal; it inherits the province's procedures and hotlines)."""
    return (f"site_name: Chuyên trang CCHC xã Mẫu {k:03d}\nunit: {unit_of(k)}\nlevel: xa\n"
            f"site_url: {SITE_URL}{name_of(k)}/\n")


def _delivering(k: int, i: int) -> str:
    month = 1 + (k + i) % 12
    return (f"---\ntitle: \"{unit_of(k)}: chuyên mục cải cách hành chính tháng {month}/2021\"\n"
            f"date: 2021-{month:02d}-15 08:00\nsummary: \"Chuyên mục tháng {month} của {unit_of(k)}.\"\n"
            f"areas: [thu_tuc_hanh_chinh]\ntags: [tuyên truyền]\nsample: true\ndelivers: [\"{TASK}\"]\n---\n\n"
            f"{unit_of(k)} phát chuyên mục tuyên truyền cải cách hành chính tháng {month} năm 2021 "
            "trên hệ thống truyền thanh xã, giới thiệu thủ tục đăng ký khai sinh trực tuyến.\n")


def _hotline(k: int) -> str:
    return (f"agency: \"{unit_of(k)}\"\nlevel: xa\nparent: \"tỉnh Mẫu\"\nreceives: [thu_tuc_hanh_chinh, can_bo]\n"
            f"phones:\n  - \"0299 3{800 + k} 123\"\naddress: \"Bộ phận Một cửa, {unit_of(k)} (địa chỉ mẫu)\"\n"
            "last_verified: 2026-10-01\nsample: true\n")


def write_family(dest: Path, communes: int, articles: int, province_articles: int, photos: Path | None) -> Path:
    """The family's repository in dest (see the module's docstring)."""
    project = realistic.write_portal(dest / "family", province_articles, photos)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("  - cchc:\n      plans_dir: plans\n", FAMILY_OPTIONS), encoding="utf-8")
    if cascade_landed():  # task 1, the monthly column, is every commune's
        plan = project / "plans" / f"{realistic.PLAN_SLUG}.yml"
        plan.write_text(plan.read_text(encoding="utf-8").replace('    - "no": "1"\n', '    - "no": "1"\n      units: all\n', 1), encoding="utf-8")
    (project / "content" / "duong-day-nong").mkdir(exist_ok=True)
    (project / "content" / "duong-day-nong" / "tinh-mau.yml").write_text(PROVINCE_HOTLINE, encoding="utf-8")

    # One commune's articles, written once without `delivers` (the province's plan is not
    # theirs to deliver, except the task assigned to them), then hard-linked into each.
    template = realistic.write_portal(dest / "template", articles, photos) / "content" / "tin-tuc"
    for md in template.rglob("*.md"):
        md.write_text("".join(line for line in md.read_text(encoding="utf-8").splitlines(keepends=True)
                              if not line.startswith("delivers:")), encoding="utf-8")
    for k in range(1, communes + 1):
        folder = project / "content" / "don-vi" / name_of(k)
        shutil.copytree(template, folder / "tin-tuc", copy_function=os.link)
        (folder / "index.md").write_text(f"---\ntitle: Trang chủ\n---\n\n# Chuyên trang cải cách hành chính {unit_of(k)}\n",
                                         encoding="utf-8")
        (folder / "don-vi.yml").write_text(_declaration(k), encoding="utf-8")
        (folder / "duong-day-nong").mkdir()
        (folder / "duong-day-nong" / f"{name_of(k)}.yml").write_text(_hotline(k), encoding="utf-8")
        (folder / "tin-tuc" / "2021").mkdir(exist_ok=True)
        for i in range(1 + k % 3):  # one, two or three articles delivering task 1
            (folder / "tin-tuc" / "2021" / f"chuyen-muc-{i + 1}.md").write_text(_delivering(k, i), encoding="utf-8")
    shutil.rmtree(dest / "template")
    return project


def _size(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())


def _parts(folder: Path) -> str:
    """What a site's bytes are: compressed copies, images, the search index, the rest."""
    parts = {"compressed copies (.gz, .br)": 0, "images": 0, "search index": 0, "the rest": 0}
    for f in folder.rglob("*"):
        if f.is_file():
            part = ("compressed copies (.gz, .br)" if f.suffix in (".gz", ".br") else "search index" if "pagefind" in f.parts
                    else "images" if f.suffix.lower() in (".jpg", ".jpeg", ".png", ".webp", ".gif", ".svg") else "the rest")
            parts[part] += f.stat().st_size
    return ", ".join(f"{k} {v / 2**20:.1f} MiB" for k, v in parts.items())


def build(project: Path, portal: str, out: Path, units_data: Path | None = None) -> tuple[float, float, float]:
    shutil.rmtree(out, ignore_errors=True)
    command = [str(scale.BIN / "cchc"), "build", "--portal", portal, "-d", str(out)]
    return scale.measure(command + (["--units-data", str(units_data)] if units_data else []), project)


def units_data(built_commune: Path, dest: Path, communes: int, evidence: int = 0) -> int:
    """dest/<name>.json for every commune: the built one's file, renamed for each; its size.
    `evidence`: that many items per task instead (the built ones repeated, a day apart)."""
    dest.mkdir(parents=True, exist_ok=True)
    text = (built_commune / DATA).read_text(encoding="utf-8")
    if evidence:
        import datetime as dt

        data = json.loads(text)
        for task in data["tasks"]:
            seen = task["evidence"]
            task["evidence"] = [dict(seen[i % len(seen)], url=f"{seen[i % len(seen)]['url']}#{i}",
                                     date=(dt.date(2021, 1, 1) + dt.timedelta(days=i * 360 // evidence)).isoformat())
                                for i in range(evidence)]
        text = json.dumps(data, ensure_ascii=False, indent=1)
    for k in range(1, communes + 1):
        (dest / f"{name_of(k)}.json").write_text(text.replace(name_of(1), name_of(k)).replace(unit_of(1), unit_of(k)), encoding="utf-8")
    return len(text.encode())


def aggregation(project: Path, folders: dict[int, Path], repeats: int = 3) -> dict[int, float]:
    """CPU seconds of assembling the province's site (every generated page: plans, reports…)
    in this process, per number of units' data files: the minimum of `repeats`."""
    import datetime as dt

    from generator import family
    from generator.content import load_corpus
    from generator.pages import build_site

    found, problems = family.read(project)
    assert not problems, problems
    root = found.root
    ctx = family.context_for(found, root.name)
    corpus, problems = load_corpus(project, project / root.plans, project / root.content, ctx.skipped(project))
    assert not problems, [str(p) for p in problems]
    today = dt.date(2026, 11, 22)
    times = {}
    for count, folder in folders.items():
        runs = []
        for _ in range(repeats):
            start = time.process_time()
            site = build_site(corpus, today, root.site_url, family=family.context_for(found, root.name, None, folder))
            runs.append(time.process_time() - start)
        times[count] = min(runs)
        evidence = f"{SITE_URL}{name_of(count)}/tin-tuc/"  # a link into the last unit's portal: its data was read
        assert not count or any(evidence in text for text in site.generated.values()) or not cascade_landed(), evidence
    return times


def search_download(province_site: Path, commune_site: Path, communes: int, query: str) -> tuple[int, int, int, dict]:
    """Bytes, requests and results of a first search over the province's index and every
    commune's, and the bytes by kind of file (.js, .wasm, entry/meta, index chunks, fragments)."""
    for k in range(1, communes + 1):  # each commune's bundle at its path (a copy of the one built)
        target = province_site / name_of(k) / "pagefind"
        if not target.exists():
            shutil.copytree(commune_site / "pagefind", target, copy_function=os.link)
    total, requests, kinds = [0], [0], {}
    indexes = [f"/{name_of(k)}/pagefind/" for k in range(1, communes + 1)]
    with served.browser_page(province_site) as (page, base):
        def count(response):
            if "/pagefind/" in response.url:
                try:
                    size = served.sent_size(response.url, response.body())
                except Exception:  # noqa: BLE001  (a body the browser let go of: counted apart)
                    kinds["unread"] = kinds.get("unread", 0) + 1
                    return
                total[0] += size
                requests[0] += 1
                kind = response.url.split("?")[0].rsplit(".", 1)[-1]
                kinds[kind] = kinds.get(kind, 0) + size

        page.on("response", count)
        page.goto(f"{base}/404.html")
        found = page.evaluate("""async ([q, indexes]) => {
            const pf = await import('/pagefind/pagefind.js');
            await pf.options({});
            for (const index of indexes) await pf.mergeIndex(index);
            const r = await pf.search(q);
            await Promise.all(r.results.slice(0, 10).map(x => x.data()));
            return r.results.length;
        }""", [query, indexes])
        page.wait_for_timeout(300)
    return total[0], requests[0], found, kinds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--communes", type=int, default=100)
    parser.add_argument("--articles", type=int, default=200, help="articles per commune")
    parser.add_argument("--province-articles", type=int, default=200)
    parser.add_argument("--queries", nargs="+", default=["dich vu cong truc tuyen", "khai sinh"], help="each a first search")
    parser.add_argument("--setup-minutes", type=float, default=1.0, help="per job, for the CI estimate (not measured here)")
    parser.add_argument("--evidence", type=int, default=0, help="items of evidence per unit's task in the data files (default: as built)")
    parser.add_argument("--keep", type=Path, help="keep the generated family under this folder")
    args = parser.parse_args()
    scale.ENV["CCHC_CACHE"] = "0"
    n = args.communes
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}; {os.cpu_count()} cores; "
          f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}", flush=True)
    work = Path(tempfile.mkdtemp(prefix="cchc-family-", dir=args.keep))
    photos = Path(tempfile.mkdtemp(prefix="cchc-photos-"))
    try:
        start = time.perf_counter()
        project = write_family(work, n, args.articles, args.province_articles, photos)
        print(f"family written: {n} communes × {args.articles} articles + the province ({args.province_articles}) "
              f"in {time.perf_counter() - start:.0f} s; cascade (units:) {'landed' if cascade_landed() else 'NOT landed'}", flush=True)
        built = work / "built"

        cpu, wall, peak = build(project, name_of(1), built / name_of(1))
        commune_size = _size(built / name_of(1))
        print(f"one commune: CPU {cpu:.1f} s, wall {wall:.1f} s, peak {peak / 2**20:.0f} MiB, site {commune_size / 2**20:.1f} MiB", flush=True)
        commune_cpu = cpu
        print(f"  its site: {_parts(built / name_of(1))}", flush=True)

        rows = []
        has_data = (built / name_of(1) / DATA).is_file()
        if not has_data:
            print(f"no {DATA} in the commune's site (cascade not merged): the province builds with an empty units folder")
        for count in sorted({0, n // 4, n // 2, n}):
            folder = work / f"units-{count}"
            folder.mkdir()
            size = units_data(built / name_of(1), folder, count, args.evidence) if has_data and count else 0
            cpu, wall, peak = build(project, ROOT_NAME, built / ROOT_NAME, folder)
            rows.append((count, cpu, wall, peak))
            print(f"province with {count:3} units' data ({size / 1024:.1f} KiB each): CPU {cpu:.1f} s, wall {wall:.1f} s, "
                  f"peak {peak / 2**20:.0f} MiB", flush=True)
        inner = aggregation(project, {count: work / f"units-{count}" for count, *_ in rows})
        base, inner_base = rows[0][1], inner[0]
        print("\n| units' data | province build CPU | minus 0 units | site assembly in-process | minus 0 units | per unit |")
        print("|---|---|---|---|---|---|")
        for count, cpu, _wall, _peak in rows:
            extra = inner[count] - inner_base
            print(f"| {count} | {cpu:.1f} s | {cpu - base:+.1f} s | {inner[count]:.2f} s | {extra:+.2f} s | "
                  + (f"{extra / count * 1000:.1f} ms |" if count else "– |"))
        province_cpu = rows[-1][1]
        matrix = commune_cpu * n + province_cpu
        print(f"\nmatrix total: {commune_cpu:.1f} s × {n} + {province_cpu:.1f} s = {matrix / 60:.1f} CPU-minutes of building; "
              f"with ~{args.setup_minutes:g} min of set-up per job: {n + 1} jobs (one portal each) "
              f"≈ {matrix / 60 + (n + 1) * args.setup_minutes:.0f} min; {min(n, 20)} jobs of {-(-n // 20)} communes + 1 "
              f"≈ {matrix / 60 + (min(n, 20) + 1) * args.setup_minutes:.0f} min")
        print(f"family site: {n} × {commune_size / 2**20:.1f} MiB + province {_size(built / ROOT_NAME) / 2**20:.1f} MiB "
              f"≈ {(n * commune_size + _size(built / ROOT_NAME)) / 2**30:.2f} GiB", flush=True)

        if (built / name_of(1) / "pagefind").is_dir():
            for query in args.queries:
                size, requests, found, kinds = search_download(built / ROOT_NAME, built / name_of(1), n, query)
                print(f"province search {query!r} over its index and {n} communes' (mergeIndex): {found} results, "
                      f"{size / 1024:.0f} KiB in {requests} requests ("
                      + ", ".join(f"{kind} {b / 1024:.0f} KiB" if kind != "unread" else f"{b} bodies unread" for kind, b in sorted(kinds.items()))
                      + ")", flush=True)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        shutil.rmtree(photos, ignore_errors=True)
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
