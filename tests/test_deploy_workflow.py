"""The deploy workflow: pinned actions, the README's commands, deploys only from main after the tests."""

from __future__ import annotations

import re

import yaml

from tools.expand import PROJECT_ROOT

WORKFLOW = yaml.safe_load((PROJECT_ROOT / ".github" / "workflows" / "docs.yml").read_text(encoding="utf-8"))
STEPS = [step for job in WORKFLOW["jobs"].values() for step in job["steps"]]


def test_every_action_is_pinned_to_a_full_commit_sha():
    actions = [step["uses"] for step in STEPS if "uses" in step]
    assert actions
    unpinned = [action for action in actions if not re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", action)]
    assert not unpinned


def test_it_runs_the_readme_test_command_and_builds_strictly():
    commands = [step.get("run", "") for step in STEPS]
    assert "make test" in commands and "make build" in commands
    makefile = (PROJECT_ROOT / "Makefile").read_text(encoding="utf-8")
    assert "mkdocs build --strict" in makefile


def test_it_deploys_only_from_main_and_only_after_the_tests():
    deploy = WORKFLOW["jobs"]["deploy"]
    assert deploy["needs"] == "test"
    assert "refs/heads/main" in deploy["if"] and "push" in deploy["if"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert WORKFLOW["permissions"] == {"contents": "read"}


def test_pip_downloads_are_cached():
    setups = [step for step in STEPS if step.get("uses", "").startswith("actions/setup-python@")]
    assert setups and all(step["with"]["cache"] == "pip" for step in setups)
