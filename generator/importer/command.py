"""`cchc import FILE [-o plans/<name>.yml]`: the command around the importer."""
from __future__ import annotations

import sys
from pathlib import Path

from ..i18n import _
from . import MissingLibrary, UnknownFormat, import_file

INSTALL = "pip install -e '.[import]'"


def run(args) -> int:
    source = Path(args.file)
    if not source.is_file():
        print(_("error: {file} was not found", file=str(source)), file=sys.stderr)
        return 2
    out = Path(args.output) if args.output else None
    if out and out.exists() and not args.force:
        print(_("error: {file} already exists: give another name, or --force to replace it", file=str(out)), file=sys.stderr)
        return 2
    try:
        draft = import_file(source, ocr=True if args.ocr else None)
    except MissingLibrary as err:
        print(_("error: reading this file needs the {library} library: install it with {command}", library=err.library, command=INSTALL), file=sys.stderr)
        return 2
    except UnknownFormat:
        print(_("error: {file} is not a .docx, .pdf or .txt file: save the document in one of these formats", file=str(source)), file=sys.stderr)
        return 2
    except Exception as err:  # a damaged or password-protected file: say so, no traceback
        print(_("error: {file} could not be read ({reason}): open it in Word and save it again as .docx", file=str(source), reason=type(err).__name__), file=sys.stderr)
        return 1
    if out:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(draft.text, encoding="utf-8")
        print(_("Draft written to {file}.", file=str(out)))
    else:
        sys.stdout.write(draft.text)
    print(draft.summary(), file=sys.stderr if not out else sys.stdout)
    name = None if out else suggested_name(draft.plain())
    if name:
        print(_("To save it: cchc import {source} -o plans/{name}", source=str(source), name=name), file=sys.stderr)
    if draft.checks:
        print(_("Search the file for KIỂM TRA, check each of those lines against the signed document, then run `cchc check`."), file=sys.stderr if not out else sys.stdout)
    return 0


def suggested_name(data: dict) -> str | None:
    """`<year>-<unit>-<number>.yml` as plans/README.md names plan files: 2025-xa-an-phu-27.yml."""
    from .. import urls
    from ..kinds.plan import PEOPLES_COMMITTEE

    date, name = data.get("date"), (data.get("issuer") or {}).get("name")
    number = data.get("number") or (data.get("approval") or {}).get("number")
    if not (hasattr(date, "year") and isinstance(name, str) and name and isinstance(number, str) and number):
        return None
    unit = name[len(PEOPLES_COMMITTEE):] if name.lower().startswith(PEOPLES_COMMITTEE.lower()) else name
    return f"{date.year}-{urls.slugify(unit)}-{urls.slugify(number.split('/')[0])}.yml"


def add_parser(commands) -> None:
    p = commands.add_parser("import", help="draft a plan file (plans/*.yml) from its signed document: .docx, .pdf or .txt")
    p.add_argument("file", help="the signed document")
    p.add_argument("-o", "--output", help="write the draft here, e.g. plans/2025-xa-an-binh-12.yml (default: print it)")
    p.add_argument("--force", action="store_true", help="replace the output file if it exists")
    p.add_argument("--ocr", action="store_true", help="the text comes from OCR of a scan (found by itself when it has no diacritics)")
    p.set_defaults(run=run)
