"""A province's family of portals built from one repository (issue 14).

The family is declared once, in mkdocs.yml, under the cchc plugin's options:

    plugins:
      - cchc:
          plans_dir: plans
          portal:                  # the portal mkdocs.yml itself builds: the family's root
            name: tinh-soc-trang
            unit: UBND tỉnh Sóc Trăng
            level: tinh            # tinh | huyen (before 1 July 2025) | xa
          portals:                 # the units' portals, each with a folder of its own
            - name: phuong-1
              site_name: Chuyên trang CCHC Phường 1
              unit: UBND Phường 1
              level: xa
              parent: tp-soc-trang        # default: the root
              site_url: https://example.gov.vn/cchc/phuong-1/
              content: content/don-vi/phuong-1   # its pages; its plans in <content>/ke-hoach/
              inherit: [thu-tuc, duong-day-nong] # folders taken from the parent, file by file

Without `portals` the repository is a family of one: today's layout, unchanged.

A unit's portal is built from a tree of its own (`materialize`): the folders it inherits
from its ancestors, its own folder over them (a file of the same path replaces the
inherited one), its plans, and the ancestors' plans that assign tasks to it. The tree is
made of hard links, so building it costs little, and the single-portal pipeline builds it
unchanged; problems are reported with the files' real paths and the portal's name.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

LEVELS = ("tinh", "huyen", "xa")


@dataclass(frozen=True)
class Portal:
    name: str                 # ASCII slug, unique in the family; names CI jobs and output folders
    site_name: str
    unit: str                 # the unit as its documents name it, e.g. "UBND Phường 1"
    level: str                # one of LEVELS
    site_url: str             # absolute, ends with "/"
    parent: str | None        # None for the root
    content: str = "content"  # repository-relative folder of its pages
    plans: str = "plans"      # repository-relative folder of its plans
    inherit: tuple[str, ...] = ()  # content folders taken from the parent


@dataclass(frozen=True)
class Family:
    portals: tuple[Portal, ...]  # the root first, then as declared

    @property
    def root(self) -> Portal:
        return self.portals[0]

    def get(self, name: str) -> Portal:
        return next(p for p in self.portals if p.name == name)

    def children(self, name: str) -> tuple[Portal, ...]:
        return tuple(p for p in self.portals if p.parent == name)

    def descendants(self, name: str) -> tuple[Portal, ...]:
        found, todo = [], list(self.children(name))
        while todo:
            portal = todo.pop(0)
            found.append(portal)
            todo += self.children(portal.name)
        return tuple(found)

    def ancestors(self, name: str) -> tuple[Portal, ...]:
        """Parent first, the root last."""
        chain, portal = [], self.get(name)
        while portal.parent is not None:
            portal = self.get(portal.parent)
            chain.append(portal)
        return tuple(chain)


@dataclass(frozen=True)
class Context:
    """What the build of one portal knows of its family (pages.assemble's `family`)."""
    family: Family
    portal: Portal                                   # the portal being built
    inherited_plans: frozenset[str] = frozenset()    # slugs of ancestors' plans in this build
    units_dir: Path | None = None                    # descendants' published delivery data, <name>.json each

    @property
    def is_family(self) -> bool:
        return len(self.family.portals) > 1
