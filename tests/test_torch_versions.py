"""The torch pin: named the same everywhere, moved by one command, and what moving it changed recorded and shown
(tools/torch_versions.py, docs/losses/torch-versions.md)."""

from __future__ import annotations

import subprocess

import pytest

from tools.expand import PROJECT_ROOT
from tools.torch_versions import (
    Entry,
    counts,
    differences,
    latest_upgrade,
    main,
    named_versions,
    pin_files,
    pinned,
    repinned,
    snapshot,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("pip install torch==2.13.0 numpy", "pip install torch==2.14.1 numpy"),
        ("printed by `torch==2.13.0` on a CPU", "printed by `torch==2.14.1` on a CPU"),
        ("torch.nn.KLDivLoss in PyTorch 2.13, with", "torch.nn.KLDivLoss in PyTorch 2.14, with"),
        ("every class in torch.nn 2.13", "every class in torch.nn 2.14"),
        ("LinearCrossEntropyLoss, new in PyTorch 2.13: an output layer", None),  # history stays
        ("tensor(2.13) and torch 2.130 and torch 2.13.1", None),  # numbers, and another release
        ("mean: Keras 8.1884, torch 2.1345", None),  # an output's number after the word torch
    ],
)
def test_moving_the_pin_rewrites_the_version_only_where_it_names_the_pinned_torch(text, expected):
    assert repinned(text, "2.13.0", "2.14.1") == (text if expected is None else expected)


def test_every_page_and_file_names_the_pinned_torch():
    notebooks = sorted((PROJECT_ROOT / "notebooks").rglob("*.ipynb"))
    pin = pinned()
    wrong = [
        f"{path.relative_to(PROJECT_ROOT)}: {match[0]}"
        for path in [*pin_files(), *notebooks]
        for match in named_versions(path.read_text(encoding="utf-8"))
        if match["version"] not in (pin, ".".join(pin.split(".")[:2]))
    ]
    assert not wrong, f"torch=={pin} is pinned; these name another version:\n" + "\n".join(wrong)


def test_the_installed_torch_is_the_pinned_one():
    import torch

    assert torch.__version__.split("+")[0] == pinned()


def _entry(key, what="output of block 1", machine_dependent=False):
    return Entry(key, "losses/l1-loss.md", "example", "Example", what, machine_dependent)


def test_differences_and_counts_name_what_changed_and_what_did_not():
    before = {
        "a": (_entry("a"), "tensor(0.5)\n"),
        "b": (_entry("b", "output of block 2"), "tensor(1.)\n"),
        "t": (_entry("t", "loss-cheat-sheet: L1Loss, dtypes"), "float32"),
        "m": (_entry("m", "output of block 3", machine_dependent=True), "took 12.5 ms\n"),
        "q": (_entry("q", "output of block 4"), ""),  # prints nothing on either version
    }
    after = dict(before)
    after["b"] = (before["b"][0], "tensor(2.)\n")
    after["m"] = (before["m"][0], "took 130.2 ms\n")  # a timing: only its number differs
    changes = differences(before, after)
    assert [(change["what"], change["before"], change["after"]) for change in changes] == [
        ("output of block 2", "tensor(1.)\n", "tensor(2.)\n")
    ]
    assert counts(before, after, changes) == {
        "outputs": {"total": 3, "unchanged": 2},
        "cells": {"total": 1, "unchanged": 1},
    }


def test_the_record_of_the_last_upgrade_agrees_with_the_pages():
    """The changes page is generated from the record (tests/test_loss_reference.py checks the region); here the
    record's new side must be what the pages show now, so a page edited since the upgrade cannot leave the record
    describing outputs that are no longer there."""
    record = latest_upgrade()
    assert record is not None, f"no record of the upgrade to torch {pinned()} in data/torch-upgrades/"
    assert record["to"] == pinned()
    pages = snapshot()
    shown = {(entry.page, entry.what): (entry, text) for entry, text in pages.values()}
    for change in record["differences"]:
        entry, text = shown[(change["page"], change["what"])]
        assert entry.same(change["after"], text), f"docs/{change['page']}: {change['what']} is not what the record says"
        assert entry.anchor == change["anchor"], f"docs/{change['page']}: {change['what']} moved to #{entry.anchor}"
    totals = counts(pages, pages, [])
    assert {kind: numbers["total"] for kind, numbers in record["counts"].items()} == {
        kind: numbers["total"] for kind, numbers in totals.items()
    }


def git_status() -> str:
    return subprocess.run(
        ["git", "status", "--porcelain"], cwd=PROJECT_ROOT, capture_output=True, text=True, check=True
    ).stdout


def test_upgrading_to_the_pinned_version_changes_nothing(capsys):
    before = git_status()
    assert main(["upgrade", pinned()]) == 0  # what `python -m tools.torch_versions upgrade VERSION` runs
    assert f"torch=={pinned()} is already pinned" in capsys.readouterr().out
    assert git_status() == before
