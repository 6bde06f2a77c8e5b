"""The `cchc` command: check content, build the site safely, preview it.

`build` runs MkDocs in a subprocess (only plugin.py imports mkdocs) into a
temporary directory beside the target, and swaps it in only when the build
succeeded: a failed build leaves the published site/ as it was.
"""
from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import threading
from pathlib import Path

from . import checkmemo, dates, i18n, precompress, search, summary, urls
from .errors import ContentError, warnings_report
from .i18n import _, _n
from .pages import assemble

_QUIET = {"NO_MKDOCS_2_WARNING": "1"}  # Material's banner about MkDocs 2 is noise for officers
CHECK_SITE_URL = "https://cchc.invalid/"  # `check` writes nothing, so no address of the portal is needed
STAGING_PREFIXES = (".site-build-", ".site-previous-")


def _build_date():
    """The build date, or None after saying why it cannot be read (a bad CCHC_BUILD_DATE)."""
    try:
        return dates.build_date()
    except dates.BuildDateError as err:
        print(_("error: {error}", error=err), file=sys.stderr)
        return None


def check(args) -> int:
    root = Path.cwd()
    today = _build_date()
    if today is None:
        return 2
    if (root / "mkdocs.yml").is_file():
        from . import family_cli

        declared = family_cli.declared(root, "mkdocs.yml")
        if declared is None:
            return 1
        if len(declared.portals) > 1:
            checkmemo.use(root)  # files unchanged since the last check are not read again
            try:
                return family_cli.check(root, declared, today)
            finally:
                checkmemo.stop()
    # As the publishing build sees it (drafts are read and checked all the same).
    checkmemo.use(root)  # files unchanged since the last check are not read again
    try:
        corpus, __, problems = assemble(root, root / args.plans, root / args.content, today, CHECK_SITE_URL, pages=False)
    finally:
        checkmemo.stop()
    later = summary.report(corpus, today)  # after the verdict: what is not on the site yet, and why
    if problems:
        print(ContentError(problems).report(), file=sys.stderr)
        if corpus.warnings:
            print(warnings_report(corpus.warnings), file=sys.stderr)
        if later:  # on stdout: the problems alone go to stderr
            sys.stderr.flush()
            print(later)
        return 1
    print(_("OK: {counts} checked, no problems.", counts=corpus.counts()))
    if corpus.warnings:  # printed after the verdict, and the check still passes (exit 0)
        print(warnings_report(corpus.warnings))
    if later:
        print(later)
    return 0


def _mkdocs(*argv: str, **extra_env: str) -> int:
    """Run MkDocs and return its exit code. A stop asked of cchc is passed on, so that
    `cchc serve` stopped by an editor or a supervisor (SIGTERM, SIGHUP) never leaves MkDocs
    holding the port; Ctrl-C reaches MkDocs from the terminal itself, and cchc waits for it
    to finish, then stops (exit code 130, no traceback, no further portal built)."""
    env = {**os.environ, **_QUIET, **extra_env}
    child = subprocess.Popen([sys.executable, "-m", "mkdocs", *argv], env=env)
    previous, interrupted = {}, []
    if threading.current_thread() is threading.main_thread():  # handlers can be set there only
        for name in ("SIGTERM", "SIGHUP"):
            if hasattr(signal, name):
                previous[getattr(signal, name)] = signal.signal(getattr(signal, name), lambda signum, _: child.send_signal(signum))
        previous[signal.SIGINT] = signal.signal(signal.SIGINT, lambda *_: interrupted.append(True))
    try:
        code = child.wait()
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
    if interrupted:
        raise SystemExit(130)
    return code


def build(args) -> int:
    if _build_date() is None:
        return 2
    if args.portal or args.all:
        from . import family_cli

        return family_cli.build(args)
    return build_one(args.config, Path(args.site_dir).resolve(), args.strict)


