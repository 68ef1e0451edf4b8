"""The distributed block of docs/guides/losses-at-scale.md: two real processes, none left behind, and numbers
that a single process computes again from the same tokens."""

from __future__ import annotations

import contextlib
import io
import multiprocessing
import os
import re
import runpy
from pathlib import Path

import pytest
import torch
import torch.nn.functional as F

from tools.blocks import collect_blocks, run_block, unproven_error_lines
from tools.expand import DOCS_DIR, SNIPPETS_DIR

PAGE = DOCS_DIR / "guides" / "losses-at-scale.md"
MODULE = SNIPPETS_DIR / "guides" / "losses_at_scale.py"
DDP_SECTION = "guides/losses_at_scale.py:ddp"

NUMBER = r"(-?\d+\.\d+)"
WORLD_LINE = re.compile(r"^world size (\d+), backend (\w+), processes still running: (\d+)$", re.MULTILINE)
CASE_LINE = re.compile(r"^(\w+) counts \[(\d+), (\d+)\]: one process, mean over (\d+) tokens " + NUMBER + "$")
NAIVE_LINE = re.compile(
    rf"^  rank means {NUMBER} and {NUMBER}, averaged by DDP {NUMBER}; gradient equals one process: (True|False)$"
)
FIXED_LINE = re.compile(
    rf"^  sum / all-reduced count {NUMBER} \+ {NUMBER} = {NUMBER}; gradient equals one process: (True|False)$"
)
SAME_LINE = re.compile(r"^  both ranks hold the same gradient: (True|False)$")


def child_pids() -> set[int]:
    """Every process whose parent is this one, zombies included (read from /proc, no psutil)."""
    children = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()  # after "pid (name)": state, ppid, ...
        except (OSError, IndexError):
            continue  # the process ended while we looked
        if int(fields[1]) == os.getpid():
            children.add(int(stat.parent.name))
    return children


@pytest.fixture(scope="module")
def module_namespace():
    """The module imported, not run: its data and model, and proof that importing starts nothing."""
    stdout = io.StringIO()
    before = child_pids()
    with contextlib.redirect_stdout(stdout):
        namespace = runpy.run_path(str(MODULE), run_name="losses_at_scale_guide")
    assert stdout.getvalue() == "", "importing the module must print nothing"
    assert child_pids() == before, "importing the module must start no process"
    return namespace


@pytest.fixture(scope="module")
def ddp_run():
    """The page's distributed block, run as the page tests run it, with the processes counted around it."""
    if not Path("/proc/self/stat").exists():
        pytest.skip("counting child processes reads /proc")
    (block,) = [block for block in collect_blocks(PAGE) if block.snippets == (DDP_SECTION,)]
    before_children, before_active = child_pids(), set(multiprocessing.active_children())
    run = run_block(block)
    after_children, after_active = child_pids(), set(multiprocessing.active_children())
    return run, before_children, after_children, before_active, after_active


def test_the_block_runs_two_processes_and_leaves_none(ddp_run):
    run, before_children, after_children, before_active, after_active = ddp_run
    world = WORLD_LINE.search(run.stdout)
    assert world, run.stdout
    assert int(world.group(1)) == 2
    assert world.group(2) == "gloo"
    assert int(world.group(3)) == 0
    assert after_children <= before_children, f"processes left running: {after_children - before_children}"
    assert after_active <= before_active
    assert run.raised == []
    assert not unproven_error_lines(run)


def test_the_printed_numbers_are_what_one_process_computes(ddp_run, module_namespace):
    run = ddp_run[0]
    lines = run.stdout.splitlines()[1:]
    cases = module_namespace["CASES"]
    rank_batch = module_namespace["rank_batch"]
    assert len(lines) == 4 * len(cases), run.stdout
    for index, (case, counts) in enumerate(cases.items()):
        case_line, naive_line, fixed_line, same_line = (
            pattern.match(line)
            for pattern, line in zip([CASE_LINE, NAIVE_LINE, FIXED_LINE, SAME_LINE], lines[4 * index : 4 * index + 4])
        )
        assert case_line and naive_line and fixed_line and same_line, run.stdout
        assert case_line.group(1) == case
        assert [int(case_line.group(2)), int(case_line.group(3))] == counts

        with torch.no_grad():
            model = module_namespace["make_model"]()
            batches = [rank_batch(rank, counts[rank]) for rank in range(len(counts))]
            features = torch.cat([features for features, _ in batches])
            targets = torch.cat([targets for _, targets in batches])
            one_process = F.cross_entropy(model(features), targets)
            total = int((targets != -100).sum())
            rank_means = [F.cross_entropy(model(f), t).item() for f, t in batches]
            rank_shares = [F.cross_entropy(model(f), t, reduction="sum").item() / total for f, t in batches]

        assert int(case_line.group(4)) == total == sum(counts)
        assert float(case_line.group(5)) == pytest.approx(one_process.item(), abs=5e-5)
        printed_means = [float(naive_line.group(1)), float(naive_line.group(2))]
        assert printed_means == pytest.approx(rank_means, abs=5e-5)
        assert float(naive_line.group(3)) == pytest.approx(sum(rank_means) / len(rank_means), abs=5e-5)
        printed_shares = [float(fixed_line.group(1)), float(fixed_line.group(2))]
        assert printed_shares == pytest.approx(rank_shares, abs=5e-5)
        assert float(fixed_line.group(3)) == pytest.approx(one_process.item(), abs=5e-5)

        # The mean of rank means is the global mean exactly when the ranks count the same number of tokens.
        equal_counts = len(set(counts)) == 1
        assert naive_line.group(4) == str(equal_counts)
        assert (sum(rank_means) / len(rank_means) == pytest.approx(one_process.item(), abs=1e-6)) == equal_counts
        assert fixed_line.group(4) == "True"
        assert same_line.group(1) == "True"
