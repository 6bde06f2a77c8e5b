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
import shutil
from contextlib import redirect_stdout
from pathlib import Path

import pytest
import yaml

from generator import family_ci

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = ROOT / ".github" / "workflows" / "publish.yml"

# The shape of `cchc portals --json`: a province, a city under it, two wards under the city,
# a commune directly under the province and one published on a host of its own.
def row(name, parent, depth, output, level="xa"):
    url = f"https://example.gov.vn/cchc/{output}" if output is not None else f"https://{name}.example.vn/"
    return {"name": name, "level": level, "parent": parent, "site_url": url, "depth": depth, "output": output}


PORTALS = [row("tinh", None, 0, "", "tinh"), row("tp", "tinh", 1, "tp/", "huyen"), row("phuong-1", "tp", 2, "phuong-1/"),
           row("phuong-2", "tp", 2, "phuong-2/"), row("xa-a", "tinh", 1, "xa-a/"), row("xa-b", "tinh", 1, None)]

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
    assert [p["name"] for p in family_ci.leaves(PORTALS)] == ["phuong-1", "phuong-2", "xa-a", "xa-b"]
    assert [p["name"] for p in family_ci.parents(PORTALS)] == ["tp", "tinh"]
    assert family_ci.matrix(PORTALS) == {"include": [
        {"id": "phuong-1", "portals": "phuong-1", "artifact": "portal-phuong-1"},
        {"id": "phuong-2", "portals": "phuong-2", "artifact": "portal-phuong-2"},
        {"id": "xa-a", "portals": "xa-a", "artifact": "portal-xa-a"},
        {"id": "xa-b", "portals": "xa-b", "artifact": "portal-xa-b"},
    ]}


def test_a_family_of_one_is_a_matrix_of_one_job_building_the_root():
    alone = [PORTALS[0]]
    assert family_ci.matrix(alone) == {"include": [{"id": "tinh", "portals": "tinh", "artifact": "portal-tinh"}]}
    assert family_ci.parents(alone) == []


def test_a_family_of_one_with_no_portal_name_builds_its_portal_all_the_same(tmp_path):
    from .test_inventory import portal

    flow = workflow()
    project = with_options(portal(tmp_path, {}), {"plans_dir": "plans"})  # today's single portal
    code, outputs = run_step(run_script(flow["jobs"]["portals"], "cchc portals --json"), project, flow["env"], {})
    assert code == 0 and outputs["parents"] == ""
    assert json.loads(outputs["matrix"]) == {"include": [{"id": "_root", "portals": "_root", "artifact": "portal-_root"}]}
    unit = flow["jobs"]["unit"]
    code, _ = run_step(run_script(unit, "--portal"), project, {**flow["env"], **unit["env"]}, {"matrix.portals": "_root"})
    assert code == 0 and (project / "built" / "_root" / "index.html").is_file()
    (project / "portals.json").write_text(json.dumps([{"name": "", "parent": None, "depth": 0, "output": ""}]), encoding="utf-8")
    code, _ = run_step(run_script(flow["jobs"]["family"], "family_ci assemble"), project, {}, {})
    assert code == 0 and (project / "site" / "index.html").is_file()


def test_many_communes_are_batched_so_that_the_jobs_stay_under_the_cap():
    communes = [PORTALS[0]] + [row(f"xa-{k:03d}", "tinh", 1, f"xa-{k:03d}/") for k in range(1, 101)]
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
    assert [job["portals"] for job in json.loads(lines["matrix"])["include"]] == ["phuong-1 phuong-2", "xa-a xa-b"]
    assert lines["parents"] == "tp tinh"


# --- the units' data and the assembled site ------------------------------------------------

def built_portal(built: Path, name: str, data: bool = True) -> None:
    (built / name).mkdir(parents=True)
    (built / name / "index.html").write_text(f"<h1>{name}</h1>", encoding="utf-8")
    if data:
        (built / name / "du-lieu").mkdir()
        (built / name / "du-lieu" / "thuc-hien.json").write_text(json.dumps({"portal": {"name": name}}), encoding="utf-8")


def test_a_parent_gets_the_data_of_the_units_below_it_a_failed_ones_as_published_last(tmp_path):
    built, previous = tmp_path / "built", tmp_path / "previous"
    for name in ("phuong-1", "xa-a"):
        built_portal(built, name)
    built_portal(previous, "phuong-2")  # did not build this time; its last published copy has data
    report = family_ci.units_data(PORTALS, "tp", built, tmp_path / "tp", previous)
    assert report == {"built": ["phuong-1"], "kept": ["phuong-2"], "missing": []}
    assert sorted(p.name for p in (tmp_path / "tp").iterdir()) == ["phuong-1.json", "phuong-2.json"]
    assert json.loads((tmp_path / "tp" / "phuong-2.json").read_text(encoding="utf-8")) == {"portal": {"name": "phuong-2"}}
    built_portal(built, "tp", data=False)  # e.g. a unit built by another tool that publishes none
    report = family_ci.units_data(PORTALS, "tinh", built, tmp_path / "tinh")
    assert report == {"built": ["xa-a", "phuong-1"], "kept": [], "missing": ["tp", "xa-b", "phuong-2"]}
    assert sorted(p.name for p in (tmp_path / "tinh").iterdir()) == ["phuong-1.json", "xa-a.json"]


