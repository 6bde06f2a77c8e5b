"""The `cchc` command: check content, build the site safely, preview it.

`build` runs MkDocs in a subprocess (only plugin.py imports mkdocs) into a
temporary directory beside the target, and swaps it in only when the build
succeeded: a failed build leaves the published site/ as it was.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

from . import dates
from .errors import ContentError, warnings_report
from .pages import assemble

_QUIET = {"NO_MKDOCS_2_WARNING": "1"}  # Material's banner about MkDocs 2 is noise for officers
CHECK_SITE_URL = "https://cchc.invalid/"  # `check` writes nothing, so no address of the portal is needed
STAGING_PREFIXES = (".site-build-", ".site-previous-")


def check(args) -> int:
    root = Path.cwd()
    try:
        today = dates.build_date()
    except dates.BuildDateError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    # As the publishing build sees it (drafts are read and checked all the same).
    corpus, _, problems = assemble(root, root / args.plans, root / args.content, today, CHECK_SITE_URL)
    if problems:
        print(ContentError(problems).report(), file=sys.stderr)
        if corpus.warnings:
            print(warnings_report(corpus.warnings), file=sys.stderr)
        return 1
    print(f"OK: {corpus.counts()} checked, no problems.")
    if corpus.warnings:  # printed after the verdict, and the check still passes (exit 0)
        print(warnings_report(corpus.warnings))
    return 0


def _mkdocs(*argv: str) -> int:
    env = {**os.environ, **_QUIET}
    return subprocess.call([sys.executable, "-m", "mkdocs", *argv], env=env)


def build(args) -> int:
    try:
        dates.build_date()
    except dates.BuildDateError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    target = Path(args.site_dir).resolve()
    _clean_stale_staging(target)
    staging = target.parent / f"{STAGING_PREFIXES[0]}{os.getpid()}"
    previous = target.parent / f"{STAGING_PREFIXES[1]}{os.getpid()}"
    command = ["build", "--clean", "-f", args.config, "-d", str(staging)] + (["--strict"] if args.strict else [])
    if _mkdocs(*command) != 0:
        shutil.rmtree(staging, ignore_errors=True)
        kept = f"; {target.name}/ was left as it was" if target.exists() else ""
        print(f"Build failed: nothing was published{kept}.", file=sys.stderr)
        return 1
    if target.exists():
        target.rename(previous)
    staging.rename(target)
    shutil.rmtree(previous, ignore_errors=True)
    print(f"Site built into {target.name}/ (build date {dates.build_date().isoformat()}).")
    return 0


def _clean_stale_staging(target: Path) -> None:
    """Tidy what a build killed midway left beside `target` (its process is gone): a half-built
    staging folder is removed; the previous site is put back if it was never replaced."""
    for path in sorted(target.parent.iterdir()) if target.parent.is_dir() else ():
        prefix = next((p for p in STAGING_PREFIXES if path.name.startswith(p)), None)
        pid = path.name[len(prefix):] if prefix else ""
        if not (pid.isascii() and pid.isdigit()) or _alive(int(pid)):
            continue
        if prefix == STAGING_PREFIXES[1] and not target.exists():
            path.rename(target)  # killed between moving the old site away and the new one in
        else:
            shutil.rmtree(path, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def serve(args) -> int:
    # --dirty: after a save, the plugin has only the pages it changed made again (preview.py).
    return _mkdocs("serve", "-f", args.config, "--dev-addr", args.dev_addr, "--dirty")


def generate(args) -> int:
    """Write the site's Markdown source into a folder that plain MkDocs, ProperDocs or Zensical build."""
    from . import generate as generation
    from .i18n import _

    root = Path.cwd()
    try:
        today = dates.build_date()
    except dates.BuildDateError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    out = Path(args.dir)
    if root.is_relative_to(out.resolve()) or not generation.replaceable(out):
        print(_("error: {dir} is not empty and was not written by cchc generate: give a new or empty folder", dir=args.dir), file=sys.stderr)
        return 2
    problems = generation.write_source(root, out, today, config_file=args.config, drafts=args.drafts)
    if problems:
        print(ContentError(problems).report(), file=sys.stderr)
        return 1
    print(_("The site's source is in {dir}/ (build date {date}); build it with: mkdocs build -f {config}",
            dir=args.dir, date=today.isoformat(), config=str(out / "mkdocs.yml")))
    return 0