def build_one(config: str, target: Path, strict: bool = True, portal: str = "", **extra_env: str) -> int:
    """Build the portal of `config` into `target`, replaced only if the build succeeded
    (`portal`: its name in a family of portals, for the last message)."""
    _clean_stale_staging(target)
    staging = target.parent / f"{STAGING_PREFIXES[0]}{os.getpid()}"
    command = ["build", "--clean", "-f", config, "-d", str(staging)] + (["--strict"] if strict else [])
    # The search index is built once MkDocs has exited, so the two never hold memory together:
    # the plugin leaves this file in the site when the site wants an index (generator/search.py).
    wanted = staging / search.WANTED
    built = _mkdocs(*command, **{search.LATER: "1"}, **extra_env) == 0
    if built and wanted.exists():
        try:
            search.build_index(staging)
        except search.SearchIndexError as err:
            print(_("error: {error}", error=err), file=sys.stderr)
            built = False
    wanted.unlink(missing_ok=True)
    if built:  # the very last step, every file final: copies for servers that send them compressed
        precompress.write_all(staging, precompress.cache_for(Path(config).resolve().parent))  # (the plugin's project root)
    if not built:
        shutil.rmtree(staging, ignore_errors=True)
        if target.exists():
            print(_("Build failed: nothing was published; {folder}/ was left as it was.", folder=target.name), file=sys.stderr)
        else:
            print(_("Build failed: nothing was published."), file=sys.stderr)
        return 1
    publish(staging, target)
    if portal:
        print(_("Portal {portal} built into {folder}/ (build date {date}).", portal=portal, folder=os.path.relpath(target), date=dates.build_date().isoformat()))
    else:
        print(_("Site built into {folder}/ (build date {date}).", folder=target.name, date=dates.build_date().isoformat()))
    return 0


def publish(staging: Path, target: Path) -> None:
    """Put the finished `staging` in the place of `target` (the old site is kept until then)."""
    previous = target.parent / f"{STAGING_PREFIXES[1]}{os.getpid()}"
    if target.exists():
        target.rename(previous)
    staging.rename(target)
    shutil.rmtree(previous, ignore_errors=True)


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


def portals(args) -> int:
    from . import family_cli

    return family_cli.portals(args)


def serve(args) -> int:
    config = args.config
    if args.portal:
        from . import family_cli

        config = family_cli.config_of(args.portal, args.config)
        if config is None:
            return 1
    # --dirty: after a save, the plugin has only the pages it changed made again (preview.py).
    return _mkdocs("serve", "-f", config, "--dev-addr", args.dev_addr, "--dirty")


def generate(args) -> int:
    """Write the site's Markdown source into a folder that plain MkDocs, ProperDocs or Zensical build."""
    from . import generate as generation
    from .i18n import _

    root = Path.cwd()
    today = _build_date()
    if today is None:
        return 2
    out = Path(args.dir)
    if root.is_relative_to(out.resolve()) or not generation.replaceable(out):
        print(_("error: {dir} is not empty and was not written by cchc generate: give a new or empty folder", dir=args.dir), file=sys.stderr)
        return 2
    config = args.config
    if args.portal:
        from . import family_cli

        config = family_cli.config_of(args.portal, args.config)
        if config is None:
            return 1
        root, config = Path(config).parent, Path(config).name
    problems = generation.write_source(root, out, today, config_file=config, drafts=args.drafts)
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
        print(_("error: no posters in {folder}/: run `cchc build` first", folder=site_dir), file=sys.stderr)
        return 2
    chromium = args.chromium or print_pdf.find_chromium()
    if not chromium:
        print(_("error: Chromium was not found: install it (sudo apt-get install chromium), or give --chromium PATH or $CHROMIUM_PATH"), file=sys.stderr)
        return 2
    try:
        printed = print_pdf.print_all(site_dir, chromium, Path(args.out) if args.out else None)
    except (OSError, subprocess.SubprocessError) as err:
        print(_("error: Chromium could not print the posters: {error}", error=err), file=sys.stderr)
        return 1
    long = [p for p in printed if p.pages != 1]
    for p in long:
        print(_("warning: {url} prints on {pages} A4 pages, not one: shorten the text it prints", url=p.url, pages=p.pages), file=sys.stderr)
    if args.out:
        print(_n("{count} poster printed to PDF in {folder}/.", "{count} posters printed to PDF in {folder}/.", len(printed), count=len(printed), folder=args.out))
    else:
        print(_n("{count} poster printed to PDF beside its page in {folder}/.", "{count} posters printed to PDF beside their pages in {folder}/.", len(printed), count=len(printed), folder=site_dir))
    return 1 if long else 0