def test_the_site_holds_every_portal_at_its_path_and_a_failed_one_keeps_its_last_copy(tmp_path):
    built, previous = tmp_path / "built", tmp_path / "previous"
    for name in ("tinh", "tp", "phuong-1", "xa-a", "xa-b"):  # phuong-2 failed this time
        built_portal(built, name)
    (previous / "phuong-2").mkdir(parents=True)
    (previous / "phuong-2" / "index.html").write_text("last week's", encoding="utf-8")
    (previous / "tp").mkdir()
    (previous / "tp" / "stale.html").write_text("a page since removed", encoding="utf-8")
    report = family_ci.assemble(PORTALS, built, tmp_path / "site", previous)
    assert report == {"built": ["tinh", "tp", "xa-a", "phuong-1"], "kept": ["phuong-2"], "missing": [], "elsewhere": ["xa-b"]}
    site = tmp_path / "site"
    assert (site / "index.html").read_text(encoding="utf-8") == "<h1>tinh</h1>"
    assert (site / "phuong-1" / "index.html").read_text(encoding="utf-8") == "<h1>phuong-1</h1>"
    assert (site / "phuong-2" / "index.html").read_text(encoding="utf-8") == "last week's"
    assert not (site / "tp" / "stale.html").exists()  # a fresh build replaces the old folder whole
    assert not (site / "xa-b").exists()  # on a host of its own
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
    assert 'cchc build --portal "${name#%s}" -d "built/$name"' % family_ci.UNNAMED in script
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
    communes = [PORTALS[0]] + [row(f"xa-{k}", "tinh", 1, f"xa-{k}/") for k in range(30)]
    for batch in (1, 4):
        for entry in family_ci.matrix(communes, batch)["include"]:
            assert fnmatch.fnmatch(entry["artifact"], download["with"]["pattern"])
    assert family["env"]["PARENTS"] == "${{ needs.portals.outputs.parents }}"
    parents = run_script(family, "--units-data")
    assert re.search(r'for name in \$PARENTS; do\n'
                     r'\s+\.venv/bin/python -m generator\.family_ci units-data portals\.json "\$name" built "units-data/\$name" --previous previous\n'
                     r'\s+\.venv/bin/cchc build --portal "\$name" -d "built/\$name" --units-data "units-data/\$name"', parents)
    steps = [s.get("name", s.get("uses", "")) for s in family["steps"]]
    assert steps.index("The site published last") < steps.index("The parents (deepest first), each with the data its units published")
    assert "family_ci assemble portals.json built site --previous previous" in run_script(family, "assemble")
    pages = step_using(family, "actions/upload-pages-artifact")
    assert pages["with"]["path"] == "site"
    deploy = jobs["deploy"]
    assert deploy["needs"] == "family" and "needs.family.outputs.uploaded == 'yes'" in deploy["if"]
    assert family["outputs"]["uploaded"] == "${{ steps.uploaded.outputs.site }}"


# --- the workflow's steps run on a small family -------------------------------------------

GITHUB_SHELL = ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c"]  # GitHub's `run:` shell
EXPRESSION = re.compile(r"\$\{\{\s*([a-z.\-_]+)\s*\}\}")


def with_options(root: Path, options: dict) -> Path:
    """The project's mkdocs.yml with these cchc plugin options (whatever the repository's declares)."""
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    config["plugins"] = [{"cchc": options} if isinstance(e, dict) and "cchc" in e else e for e in config["plugins"]]
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return root


def family_project(root: Path) -> Path:
    """A province with a city, two wards under the city; phuong-2 has an article in error."""
    from .test_inventory import ARTICLE, portal

    root.mkdir()
    with_options(portal(root, {}), {"plans_dir": "plans", "portal": {"name": "tinh", "unit": "UBND tỉnh Mẫu", "level": "tinh"},
                                    "units": "content/don-vi"})
    units = {"tp": ("huyen", "tinh"), "phuong-1": ("xa", "tp"), "phuong-2": ("xa", "tp")}
    for name, (level, parent) in units.items():
        folder = root / "content" / "don-vi" / name
        folder.mkdir(parents=True)
        (folder / "don-vi.yml").write_text(f"site_name: Chuyên trang {name}\nunit: UBND {name}\nlevel: {level}\nparent: {parent}\n"
                                           f"site_url: https://example.gov.vn/cchc/{name}/\n", encoding="utf-8")
        (folder / "index.md").write_text(f"# Trang chủ {name}\n", encoding="utf-8")
    (root / "content" / "don-vi" / "phuong-2" / "tin-tuc").mkdir()
    (root / "content" / "don-vi" / "phuong-2" / "tin-tuc" / "loi.md").write_text(ARTICLE.format(title="Tin", extra="colour: do\n"), encoding="utf-8")
    return root


