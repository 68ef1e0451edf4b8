"""The deploy workflow: pinned actions, the README's commands, deploys only from main after the tests."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tools.expand import PROJECT_ROOT

WORKFLOW_FILE = PROJECT_ROOT / ".github" / "workflows" / "docs.yml"
WORKFLOW = yaml.safe_load(WORKFLOW_FILE.read_text(encoding="utf-8"))
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


def test_each_job_installs_torchs_cpu_build_at_the_pin_before_make_and_has_a_time_limit():
    """PyPI's Linux wheel of torch is the CUDA build (several GB, and more than the pip cache holds); the CPU
    build at the pinned version satisfies requirements.txt, so `make` then installs everything else."""
    for name, job in WORKFLOW["jobs"].items():
        commands = [step.get("run", "") for step in job["steps"]]
        cpu = next(i for i, command in enumerate(commands) if "download.pytorch.org/whl/cpu" in command)
        first_make = next(i for i, command in enumerate(commands) if command.startswith("make "))
        assert cpu < first_make, name
        assert "grep '^torch==' requirements.txt" in commands[cpu], f"{name}: the version must be the pinned one"
        assert 0 < job["timeout-minutes"] <= 60, name


def test_pip_downloads_are_cached():
    setups = [step for step in STEPS if step.get("uses", "").startswith("actions/setup-python@")]
    assert setups and all(step["with"]["cache"] == "pip" for step in setups)


def zizmor_findings(workflow: Path) -> list[str]:
    """zizmor's audit of a workflow, offline, with its strictest persona (code smells included)."""
    zizmor = shutil.which("zizmor", path=str(Path(sys.executable).parent)) or shutil.which("zizmor")
    if zizmor is None:
        pytest.skip("zizmor is not installed (requirements-dev.txt)")
    result = subprocess.run(
        [zizmor, "--offline", "--quiet", "--persona", "pedantic", "--format", "json", str(workflow)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode in (0, 10, 11, 12, 13, 14), result.stderr  # 1x: findings of some severity
    return [f"{finding['ident']}: {finding['desc']}" for finding in json.loads(result.stdout)]


def test_zizmor_finds_nothing_to_fix_in_the_workflow():
    assert zizmor_findings(WORKFLOW_FILE) == []


def test_zizmor_would_catch_a_checkout_that_keeps_its_credentials(tmp_path):
    """The audit can fail: the workflow without ``persist-credentials: false`` is reported."""
    workflow = WORKFLOW_FILE.read_text(encoding="utf-8")
    weakened = re.sub(r"\n +with:\n +persist-credentials: false[^\n]*", "", workflow)
    assert weakened != workflow
    (tmp_path / "docs.yml").write_text(weakened, encoding="utf-8")
    assert any(finding.startswith("artipacked") for finding in zizmor_findings(tmp_path / "docs.yml"))


def test_no_job_keeps_the_checkout_token():
    checkouts = [step for step in STEPS if step.get("uses", "").startswith("actions/checkout@")]
    assert checkouts and all(step["with"]["persist-credentials"] is False for step in checkouts)