def schemas(args) -> int:
    """Write the editors' JSON Schemas and VS Code settings (generator/editor_schema.py)."""
    from . import editor_schema
    from .i18n import _

    changed = editor_schema.write(Path(args.dir))
    for rel in changed:
        print(_("written: {path}", path=rel))
    print(_("The editor schemas are up to date ({count} files).", count=len(editor_schema.generated_files())))
    return 0


def new(args) -> int:
    """`cchc new KIND [title]`: a new file with every required field (generator/scaffold.py)."""
    from . import scaffold

    root = Path.cwd()
    today = _build_date()
    if today is None:
        return 2
    if args.portal:  # a unit of the family: its own folder and plans
        from . import family_cli

        found = family_cli.declared(root, "mkdocs.yml")
        portal = found and family_cli.pick(found, args.portal)
        if portal is None:
            return 1
        args.content, args.plans = portal.content, portal.plans
    if not (root / args.content).is_dir():  # not in the portal's folder: the file would land nowhere useful
        print(_("error: there is no {folder}/ folder here: run the command in the portal's folder (the one with mkdocs.yml)", folder=args.content), file=sys.stderr)
        return 2
    asking = sys.stdin.isatty()
    title = " ".join(args.title).strip()
    if not title and asking:
        title = input(_("Title: ")).strip()
    if not title:
        print(_("error: give the title after the kind, e.g. {example}", example=f'cchc new {args.kind} "…"'), file=sys.stderr)
        return 2
    header = None
    if args.kind == "plan":
        header, missing = _plan_header(args, today, asking)
        if missing:
            print(_("error: a new plan needs {flags} (or run the command in a terminal to be asked)", flags=", ".join(missing)), file=sys.stderr)
            return 2
        wrong = scaffold.check_header(header)
        if wrong:
            print("\n".join(_("error: {error}", error=w) for w in wrong), file=sys.stderr)
            return 2
    try:
        made = scaffold.new_file(args.kind, title, root / args.plans, root / args.content, today, header, args.series)
        shown = made.path.relative_to(root).as_posix() if made.path.is_relative_to(root) else str(made.path)
        scaffold.write(made, shown)
    except scaffold.ScaffoldError as err:
        print(_("error: {error}", error=err), file=sys.stderr)
        return 1
    print(_("Created {path}", path=shown))
    print(_("Next:\n"
            "  1. open the file and replace every <<ĐIỀN: …>> with the real text (the comments say what goes where);\n"
            "  2. run `cchc check`: it lists every place still to fill in, with its line and column;\n"
            "  3. run `cchc serve` and look at the page in the browser;\n"
            "  4. commit the file with git."))
    return 0


