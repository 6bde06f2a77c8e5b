"""Generator tests: the publish workflow's fan-out over a family of portals (issue 14).

`.github/workflows/publish.yml` is read as YAML and its wiring checked against the matrix
that `generator/family_ci.py` makes of `cchc portals --json`; the glue itself (matrix,
units' data, one assembled site) is tested on small folders. No network.
"""
from __future__ import annotations

import fnmatch
import io
import json
import re
from contextlib import redirect_stdout
from pathlib import Path

import pytest
import yaml

from generator import family_ci

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = ROOT / ".github" / "workflows" / "publish.yml"

# The shape of `cchc portals --json` (family-design.md): a province, a city under it, two
# wards under the city, a commune directly under the province.
PORTALS = [
    {"name": "tinh", "level": "tinh", "parent": None, "site_url": "https://example.gov.vn/cchc/", "depth": 0, "output": "site"},
    {"name": "tp", "level": "huyen", "parent": "tinh", "site_url": "https://example.gov.vn/cchc/tp/", "depth": 1, "output": "site/tp"},
    {"name": "phuong-1", "level": "xa", "parent": "tp", "site_url": "https://example.gov.vn/cchc/phuong-1/", "depth": 2, "output": "site/phuong-1"},
    {"name": "phuong-2", "level": "xa", "parent": "tp", "site_url": "https://example.gov.vn/cchc/phuong-2/", "depth": 2, "output": "site/phuong-2"},
    {"name": "xa-a", "level": "xa", "parent": "tinh", "site_url": "https://example.gov.vn/cchc/xa-a/", "depth": 1, "output": "site/xa-a"},
]


def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def run_script(job: dict, needle: str) -> str:
    """The `run:` text of the job's step that contains `needle` (exactly one)."""
    found = [s["run"] for s in job["steps"] if needle in s.get("run", "")]
    assert len(found) == 1, f"{needle!r} in {len(found)} steps"
    return found[0]


def step_using(job: dict, action: str) -> dict:
    found = [s for s in job["steps"] if s.get("uses", "").startswith(action + "@")]
    assert len(found) == 1, f"{action} used {len(found)} times"
    return found[0]


# --- the matrix --------------------------------------------------------------------------

def test_the_leaves_build_in_the_matrix_and_the_parents_after_deepest_first():
    assert [p["name"] for p in family_ci.leaves(PORTALS)] == ["phuong-1", "phuong-2", "xa-a"]
    assert [p["name"] for p in family_ci.parents(PORTALS)] == ["tp", "tinh"]
    assert family_ci.matrix(PORTALS) == {"include": [
        {"id": "phuong-1", "portals": "phuong-1", "artifact": "portal-phuong-1"},
        {"id": "phuong-2", "portals": "phuong-2", "artifact": "portal-phuong-2"},
        {"id": "xa-a", "portals": "xa-a", "artifact": "portal-xa-a"},
    ]}


def test_a_family_of_one_is_a_matrix_of_one_job_building_the_root():
    alone = [PORTALS[0]]
    assert family_ci.matrix(alone) == {"include": [{"id": "tinh", "portals": "tinh", "artifact": "portal-tinh"}]}
    assert family_ci.parents(alone) == []


def test_many_communes_are_batched_so_that_the_jobs_stay_under_the_cap():
    communes = [PORTALS[0]] + [{"name": f"xa-{k:03d}", "level": "xa", "parent": "tinh", "site_url": f"https://x.vn/xa-{k:03d}/",
                                "depth": 1, "output": f"site/xa-{k:03d}"} for k in range(1, 101)]
    jobs = family_ci.matrix(communes, batch=1, max_jobs=20)["include"]
    assert len(jobs) == 20
    assert jobs[0] == {"id": "xa-001 … xa-005 (5)", "portals": "xa-001 xa-002 xa-003 xa-004 xa-005", "artifact": "portals-xa-001-xa-005"}
    assert [n for job in jobs for n in job["portals"].split()] == [f"xa-{k:03d}" for k in range(1, 101)]  # each once, in order
    assert len(family_ci.matrix(communes, batch=10)["include"]) == 10
    assert family_ci.batch_size(7, batch=3, max_jobs=20) == 3


def test_the_matrix_command_writes_github_outputs(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps(PORTALS)))
    out = io.StringIO()
    with redirect_stdout(out):
        assert family_ci.main(["matrix", "--batch", "2"]) == 0
    lines = dict(line.split("=", 1) for line in out.getvalue().splitlines())
    assert json.loads(lines["matrix"])["include"][0]["portals"] == "phuong-1 phuong-2"
    assert lines["parents"] == "tp tinh"


# --- the units' data and the assembled site ------------------------------------------------

def built_portal(built: Path, name: str, data: bool = True) -> None:
    (built / name).mkdir(parents=True)
    (built / name / "index.html").write_text(f"<h1>{name}</h1>", encoding="utf-8")
    if data:
        (built / name / "du-lieu").mkdir()
        (built / name / "du-lieu" / "thuc-hien.json").write_text(json.dumps({"portal": {"name": name}}), encoding="utf-8")


