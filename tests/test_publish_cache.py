"""Generator tests: the publish workflow keeps each building job's build cache between runs
(actions/cache, issue 12: a nightly build that remakes only what changed). Restored before the
builds, saved after them (also when a portal of the batch failed; not for pull requests),
under a key new in every run and a prefix of the job's to restore the newest from; the paths
are where `cchc build --portal` keeps each portal's cache, checked by running the workflow's
own build steps on a small family. No network."""
from __future__ import annotations

import shutil

from .test_publish_workflow import family_project, run_script, run_step, step_using, workflow

PATHS = [".cache/cchc", ".cache/portals/*/.cache/cchc"]
PREFIXES = {"unit": "cchc-build-${{ matrix.artifact }}-", "family": "cchc-build-family-"}
BUILDS = {"unit": "--portal", "family": "--units-data"}


def test_each_building_job_restores_the_last_runs_cache_and_saves_its_own():
    jobs = workflow()["jobs"]
    for name, prefix in PREFIXES.items():
        job = jobs[name]
        restore, save = step_using(job, "actions/cache/restore"), step_using(job, "actions/cache/save")
        steps = job["steps"]
        build = steps.index(next(s for s in steps if BUILDS[name] in s.get("run", "")))
        assert steps.index(restore) < build < steps.index(save)
        assert restore["with"]["path"].split() == save["with"]["path"].split() == PATHS
        key = restore["with"]["key"]
        assert save["with"]["key"] == key
        assert key.startswith(prefix) and "${{ github.run_id }}" in key  # a cache is never replaced: a new key each run
        assert restore["with"]["restore-keys"].splitlines() == [prefix]  # the newest of this job's
        assert "always()" in save["if"] and "github.event_name != 'pull_request'" in save["if"]
        assert not [s for s in steps if s.get("uses", "").startswith("actions/cache@")]  # its save would skip a failed batch
        assert job["env"]["CCHC_CACHE_COMPRESS"] == "0"  # zstd --long compresses the whole cache better than entry by entry
    assert "${{ matrix.artifact }}" in PREFIXES["unit"]  # one cache per job of the matrix (artifact names are ASCII)


def test_the_cached_paths_are_where_each_portals_build_keeps_its_cache(tmp_path):
    flow = workflow()
    jobs = flow["jobs"]
    project = family_project(tmp_path / "repo")
    unit = jobs["unit"]
    code, _ = run_step(run_script(unit, "--portal"), project, {**flow["env"], **unit["env"]}, {"matrix.portals": "phuong-1"})
    assert code == 0
    kept = sorted(p.parent.relative_to(project).as_posix() for p in project.rglob("cache.sqlite"))
    assert kept == [".cache/portals/phuong-1/.cache/cchc"]
    assert kept == sorted(p.relative_to(project).as_posix() for path in PATHS for p in project.glob(path))

    shutil.rmtree(project / ".cache")  # the family job, on a runner of its own
    (project / "previous").mkdir()
    code, _ = run_step(run_script(jobs["portals"], "cchc portals --json"), project, flow["env"], {})
    assert code == 0
    family = jobs["family"]
    code, parents = run_step(run_script(family, "--units-data"), project, {**flow["env"], **family["env"]},
                             {"needs.portals.outputs.parents": "tp tinh"})
    assert code == 0 and parents["failed"] == ""
    kept = sorted(p.parent.relative_to(project).as_posix() for p in project.rglob("cache.sqlite"))
    assert kept == [".cache/cchc", ".cache/portals/tp/.cache/cchc"]  # the root's, and the city's in its tree
    assert kept == sorted(p.relative_to(project).as_posix() for path in PATHS for p in project.glob(path))