def _plan_header(args, today, asking: bool):
    """Number, issuer, level and year of a new plan: from the flags, else asked for."""
    from .kinds.plan import LEVELS
    from .scaffold import PlanHeader

    questions = {
        "number": _("Number and symbol, as printed (e.g. 15/KH-UBND): "),
        "issuer": _("Issuing body, full name (e.g. Ủy ban nhân dân xã Mỹ Xuyên): "),
        "level": _("Level ({choices}): ", choices=", ".join(LEVELS)),
        "year": _("Year the plan covers [{year}]: ", year=today.year),
    }
    values, missing = {}, []
    for key, question in questions.items():
        value = getattr(args, key)
        if value is None and asking:
            value = input(question).strip() or (str(today.year) if key == "year" else "")
        if value is None or value == "":
            if key == "year":
                value = str(today.year)
            else:
                missing.append(f"--{key}")
        values[key] = value
    year = values["year"]
    header = PlanHeader(
        number=(values["number"] or "").strip(), issuer=" ".join((values["issuer"] or "").split()), level=(values["level"] or "").strip(),
        year=int(year) if str(year).strip().isascii() and str(year).strip().isdigit() else 0,
    )
    return header, missing


def _choose_language(argv: list[str] | None) -> None:
    """`--lang en|vi` (anywhere on the line) sets CCHC_LANG before any message is made, help
    included, and for the MkDocs process that `build` and `serve` start."""
    early = argparse.ArgumentParser(add_help=False)
    early.add_argument("--lang", choices=i18n.LANGUAGES)
    known, __ = early.parse_known_args(argv)
    if known.lang:
        i18n.set_language(known.lang)


def _argparse_words(text: str) -> str:
    """argparse's own words (usage, headings, its errors) in the chosen language; argparse
    looks each up through its module's `_` when it needs it, and fills in the %-fields."""
    words = {
        "usage: ": _("usage: "),
        "positional arguments": _("positional arguments"),
        "options": _("options"),
        "show this help message and exit": _("show this help message and exit"),
        "%(prog)s: error: %(message)s\n": _("%(prog)s: error: %(message)s\n"),
        "argument %(argument_name)s: %(message)s": _("argument %(argument_name)s: %(message)s"),
        "invalid choice: %(value)r (choose from %(choices)s)": _("invalid choice: %(value)r (choose from %(choices)s)"),
        "the following arguments are required: %s": _("the following arguments are required: %s"),
        "unrecognized arguments: %s": _("unrecognized arguments: %s"),
        "expected one argument": _("expected one argument"),
    }
    return words.get(text, text)


