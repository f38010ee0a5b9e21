"""The README stays honest: what it names exists."""

from __future__ import annotations

import re
import subprocess

from jobmarket import config

README = (config.PROJ_ROOT / "README.md").read_text(encoding="utf-8")


def _make_targets() -> set[str]:
    makefile = (config.PROJ_ROOT / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([a-z][a-z-]*):", makefile, flags=re.MULTILINE))


def test_every_make_target_in_the_readme_exists_and_is_documented_by_make_help():
    named = set(re.findall(r"`make ([a-z-]+)", README))
    assert {"pipeline", "test", "dashboard", "report", "bench"} <= named
    assert named <= _make_targets()
    shown = subprocess.run(
        ["make", "--no-print-directory", "help"],
        cwd=config.PROJ_ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    for target in named:
        assert target in shown


def test_every_notebook_and_doc_the_readme_links_exists():
    for notebook in re.findall(r"notebooks/[\w.]+\.ipynb", README):
        assert (config.PROJ_ROOT / notebook).exists(), notebook
    for link in re.findall(r"\]\(((?:docs)/[^)]+)\)", README):
        assert (config.PROJ_ROOT / link).exists(), link


def test_ci_runs_the_readme_test_command():
    ci = (config.PROJ_ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in README and "make test" in ci


def test_env_example_names_every_setting():
    example = (config.PROJ_ROOT / ".env.example").read_text(encoding="utf-8")
    for name in config.SETTING_NAMES:
        assert f"{name}=" in example