def posters(args) -> int:
    """Print the built site's posters and leaflet to PDF (generator/print_pdf.py)."""
    from . import print_pdf

    site_dir = Path(args.site_dir)
    if not (site_dir.is_dir() and print_pdf.printable_pages(site_dir)):
        print(f"error: no posters in {site_dir}/: run `cchc build` first", file=sys.stderr)
        return 2
    chromium = args.chromium or print_pdf.find_chromium()
    if not chromium:
        print("error: Chromium was not found: install it (sudo apt-get install chromium), or give --chromium PATH or $CHROMIUM_PATH", file=sys.stderr)
        return 2
    try:
        printed = print_pdf.print_all(site_dir, chromium, Path(args.out) if args.out else None)
    except (OSError, subprocess.SubprocessError) as err:
        print(f"error: Chromium could not print the posters: {err}", file=sys.stderr)
        return 1
    long = [p for p in printed if p.pages != 1]
    for p in long:
        print(f"warning: {p.url} prints on {p.pages} A4 pages, not one: shorten the text it prints", file=sys.stderr)
    print(f"{len(printed)} posters printed to PDF" + (f" in {args.out}/" if args.out else f" beside their pages in {site_dir}/") + ".")
    return 1 if long else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="cchc",
        description="Build a CCHC outreach portal from plans/*.yml and content/.",
        epilog=f"The build date is today in Asia/Ho_Chi_Minh; set {dates.BUILD_DATE_VARIABLE}=YYYY-MM-DD to build as of another day.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = commands.add_parser("check", help="validate all content without building; lists every problem")
    p.add_argument("--plans", default="plans", help="folder of plan files (default: plans)")
    p.add_argument("--content", default="content", help="folder of pages, articles and programmes (default: content)")
    p.set_defaults(run=check)

    p = commands.add_parser("build", help="build the site into a temporary folder, then replace site/ if it succeeded")
    p.add_argument("-f", "--config", default="mkdocs.yml", help="MkDocs configuration (default: mkdocs.yml)")
    p.add_argument("-d", "--site-dir", default="site", help="where to publish (default: site)")
    p.add_argument("--no-strict", dest="strict", action="store_false", help="do not fail on warnings")
    p.set_defaults(run=build)

    p = commands.add_parser("serve", help="preview with live reload (also when plans/ change)")
    p.add_argument("-f", "--config", default="mkdocs.yml", help="MkDocs configuration (default: mkdocs.yml)")
    p.add_argument("-a", "--dev-addr", default="127.0.0.1:8000", help="address to serve on (default: 127.0.0.1:8000)")
    p.set_defaults(run=serve)

    p = commands.add_parser("generate", help="write the site's Markdown source (generated pages included) into DIR, buildable without the cchc plugin")
    p.add_argument("dir", metavar="DIR", help="the folder to write (replaced if it exists)")
    p.add_argument("-f", "--config", default="mkdocs.yml", help="MkDocs configuration (default: mkdocs.yml)")
    p.add_argument("--drafts", action="store_true", help="include drafts and articles dated later, as the preview shows them")
    p.set_defaults(run=generate)

    p = commands.add_parser("posters", help="print the built site's A4 posters and leaflet to PDF with headless Chromium")
    p.add_argument("-d", "--site-dir", default="site", help="the built site (default: site)")
    p.add_argument("-o", "--out", help="write every PDF into this folder (default: beside each poster in the site)")
    p.add_argument("--chromium", help="the Chromium program (default: $CHROMIUM_PATH, else chromium on the PATH)")
    p.set_defaults(run=posters)

    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
