"""What a loss page links to, generated: where the rest of the site uses that loss, and torch's own pages.

``<!-- generated: used-on-this-site CrossEntropyLoss -->`` lists every block of another page whose code
builds the loss class or calls its functional form (found in the syntax tree of the block's code, as the
tests collect it), linked to the section of the page it sits in, grouped by page.
``<!-- generated: official-references CrossEntropyLoss -->`` links the class's documentation for the pinned
torch and its source at the release tag, at the line where the installed torch defines it.
``make outputs`` fills both; tests/test_loss_reference.py fails when either is stale.
"""

from __future__ import annotations

import ast
import dataclasses
import functools
import inspect
import os
import re
import textwrap
from importlib import metadata
from pathlib import Path

import torch
from markdown.extensions.toc import slugify, unique

from tools.blocks import collect_blocks
from tools.expand import DOCS_DIR
from tools.loss_catalog import CATALOG_BY_NAME

DOCS_URL = "https://docs.pytorch.org/docs/{version}/generated/torch.nn.{name}.html"
SOURCE_URL = "https://github.com/pytorch/pytorch/blob/v{version}/{path}#L{line}"

HEADING = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<title>.+?)\s*#*\s*$")
FENCE = re.compile(r"^\s*(```|~~~)")


def functional_name(loss: str) -> str | None:
    """The functional form of a loss class, read from torch: the first ``F.<name>(...)`` its ``forward`` calls
    that takes a ``reduction`` (AdaptiveLogSoftmaxWithLoss calls only ``log_softmax``, so it has none)."""
    for name in re.findall(r"\bF\.(\w+)\(", inspect.getsource(getattr(torch.nn, loss).forward)):
        if "reduction" in inspect.signature(getattr(torch.nn.functional, name)).parameters:
            return name
    return None


def names_used(code: str) -> set[str]:
    """Every attribute and name the code refers to: ``nn.CrossEntropyLoss`` gives ``CrossEntropyLoss``,
    ``F.cross_entropy`` gives ``cross_entropy``, ``from torch.nn import MSELoss`` then ``MSELoss()`` gives
    ``MSELoss``. Names in strings and comments are not code and do not count."""
    used = set()
    for node in ast.walk(ast.parse(textwrap.dedent(code))):
        if isinstance(node, ast.Attribute):
            used.add(node.attr)
        elif isinstance(node, ast.Name):
            used.add(node.id)
        elif isinstance(node, ast.alias):
            used.add(node.asname or node.name.rsplit(".", 1)[-1])
    return used


@dataclasses.dataclass(frozen=True)
class Place:
    """A block of a page, by the heading it sits under."""

    page: Path  # relative to docs/
    page_title: str
    heading: str
    anchor: str
    code: str  # the block's code, its snippets expanded


def _inline_text(title: str) -> str:
    """A heading's text as a link can show it: Markdown code marks, links and formula delimiters dropped
    (``$(N, C)$`` reads as (N, C); a formula inside a link would stay TeX in the notebooks)."""
    title = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", title)
    return title.replace("`", "").replace("*", "").replace("$", "")


@functools.cache
def places() -> list[Place]:
    """Every block of docs/ (collected as the tests collect them), with the heading above it and that
    heading's id on the site."""
    found = []
    for page in sorted(DOCS_DIR.rglob("*.md")):
        page_headings = headings(page)
        title = page_headings[0][1] if page_headings else ""
        for block in collect_blocks(page):
            _, heading, anchor = heading_above(page_headings, block.line)
            found.append(Place(page.relative_to(DOCS_DIR), title, heading, anchor, block.code))
    return found


def headings(page: Path) -> list[tuple[int, str, str]]:
    """The headings of a page of docs/: (line, text as a link shows it, its id on the site)."""
    lines = page.read_text(encoding="utf-8").splitlines()
    found: list[tuple[int, str, str]] = []
    ids: set[str] = set()
    in_fence = False
    for number, line in enumerate(lines, start=1):
        if FENCE.match(line):
            in_fence = not in_fence
        elif not in_fence and (match := HEADING.match(line)) and number > _front_matter_end(lines):
            text = _inline_text(match["title"])
            found.append((number, text, unique(slugify(text, "-"), ids)))
    return found


def heading_above(page_headings: list[tuple[int, str, str]], line: int) -> tuple[int, str, str]:
    """The last heading before ``line`` of the page: the section that line sits in."""
    return max((heading for heading in page_headings if heading[0] < line), default=(0, "", ""))


def _front_matter_end(lines: list[str]) -> int:
    """The line that closes the page's front matter (0 when it has none): its comments are not headings."""
    return lines.index("---", 1) + 1 if lines and lines[0] == "---" and "---" in lines[1:] else 0


def pages_using(loss: str) -> dict[Path, list[Place]]:
    """The places of other pages whose code builds ``loss`` or calls its functional form, by page."""
    loss_info = CATALOG_BY_NAME[loss]
    own_page = Path("losses") / f"{loss_info.slug}.md"
    wanted = {loss} | ({functional} if (functional := functional_name(loss)) else set())
    by_page: dict[Path, list[Place]] = {}
    for place in places():
        if place.page == own_page:
            continue
        if wanted & names_used(place.code):
            by_page.setdefault(place.page, [])
            if place.anchor not in [known.anchor for known in by_page[place.page]]:
                by_page[place.page].append(place)
    return by_page


def used_on_this_site_markdown(loss: str) -> str:
    own_page = DOCS_DIR / "losses" / f"{CATALOG_BY_NAME[loss].slug}.md"
    by_page = pages_using(loss)
    if not by_page:
        return f"No other page of the site uses `{loss}` yet."
    lines = []
    for page, page_places in sorted(by_page.items(), key=lambda item: item[0].as_posix()):
        link = Path(os.path.relpath(DOCS_DIR / page, own_page.parent)).as_posix()
        sections = ", ".join(f"[{place.heading}]({link}#{place.anchor})" for place in page_places if place.anchor)
        lines.append(f"- [{page_places[0].page_title}]({link})" + (f": {sections}" if sections else ""))
    return "\n".join(lines)


def torch_release() -> str:
    return metadata.version("torch").split("+")[0]


def definition(loss: str) -> tuple[str, int]:
    """Where the installed torch defines the class: its path inside the torch repository, and the line."""
    cls = getattr(torch.nn, loss)
    source = Path(inspect.getsourcefile(cls))
    inside_repository = source.relative_to(Path(torch.__file__).parent.parent).as_posix()
    return inside_repository, inspect.getsourcelines(cls)[1]


def official_references_markdown(loss: str) -> str:
    release = torch_release()
    path, line = definition(loss)
    docs = DOCS_URL.format(version=".".join(release.split(".")[:2]), name=loss)
    source = SOURCE_URL.format(version=release, path=path, line=line)
    return (
        f"- The PyTorch documentation of [`torch.nn.{loss}`]({docs}), for the pinned torch.\n"
        f"- Its source: [`{path}`, line {line}]({source}), at the tag of the pinned release."
    )