def test_each_built_portals_data_file_is_passed_on_under_its_name(tmp_path):
    built = tmp_path / "built"
    built_portal(built, "phuong-1")
    built_portal(built, "phuong-2", data=False)  # e.g. built by another tool that publishes none
    assert family_ci.units_data(built, tmp_path / "units") == ["phuong-1"]
    assert json.loads((tmp_path / "units" / "phuong-1.json").read_text(encoding="utf-8")) == {"portal": {"name": "phuong-1"}}
    assert sorted(p.name for p in (tmp_path / "units").iterdir()) == ["phuong-1.json"]


def test_the_site_holds_every_portal_at_its_path_and_a_failed_one_keeps_its_last_copy(tmp_path):
    built, previous = tmp_path / "built", tmp_path / "previous"
    for name in ("tinh", "tp", "phuong-1", "xa-a"):  # phuong-2 failed this time
        built_portal(built, name)
    (previous / "phuong-2").mkdir(parents=True)
    (previous / "phuong-2" / "index.html").write_text("last week's", encoding="utf-8")
    (previous / "tp").mkdir()
    (previous / "tp" / "stale.html").write_text("a page since removed", encoding="utf-8")
    report = family_ci.assemble(PORTALS, built, tmp_path / "site", previous)
    assert report == {"built": ["tinh", "tp", "xa-a", "phuong-1"], "kept": ["phuong-2"], "missing": []}
    site = tmp_path / "site"
    assert (site / "index.html").read_text(encoding="utf-8") == "<h1>tinh</h1>"
    assert (site / "phuong-1" / "index.html").read_text(encoding="utf-8") == "<h1>phuong-1</h1>"
    assert (site / "phuong-2" / "index.html").read_text(encoding="utf-8") == "last week's"
    assert not (site / "tp" / "stale.html").exists()  # a fresh build replaces the old folder whole
    report = family_ci.assemble(PORTALS, built, tmp_path / "site")  # nothing published before: missing
    assert report["missing"] == ["phuong-2"] and not (site / "phuong-2").exists()


# --- the workflow's wiring ---------------------------------------------------------------

def test_the_tests_and_the_canary_are_kept_and_gate_or_not_as_before():
    jobs = workflow()["jobs"]
    assert '-m "not content_check"' in run_script(jobs["test"], "pytest")
    assert "-m content_check" in run_script(jobs["content"], "pytest")
    assert jobs["properdocs-canary"]["continue-on-error"] is True
    assert jobs["portals"]["needs"] == "test"  # a generator bug builds nothing


def test_the_matrix_job_feeds_the_unit_jobs_from_the_portal_list():
    jobs = workflow()["jobs"]
    portals = jobs["portals"]
    listing = run_script(portals, "cchc portals --json")
    step = next(s for s in portals["steps"] if s.get("run") == listing)
    assert "python -m generator.family_ci matrix" in listing and '>> "$GITHUB_OUTPUT"' in listing
    assert portals["outputs"] == {"matrix": "${{ steps.%s.outputs.matrix }}" % step["id"],
                                  "parents": "${{ steps.%s.outputs.parents }}" % step["id"]}
    unit = jobs["unit"]
    assert unit["needs"] == "portals"
    assert unit["strategy"] == {"fail-fast": False, "matrix": "${{ fromJSON(needs.portals.outputs.matrix) }}"}
    assert unit["env"]["PORTALS"] == "${{ matrix.portals }}"  # through the environment, never pasted into the script
    script = run_script(unit, "--portal")
    assert re.search(r'for name in \$PORTALS; do', script)
    assert 'cchc build --portal "$name" -d "built/$name"' in script
    assert "exit 1" in script  # the job fails when one of its portals did


def test_every_unit_artifact_reaches_the_family_job_and_the_parents_get_the_units_data():
    jobs = workflow()["jobs"]
    upload = step_using(jobs["unit"], "actions/upload-artifact")
    assert upload["if"] == "always()"  # the portals of a batch that built are published even if one failed
    assert upload["with"]["name"] == "${{ matrix.artifact }}" and upload["with"]["path"] == "built/"
    family = jobs["family"]
    assert set(family["needs"]) == {"portals", "unit"}
    assert "always()" in family["if"] and "needs.portals.result == 'success'" in family["if"]
    download = step_using(family, "actions/download-artifact")
    assert download["with"]["path"] == "built" and download["with"]["merge-multiple"] is True
    communes = [PORTALS[0]] + [dict(PORTALS[-1], name=f"xa-{k}") for k in range(30)]
    for batch in (1, 4):
        for entry in family_ci.matrix(communes, batch)["include"]:
            assert fnmatch.fnmatch(entry["artifact"], download["with"]["pattern"])
    assert family["env"]["PARENTS"] == "${{ needs.portals.outputs.parents }}"
    parents = run_script(family, "--units-data")
    assert re.search(r"for name in \$PARENTS; do\n\s+\.venv/bin/python -m generator\.family_ci units-data built units-data\n"
                     r'\s+\.venv/bin/cchc build --portal "\$name" -d "built/\$name" --units-data units-data', parents)
    assert "family_ci assemble portals.json built site --previous previous" in run_script(family, "assemble")
    pages = step_using(family, "actions/upload-pages-artifact")
    assert pages["with"]["path"] == "site"
    deploy = jobs["deploy"]
    assert deploy["needs"] == "family" and "needs.family.outputs.uploaded == 'yes'" in deploy["if"]
    assert family["outputs"]["uploaded"] == "${{ steps.uploaded.outputs.site }}"
