"""environment.yml (conda users) names the same packages as pyproject.toml."""

from __future__ import annotations

import re
import tomllib

from jobmarket import config


def _name(requirement: str) -> str:
    return re.split(r"[<>=!\[ ]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def test_environment_yml_lists_every_pyproject_dependency():
    project = tomllib.loads((config.PROJ_ROOT / "pyproject.toml").read_text())["project"]
    wanted = {_name(r) for r in project["dependencies"] + project["optional-dependencies"]["dev"]}
    listed = {
        _name(line.strip()[2:])
        for line in (config.PROJ_ROOT / "environment.yml").read_text().splitlines()
        if line.strip().startswith("- ") and not line.strip().startswith("- -e")
    }
    assert wanted <= listed, sorted(wanted - listed)
