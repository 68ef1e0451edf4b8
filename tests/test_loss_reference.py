"""The loss reference: every loss class torch exports has a page built on the one template; the NumPy tab
prints what the PyTorch tab prints; every plot is on its page with alt text; every page opens with a summary
box of its own class and shows its pitfalls as warnings; every generated region (cheat sheet, index,
signatures, constructors, shapes, uses and references) is current, and the probes read torch correctly."""

from __future__ import annotations

import re

import pytest
from torch import nn

from tests.support import BLOCKS, PAGES
from tools.expand import DOCS_DIR, display_path
from tools.loss_catalog import (
    CATALOG,
    CATALOG_BY_NAME,
    accepted_input_dtypes,
    accepted_target_dtypes,
    argument_shapes,
    output_shapes,
)
from tools.loss_plots import PLOTS
from tools.signatures import call_signature
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
    "Used on this site",
    "Official references",
]
PLOT_HEADING = "How the loss and its gradient look"
SUMMARY_BOX = '!!! abstract "At a glance"'
PITFALL = re.compile(r'^!!! warning "[^"]+"$')
PLOTTED = {plot.name for plot in PLOTS}
NUMBER = re.compile(r"-?\d+\.\d*(?:e[-+]?\d+)?|-?\b\d+\b(?![.\d])")


def page_text(loss) -> str:
    return (DOCS_DIR / "losses" / f"{loss.slug}.md").read_text(encoding="utf-8")


def headings(text: str) -> list[str]:
    return [line[3:].strip() for line in text.splitlines() if line.startswith("## ")]


def section_lines(text: str, heading: str) -> list[str]:
    """The lines under ``## heading``, up to the next heading of that level."""
    lines = text.splitlines()
    start = lines.index(f"## {heading}") + 1
    end = next((index for index in range(start, len(lines)) if lines[index].startswith("## ")), len(lines))
    return lines[start:end]


def indented_body(lines: list[str], opening: int) -> list[str]:
    """The lines of the admonition opened at ``lines[opening]``: indented, or blank, until the first that is not."""
    body = []
    for line in lines[opening + 1 :]:
        if line.strip() and not line.startswith("    "):
            break
        body.append(line)
    return body


def test_the_catalog_covers_every_loss_class_torch_exports():
    exported = {name for name in dir(nn) if name.endswith("Loss") and isinstance(getattr(nn, name), type)}
    assert {loss.name for loss in CATALOG} == exported - {"NLLLoss2d"}
    assert "NLLLoss2d" in (DOCS_DIR / "losses" / "deprecated.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("loss", CATALOG, ids=lambda loss: loss.name)
def test_the_page_follows_the_template(loss):
    text = page_text(loss)
    assert text.splitlines()[text.splitlines().index("---", 1) + 2] == f"# {loss.name}"
    expected = TEMPLATE_HEADINGS + ([PLOT_HEADING] if loss.slug in PLOTTED else [])
    missing = [heading for heading in expected if heading not in headings(text)]
    assert not missing, f"docs/losses/{loss.slug}.md lacks the sections {missing}"
    assert f"nn.{loss.name}(" in "".join(block.code for block in BLOCKS if block.page.name == f"{loss.slug}.md")


@pytest.mark.parametrize("loss", CATALOG, ids=lambda loss: loss.name)
def test_the_page_opens_with_a_summary_box_of_its_own_class(loss):
    """Under the title's first paragraph, before any heading: the constructor and the shapes generated for this
    class, and a minimal call of it with its output."""
    lines = page_text(loss).splitlines()
    title = lines.index(f"# {loss.name}")
    first_paragraph_end = lines.index("", title + 2)
    opening = next(index for index in range(first_paragraph_end, len(lines)) if lines[index].strip())
    assert lines[opening] == SUMMARY_BOX, f"docs/losses/{loss.slug}.md: no summary box under the first paragraph"
    box = [line.strip() for line in indented_body(lines, opening)]
    constructor = box.index(f"<!-- generated: constructor nn.{loss.name} -->")
    assert box[constructor + 1] == f"`{call_signature(f'nn.{loss.name}')}`"
    assert f"<!-- generated: loss-shapes {loss.name} -->" in box
    module = loss.slug.replace("-", "_")
    minimal = [block for block in BLOCKS if block.page.name == f"{loss.slug}.md" and block.line - 1 > opening]
    assert minimal and minimal[0].snippets == (f"losses/{module}.py:minimal",)
    assert f"nn.{loss.name}(" in minimal[0].code and minimal[0].expected_output
    assert minimal[0].line - 1 <= opening + len(box), "the minimal call is not inside the box"


@pytest.mark.parametrize("loss", CATALOG, ids=lambda loss: loss.name)
def test_every_pitfall_is_a_warning_with_its_blocks_inside(loss):
    """Each pitfall is a `!!! warning "Title"`; its text and blocks are indented into it, so nothing under
    the heading stands outside a warning (a "**Title.** text" paragraph would)."""
    lines = section_lines(page_text(loss), "Pitfalls")
    loose = [line for line in lines if line.strip() and not line.startswith("    ") and not PITFALL.match(line)]
    assert not loose, f"docs/losses/{loss.slug}.md: pitfall lines outside a warning: {loose}"
    openings = [index for index, line in enumerate(lines) if PITFALL.match(line)]
    assert openings, f"docs/losses/{loss.slug}.md has no pitfall"
    for opening in openings:
        assert any(line.strip() for line in indented_body(lines, opening)), lines[opening]


def test_a_stale_constructor_inside_the_summary_box_is_regenerated_in_place():
    """What `make outputs` does to a planted stale signature in an indented region: it rewrites it, at the
    box's indentation, so the current-regions test above fails on any page that has one."""
    signature = call_signature("nn.L1Loss")
    region = "    <!-- generated: constructor nn.L1Loss -->\n    `{}`\n    <!-- end generated: constructor -->\n"
    stale = SUMMARY_BOX + "\n\n" + region.format(signature.replace("'mean'", "'sum'"))
    assert regenerate_regions(stale, "page.md") == SUMMARY_BOX + "\n\n" + region.format(signature)


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
    """Known facts of the pinned torch, to show the cheat sheet's probes measure what they claim to."""
    assert accepted_target_dtypes(CATALOG_BY_NAME["CrossEntropyLoss"]) == ["int64", "uint8"]
    assert accepted_target_dtypes(CATALOG_BY_NAME["BCEWithLogitsLoss"]) == ["float32", "float64"]
    assert accepted_input_dtypes(CATALOG_BY_NAME["MultiMarginLoss"]) == ["float32", "float64"]
    assert output_shapes(CATALOG_BY_NAME["KLDivLoss"])["none"] == "(N, C)"
    assert output_shapes(CATALOG_BY_NAME["L1Loss"]) == {"mean": "()", "sum": "()", "none": "(N,)"}
    assert argument_shapes(CATALOG_BY_NAME["CTCLoss"]).startswith("`log_probs` (T, N, C), `targets` (N, S)")