def main(argv: list[str] | None = None) -> int:
    _choose_language(argv)
    argparse._ = _argparse_words  # before the parsers are made: their headings are set then
    parser = argparse.ArgumentParser(
        prog="cchc",
        description=_("Build a CCHC outreach portal from plans/*.yml and content/."),
        epilog=_("The build date is today in Asia/Ho_Chi_Minh; set {variable}=YYYY-MM-DD to build as of another day.", variable=dates.BUILD_DATE_VARIABLE),
    )
    parser.add_argument("--lang", choices=i18n.LANGUAGES, help=_("language of the messages: vi (default) or en; also set by {variable}", variable=i18n.ENV))
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = commands.add_parser("check", help=_("validate all content without building; lists every problem"))
    p.add_argument("--plans", default="plans", help=_("folder of plan files (default: plans)"))
    p.add_argument("--content", default="content", help=_("folder of pages, articles and programmes (default: content)"))
    p.set_defaults(run=check)

    p = commands.add_parser("build", help=_("build the site into a temporary folder, then replace site/ if it succeeded"))
    p.add_argument("-f", "--config", default="mkdocs.yml", help=_("MkDocs configuration (default: mkdocs.yml)"))
    p.add_argument("-d", "--site-dir", default="site", help=_("where to publish (default: site)"))
    p.add_argument("--no-strict", dest="strict", action="store_false", help=_("do not fail on warnings"))
    p.add_argument("--portal", metavar="NAME", help=_("in a family of portals: build this portal (`cchc portals` lists them)"))
    p.add_argument("--all", action="store_true", help=_("in a family of portals: build every portal, the units first, in parallel"))
    p.add_argument("-j", "--jobs", type=int, default=0, help=_("with --all: how many portals to build at once (default: the number of processors)"))
    p.add_argument("--units-data", metavar="DIR", help=_("the delivery data of the units below the portal, one NAME.json each (the units' {file})", file=urls.UNIT_DATA.lstrip("/")))
    p.set_defaults(run=build)

    p = commands.add_parser("serve", help=_("preview with live reload (also when plans/ change)"))
    p.add_argument("-f", "--config", default="mkdocs.yml", help=_("MkDocs configuration (default: mkdocs.yml)"))
    p.add_argument("-a", "--dev-addr", default="127.0.0.1:8000", help=_("address to serve on (default: 127.0.0.1:8000)"))
    p.add_argument("--portal", metavar="NAME", help=_("in a family of portals: preview this portal (`cchc portals` lists them)"))
    p.set_defaults(run=serve)

    p = commands.add_parser("portals", help=_("list the family's portals: name, level, parent, address"))
    p.add_argument("-f", "--config", default="mkdocs.yml", help=_("MkDocs configuration (default: mkdocs.yml)"))
    p.add_argument("--json", action="store_true", help=_("as JSON, for CI's job matrix"))
    p.set_defaults(run=portals)

    from .scaffold import COMMANDS

    p = commands.add_parser("new", help=_("start a new file of a kind, with every required field and what to write in it"))
    p.add_argument("kind", choices=list(COMMANDS), help=_("what to create"))
    p.add_argument("title", nargs="*", help=_("its title in Vietnamese (the file name is made from it)"))
    p.add_argument("--number", help=_("plan: number and symbol as printed, e.g. 15/KH-UBND"))
    p.add_argument("--issuer", help=_("plan: the issuing body's full name"))
    p.add_argument("--level", help=_("plan: tinh, huyen or xa"))
    p.add_argument("--year", help=_("plan: the year it covers (default: this year)"))
    p.add_argument("--series", help=_("episode: the series folder in content/chuong-trinh/"))
    p.add_argument("--portal", metavar="NAME", help=_("in a family of portals: write the file in this portal's folder (`cchc portals` lists them)"))
    p.add_argument("--plans", default="plans", help=_("folder of plan files (default: plans)"))
    p.add_argument("--content", default="content", help=_("folder of pages, articles and programmes (default: content)"))
    p.set_defaults(run=new)

    p = commands.add_parser("generate", help=_("write the site's Markdown source (generated pages included) into DIR, buildable without the cchc plugin"))
    p.add_argument("dir", metavar="DIR", help=_("the folder to write (replaced if it exists)"))
    p.add_argument("-f", "--config", default="mkdocs.yml", help=_("MkDocs configuration (default: mkdocs.yml)"))
    p.add_argument("--drafts", action="store_true", help=_("include drafts and articles dated later, as the preview shows them"))
    p.add_argument("--portal", metavar="NAME", help=_("in a family of portals: write this portal's source (`cchc portals` lists them)"))
    p.set_defaults(run=generate)

    p = commands.add_parser("posters", help=_("print the built site's A4 posters and leaflet to PDF with headless Chromium"))
    p.add_argument("-d", "--site-dir", default="site", help=_("the built site (default: site)"))
    p.add_argument("-o", "--out", help=_("write every PDF into this folder (default: beside each poster in the site)"))
    p.add_argument("--chromium", help=_("the Chromium program (default: $CHROMIUM_PATH, else chromium on the PATH)"))
    p.set_defaults(run=posters)

    p = commands.add_parser("schemas", help="write the JSON Schemas of every file kind and the VS Code settings that use them")
    p.add_argument("dir", nargs="?", default=".", help="the project folder to write .vscode/ into (default: .)")
    p.set_defaults(run=schemas)
    from .importer.command import add_parser as add_import  # issue 11: draft a plan from its signed document

    add_import(commands)

    for sub in commands.choices.values():  # `cchc check --lang en` as well as `cchc --lang en check`
        sub.add_argument("--lang", choices=i18n.LANGUAGES, default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
