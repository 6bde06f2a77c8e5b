"""SVG images an officer puts in content/: pictures, never programs.

An SVG is XML that a browser runs like a page when it is opened by its own address: a
<script>, an onload= handler, a javascript: link or a <foreignObject> full of HTML would run
on the portal's own origin. `svg_problem()` reads the file with expat (no entity is ever
expanded, no outside file ever fetched) and says why it cannot be published, or None.
The files' accounting (every file in content/ checked once) turns the answer into a Problem.
"""
from __future__ import annotations

import re
from pathlib import Path
from xml.parsers import expat

from .i18n import _

SVG_NS = "http://www.w3.org/2000/svg"


def svg_hint() -> str:
    return _("export the drawing again as a plain SVG without scripts, links or embedded web content, or save it as PNG")


# Elements that run code or embed a document; refused in any namespace.
_ACTIVE = {"script", "foreignobject", "iframe", "embed", "object", "handler", "listener", "audio", "video"}
_ANIMATION = {"set", "animate", "animatemotion", "animatetransform"}
_RASTER = re.compile(r"^data:image/(png|jpeg|gif|webp);", re.I)
_CSS_URL = re.compile(r"""url\(\s*['"]?\s*([^'")\s]*)""", re.I)


class _Refused(Exception):
    pass


def _local(name: str) -> str:
    return name.rpartition(" ")[2]  # expat reports "namespace local" with namespace_separator=" "


def _check_css(text: str, where: str) -> None:
    if re.search(r"@import", text, re.I):
        raise _Refused(_("loads an outside style sheet (@import in {where})", where=where))
    for target in _CSS_URL.findall(text):
        if target and not target.startswith("#") and not _RASTER.match(target):
            raise _Refused(_("refers to an outside resource (url({target}) in {where})", target=target, where=where))


def _check_element(name: str, attrs: dict, ancestors: list[str]) -> None:
    tag = _local(name)
    lower = tag.lower()
    if not ancestors and lower != "svg":
        raise _Refused(_("is not an SVG image: its first element is <{tag}>", tag=tag))
    if not ancestors and not name.startswith(SVG_NS + " "):
        raise _Refused(_('is not an SVG image: <svg> lacks xmlns="{namespace}"', namespace=SVG_NS))
    if lower in _ACTIVE:
        if lower in ("script", "handler", "listener"):
            raise _Refused(_("contains a script (<{tag}>)", tag=tag))
        raise _Refused(_("contains embedded content (<{tag}>)", tag=tag))
    for attr_name, value in attrs.items():
        attr = _local(attr_name)
        if attr.lower().startswith("on"):
            raise _Refused(_("has an event handler ({attribute}=…) on <{tag}>", attribute=attr, tag=tag))
        if attr.lower() == "href":
            target = value.strip()
            if not (target.startswith("#") or (lower == "image" and _RASTER.match(target))):
                raise _Refused(_('links to "{target}" from <{tag}>: only parts of the same drawing may be referred to', target=target[:60], tag=tag))
        if lower in _ANIMATION and attr.lower() == "attributename" and (value.lower().endswith("href") or value.lower().startswith("on")):
            raise _Refused(_("<{tag}> changes {value} while the image is shown", tag=tag, value=value))
        if "url(" in value.lower():
            _check_css(value, _("{attribute}= on <{tag}>", attribute=attr, tag=tag))


def svg_problem(path: Path) -> str | None:
    """Why the SVG file at `path` must not be published, or None if it is a plain drawing."""
    try:
        data = Path(path).read_bytes()
    except OSError as err:
        return _("cannot be read ({error})", error=err.strerror or err)
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    stack: list[str] = []
    styles: list[list[str]] = []

    def doctype(name, system_id, public_id, has_internal_subset):
        if has_internal_subset:
            raise _Refused(_("declares its own DTD (<!DOCTYPE … [ … ]>), which can hide content or exhaust memory"))

    def entity(*_args):
        raise _Refused(_("declares entities (<!ENTITY>), which can hide content or exhaust memory"))

    def instruction(target, _data):
        raise _Refused(_("contains a processing instruction (<?{target} …?>)", target=target))

    def start(name, attrs):
        _check_element(name, attrs, stack)
        stack.append(name)
        if _local(name).lower() == "style":
            styles.append([])

    def end(name):
        stack.pop()
        if _local(name).lower() == "style":
            _check_css("".join(styles.pop()), "<style>")

    def text(chars):
        if styles:
            styles[-1].append(chars)

    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = entity
    parser.ExternalEntityRefHandler = entity
    parser.ProcessingInstructionHandler = instruction
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    try:
        parser.Parse(data, True)
    except _Refused as refused:
        return str(refused)
    except expat.ExpatError as err:
        return _("is not a readable SVG image ({error}, line {line})", error=expat.errors.messages[err.code], line=err.lineno)
    return None
