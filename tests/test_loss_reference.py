"""The loss reference: every loss class torch exports has a page built on the one template, listed in the
navigation under its task; the NumPy tab prints what the PyTorch tab prints; every plot is on its page with
alt text; every generated region (cheat sheet, index, signatures) is current, and the probes read torch
correctly."""

from __future__ import annotations

import re

import pytest
from mkdocs.config import load_config
from torch import nn

from tests.support import BLOCKS, MKDOCS_YML, PAGES
from tools.expand import DOCS_DIR, display_path
from tools.loss_catalog import (
    CATALOG,
    CATALOG_BY_NAME,
    TASKS,
    accepted_input_dtypes,
    accepted_target_dtypes,
    argument_shapes,
    output_shapes,
)
from tools.loss_plots import PLOTS
from tools.update_outputs import regenerate_regions

TEMPLATE_HEADINGS = [
    "What it computes",
    "When to use it",
    "Shapes and dtypes",
    "Example",
    "Arguments that change the result",
    "Pitfalls",
    "Functional form",
    "Keras equivalent",
]
PLOT_HEADING = "How the loss and its gradient look"
PLOTTED = {plot.name for plot in PLOTS}
NUMBER = re.compile(r"-?\d+\.\d*(?:e[-+]?\d+)?|-?\b\d+\b(?![.\d])")


def page_text(loss) -> str:
    return (DOCS_DIR / "losses" / f"{loss.slug}.md").read_text(encoding="utf-8")


def headings(text: str) -> list[str]:
    return [line[3:].strip() for line in text.splitlines() if line.startswith("## ")]


def test_the_catalog_covers_every_loss_class_torch_exports():
    exported = {name for name in dir(nn) if name.endswith("Loss") and isinstance(getattr(nn, name), type)}
    assert {loss.name for loss in CATALOG} == exported - {"NLLLoss2d"}
    assert "NLLLoss2d" in (DOCS_DIR / "losses" / "deprecated.md").read_text(encoding="utf-8")


def test_the_navigation_lists_every_loss_under_its_task():
    nav = next(item["Loss reference"] for item in load_config(str(MKDOCS_YML)).nav if "Loss reference" in item)
    groups = {key: value for item in nav if isinstance(item, dict) for key, value in item.items()}
    for task in TASKS:
        listed = [next(iter(entry.items())) for entry in groups[task]]
        expected = [(loss.name, f"losses/{loss.slug}.md") for loss in CATALOG if loss.task == task]
        assert listed == expected, task


@pytest.mark.parametrize("loss", CATALOG, ids=lambda loss: loss.name)
def test_the_page_follows_the_template(loss):
    text = page_text(loss)
    assert text.splitlines()[text.splitlines().index("---", 1) + 2] == f"# {loss.name}"
    expected = TEMPLATE_HEADINGS + ([PLOT_HEADING] if loss.slug in PLOTTED else [])
    missing = [heading for heading in expected if heading not in headings(text)]
    assert not missing, f"docs/losses/{loss.slug}.md lacks the sections {missing}"
    assert f"nn.{loss.name}(" in "".join(block.code for block in BLOCKS if block.page.name == f"{loss.slug}.md")


@pytest.mark.parametrize("name", sorted(PLOTTED))
def test_each_plot_is_shown_on_its_page_in_both_schemes_with_alt_text(name):
    text = (DOCS_DIR / "losses" / f"{name}.md").read_text(encoding="utf-8")
    images = re.findall(rf"!\[([^\]]*)\]\(plots/{name}-(light|dark)\.svg#only-\2\)", text)
    assert sorted(scheme for _, scheme in images) == ["dark", "light"]
    alts = {alt for alt, _ in images}
    assert len(alts) == 1 and len(alts.pop()) > 40, "both images need the same, real description"


def tab_pairs():
    """(torch example, NumPy example) block pairs of the loss pages."""
    pairs = []
    for loss in CATALOG:
        blocks = {block.snippets[-1].rpartition(":")[2]: block for block in BLOCKS if block.page.name == f"{loss.slug}.md"}
        if "numpy-example" in blocks:
            pairs.append(pytest.param(blocks["example"], blocks["numpy-example"], id=loss.name))
    return pairs


@pytest.mark.parametrize("torch_block, numpy_block", tab_pairs())
def test_the_numpy_tab_prints_the_numbers_the_pytorch_tab_prints(torch_block, numpy_block):
    torch_numbers = [float(n) for n in NUMBER.findall(torch_block.expected_output or "")]
    numpy_numbers = [float(n) for n in NUMBER.findall(numpy_block.expected_output or "")]
    assert torch_numbers and len(torch_numbers) == len(numpy_numbers), (torch_numbers, numpy_numbers)
    assert numpy_numbers == pytest.approx(torch_numbers, rel=1e-4, abs=1e-4)


@pytest.mark.parametrize("page", PAGES, ids=lambda page: str(display_path(page)))
def test_generated_regions_are_current(page):
    text = page.read_text(encoding="utf-8")
    assert regenerate_regions(text, display_path(page)) == text, "run `make outputs`"


def test_the_probes_read_torch():
    """Known facts of torch 2.13, to show the cheat sheet's probes measure what they claim to."""
    assert accepted_target_dtypes(CATALOG_BY_NAME["CrossEntropyLoss"]) == ["int64", "uint8"]
    assert accepted_target_dtypes(CATALOG_BY_NAME["BCEWithLogitsLoss"]) == ["float32", "float64"]
    assert accepted_input_dtypes(CATALOG_BY_NAME["MultiMarginLoss"]) == ["float32", "float64"]
    assert output_shapes(CATALOG_BY_NAME["KLDivLoss"])["none"] == "(N, C)"
    assert output_shapes(CATALOG_BY_NAME["L1Loss"]) == {"mean": "()", "sum": "()", "none": "(N,)"}
    assert argument_shapes(CATALOG_BY_NAME["CTCLoss"]).startswith("`log_probs` (T, N, C), `targets` (N, S)")
