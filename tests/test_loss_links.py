"""Each loss page's generated links (tools/loss_links.py): where the site uses the loss, and torch's own pages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import torch

from tests.support import BLOCKS_BY_PAGE
from tools.expand import DOCS_DIR, GENERATED_REGION, PROJECT_ROOT
from tools.loss_catalog import CATALOG, CATALOG_BY_NAME
from tools.loss_links import definition, functional_name, names_used, used_on_this_site_markdown
from tools.update_outputs import regenerate_regions

LOSS_NAMES = [loss.name for loss in CATALOG]
FUNCTIONAL = {name: functional_name(name) for name in LOSS_NAMES}


def loss_page(name: str) -> Path:
    return DOCS_DIR / "losses" / f"{CATALOG_BY_NAME[name].slug}.md"


def region(text: str, name: str) -> re.Match:
    (match,) = [match for match in GENERATED_REGION.finditer(text) if match["name"] == name]
    return match


@pytest.mark.parametrize("name", LOSS_NAMES)
def test_every_loss_page_ends_with_where_it_is_used_and_torchs_own_pages(name):
    text = loss_page(name).read_text(encoding="utf-8")
    used, references = region(text, "used-on-this-site"), region(text, "official-references")
    assert used["arguments"].split() == [name] and references["arguments"].split() == [name]
    assert "\n## Used on this site\n" in text[: used.start()] and "## Official references" in text[: references.start()]
    assert used.start() > text.index("## Functional form"), "the links come at the end of the page"


def test_a_stale_list_is_found():
    """What tests/test_loss_reference.py's check of generated regions does with a list missing a page."""
    text = loss_page("MSELoss").read_text(encoding="utf-8")
    used = region(text, "used-on-this-site")
    first_item = next(line for line in used.group().splitlines() if line.startswith("- ["))
    planted = text.replace(first_item + "\n", "", 1)
    assert planted != text
    assert regenerate_regions(planted, Path("planted.md")) == text


# The losses a block uses, found differently from the generator (a pattern over the page's expanded code,
# not the syntax tree of the snippet sections): a guide that uses a loss its page does not list fails here.
USES = {
    name: re.compile(rf"\b{name}\(" + (rf"|\b{FUNCTIONAL[name]}\(" if FUNCTIONAL[name] else "")) for name in LOSS_NAMES
}


@pytest.mark.parametrize("page", sorted(BLOCKS_BY_PAGE), ids=str)
def test_every_loss_a_page_calls_lists_that_page(page):
    relative = page.relative_to("docs").as_posix()
    for name, pattern in USES.items():
        if page == loss_page(name).relative_to(PROJECT_ROOT):
            continue
        if any(pattern.search(block.code) for block in BLOCKS_BY_PAGE[page]):
            listed = region(loss_page(name).read_text(encoding="utf-8"), "used-on-this-site").group()
            assert f"../{relative})" in listed or f"({Path(relative).name})" in listed, f"{name} misses {page}"


def test_names_in_strings_and_comments_are_not_uses():
    assert names_used("import torch.nn as nn\nloss = nn.MSELoss()  # not L1Loss\nprint('HuberLoss')") >= {"MSELoss"}
    assert not {"L1Loss", "HuberLoss"} & names_used("loss = nn.MSELoss()  # not L1Loss\nprint('HuberLoss')")


@pytest.mark.parametrize("name", LOSS_NAMES)
def test_the_source_link_points_at_the_class_definition(name):
    path, line = definition(name)
    installed = Path(torch.__file__).parent.parent / path
    assert installed.read_text(encoding="utf-8").splitlines()[line - 1].startswith(f"class {name}(")


def test_the_generated_list_names_the_pages_that_use_the_loss():
    listed = used_on_this_site_markdown("KLDivLoss")
    assert "(../guides/language-models-and-embeddings.md#token-level-distillation)" in listed
    assert "kl-div-loss.md" not in listed, "a page does not list itself"