def run_step(script: str, cwd: Path, env: dict[str, str], values: dict[str, str]) -> tuple[int, dict[str, str]]:
    """Run a `run:` script as the runner does: expressions filled in, $GITHUB_OUTPUT read back."""
    import os
    import subprocess
    import sys

    output = cwd / "github-output"
    output.write_text("", encoding="utf-8")
    fill = lambda text: EXPRESSION.sub(lambda m: values[m.group(1)], text)  # noqa: E731
    script = fill(script).replace(".venv/bin/", f"{Path(sys.executable).parent}/")
    full = {**os.environ, "CCHC_BUILD_DATE": "2026-11-22", "NO_MKDOCS_2_WARNING": "1", "GITHUB_OUTPUT": str(output),
            **{k: fill(str(v)) for k, v in env.items()}}
    done = subprocess.run([*GITHUB_SHELL, script], cwd=cwd, env=full, capture_output=True, text=True)
    outputs = dict(line.split("=", 1) for line in output.read_text(encoding="utf-8").splitlines() if "=" in line)
    return done.returncode, outputs


def test_the_workflow_steps_publish_a_family_where_one_ward_fails(tmp_path):
    flow = workflow()
    jobs = flow["jobs"]
    project = family_project(tmp_path / "repo")

    code, outputs = run_step(run_script(jobs["portals"], "cchc portals --json"), project, flow["env"], {})
    assert code == 0
    assert outputs["parents"] == "tp tinh"
    entries = json.loads(outputs["matrix"])["include"]
    assert [e["portals"] for e in entries] == ["phuong-1", "phuong-2"]

    artifacts = tmp_path / "artifacts"
    artifacts.mkdir()
    unit = jobs["unit"]
    upload = step_using(unit, "actions/upload-artifact")
    codes = {}
    for entry in entries:  # each job on a runner of its own: a fresh built/
        values = {f"matrix.{k}": v for k, v in entry.items()}
        codes[entry["id"]], _ = run_step(run_script(unit, "--portal"), project, {**flow["env"], **unit["env"]}, values)
        name = EXPRESSION.sub(lambda m: values[m.group(1)], upload["with"]["name"])
        if (project / "built").exists():  # `if: always()`: whatever built is uploaded
            (project / "built").rename(artifacts / name)
    assert codes == {"phuong-1": 0, "phuong-2": 1}  # the failed ward fails its own job only
    assert sorted(p.name for p in artifacts.iterdir()) == ["portal-phuong-1"]

    family = jobs["family"]
    pattern = step_using(family, "actions/download-artifact")["with"]["pattern"]
    for artifact in artifacts.iterdir():  # download-artifact, merge-multiple: every artifact's folders in built/
        if fnmatch.fnmatch(artifact.name, pattern):
            shutil.copytree(artifact, project / "built", dirs_exist_ok=True)
    (project / "previous").mkdir()  # nothing published before
    values = {"needs.portals.outputs.parents": outputs["parents"]}
    code, parents = run_step(run_script(family, "--units-data"), project, {**flow["env"], **family["env"]}, values)
    assert code == 0 and parents["failed"] == ""
    from generator import urls

    assert family_ci.UNIT_DATA == urls.UNIT_DATA.lstrip("/")
    assert sorted(p.name for p in (project / "units-data" / "tp").iterdir()) == ["phuong-1.json"]  # phuong-2 failed: none
    data = json.loads((project / "units-data" / "tp" / "phuong-1.json").read_text(encoding="utf-8"))
    assert (data["format"], data["portal"]["name"]) == ("cchc-delivery", "phuong-1")
    assert sorted(p.name for p in (project / "units-data" / "tinh").iterdir()) == ["phuong-1.json", "tp.json"]
    code, _ = run_step(run_script(family, "family_ci assemble"), project, {}, {})
    assert code == 0
    site = project / "site"
    assert "Trang chủ phuong-1" in (site / "phuong-1" / "index.html").read_text(encoding="utf-8")
    assert "Trang chủ tp" in (site / "tp" / "index.html").read_text(encoding="utf-8")
    assert (site / "index.html").is_file() and (site / "pagefind").is_dir() and (site / "phuong-1" / "pagefind").is_dir()
    assert not (site / "phuong-2").exists()  # failed, and never published before
