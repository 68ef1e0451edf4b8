"""Rewrite everything that is generated: output blocks and the tables made from code in docs/, and the
notebooks in notebooks/ (see tools.notebooks).

    python -m tools.update_outputs          # rewrite the pages in place
    python -m tools.update_outputs --check  # change nothing; exit 1 and list the pages that are stale

Each python block is run as the tests run it; the ``text`` block under it is replaced by what it printed,
added when the block prints and has none, removed when it prints nothing. A region between
``<!-- generated: NAME -->`` and ``<!-- end generated: NAME -->`` is replaced by what generator NAME returns
(called with the words after NAME, if any: ``<!-- generated: signatures nn.L1Loss -->``).
Running it twice changes nothing.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from tools.blocks import (
    MACHINE_DEPENDENT_MARKER,
    OUTPUT_LANGUAGE,
    OUTPUT_MARKER,
    UPDATE_SEED,
    PageBlock,
    blocks_of,
    output_diff,
    run_block,
)
from tools.expand import DOCS_DIR, GENERATED_REGION, ExpandedPage, PageError, display_path, expand_page
from tools.keras_equivalents import keras_table_markdown
from tools.loss_catalog import cheat_sheet_markdown, index_markdown, shapes_markdown
from tools.loss_links import official_references_markdown, used_on_this_site_markdown
from tools.notebooks import index_markdown as notebook_index_markdown
from tools.notebooks import write_notebooks
from tools.signatures import constructor_markdown, signatures_markdown
from tools.torch_versions import torch_changes_markdown

# The tables written from code, by the name their region carries in a page.
GENERATORS = {
    "loss-cheat-sheet": cheat_sheet_markdown,
    "loss-index": index_markdown,
    "keras-table": keras_table_markdown,
    "notebook-index": notebook_index_markdown,
    "signatures": signatures_markdown,  # with the names to read: <!-- generated: signatures nn.L1Loss -->
    "constructor": constructor_markdown,  # <!-- generated: constructor nn.L1Loss -->
    "loss-shapes": shapes_markdown,  # <!-- generated: loss-shapes L1Loss -->
    "used-on-this-site": used_on_this_site_markdown,  # <!-- generated: used-on-this-site L1Loss -->
    "official-references": official_references_markdown,  # <!-- generated: official-references L1Loss -->
    "torch-changes": torch_changes_markdown,  # what the last torch upgrade changed (tools/torch_versions.py)
}


def _fence_end(lines: list[str], opening: int, page: Path) -> int:
    """The index of the line that closes the fence opened at lines[opening]."""
    stripped = lines[opening].lstrip()
    ticks = stripped[: len(stripped) - len(stripped.lstrip("`"))]
    for index in range(opening + 1, len(lines)):
        if lines[index].lstrip().startswith(ticks):
            return index
    raise PageError(f"{page}:{opening + 1}: the fence opened here is never closed")


def _output_lines(output: str, machine_dependent: bool, indent: str, where: str) -> list[str]:
    if not output:
        return []
    if not output.endswith("\n"):
        raise PageError(f"{where}: the output must end with a newline to be shown in a fence")
    if any(line.lstrip().startswith("```") for line in output.splitlines()):
        raise PageError(f"{where}: the output contains a line starting with ``` and cannot be fenced")
    body = [indent + line if line else "" for line in output.splitlines()]
    markers = [MACHINE_DEPENDENT_MARKER, OUTPUT_MARKER] if machine_dependent else [OUTPUT_MARKER]
    return ["", *(indent + marker for marker in markers), indent + "```" + OUTPUT_LANGUAGE, *body, indent + "```"]


def rewrite(source_lines: list[str], outputs: dict[int, tuple[str, bool]], page: Path) -> list[str]:
    """``source_lines`` with the output block after each python fence replaced.

    ``outputs`` maps the 1-based line of each python fence to its new output and whether that output
    varies by machine.
    """
    result: list[str] = []
    index = 0
    while index < len(source_lines):
        line = source_lines[index]
        if index + 1 not in outputs:
            result.append(line)
            index += 1
            continue
        fence_line = index + 1
        closing = _fence_end(source_lines, index, page)
        result += source_lines[index : closing + 1]
        index = closing + 1
        # Drop the output block that follows, if any: blank lines, the marker, and its fence.
        after = index
        while after < len(source_lines) and not source_lines[after].strip():
            after += 1
        if after < len(source_lines) and source_lines[after].strip() == MACHINE_DEPENDENT_MARKER:
            after += 1
        if after < len(source_lines) and source_lines[after].strip() == OUTPUT_MARKER:
            index = _fence_end(source_lines, after + 1, page) + 1
        indent = line[: len(line) - len(line.lstrip())]
        result += _output_lines(*outputs[fence_line], indent, f"{page}:{fence_line}")
    return result


def regenerate_regions(text: str, page: Path) -> str:
    """Replace what stands between ``<!-- generated: NAME -->`` and ``<!-- end generated: NAME -->``."""

    def generate(match: re.Match) -> str:
        name = match["name"]
        if name not in GENERATORS:
            raise PageError(f"{page}: no generator named {name!r}; known: {sorted(GENERATORS)}")
        # A region inside an admonition or a tab is indented: what is generated there is indented alike.
        indent = text[text.rfind("\n", 0, match.start()) + 1 : match.start()]
        indent = "" if indent.strip() else indent
        generated = GENERATORS[name](*match["arguments"].split()).strip().splitlines()
        body = "\n".join(indent + line if line else "" for line in generated)
        return f"{match['start']}\n{body}\n{indent}{match['end']}"

    return GENERATED_REGION.sub(generate, text)


def new_output(block: PageBlock, remeasure: bool = False) -> tuple[str, bool]:
    """What to show under a block; an output that varies by machine is kept while only its numbers differ,
    unless ``remeasure`` (a new torch: the numbers shown were measured on the old one)."""
    printed = run_block(block, seed=UPDATE_SEED).stdout
    if block.machine_dependent and not remeasure and not output_diff(block, printed):
        printed = block.expected_output
    return printed, block.machine_dependent


def updated_text(expanded: ExpandedPage, remeasure: bool = False) -> str:
    """The page's source text with every output block and generated region regenerated."""
    outputs = {block.line: new_output(block, remeasure) for block in blocks_of(expanded)}
    text = "".join(line + "\n" for line in rewrite(expanded.source_lines, outputs, expanded.path))
    return regenerate_regions(text, expanded.path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="report stale pages instead of rewriting them")
    parser.add_argument(
        "--remeasure", action="store_true", help="also rewrite outputs that vary by machine (timings) whose words agree"
    )
    parser.add_argument("pages", nargs="*", type=Path, help="pages to update (default: every page in docs/)")
    args = parser.parse_args(argv)
    pages = args.pages or sorted(DOCS_DIR.rglob("*.md"))
    stale = []
    for page in pages:
        current = page.read_text(encoding="utf-8")
        try:
            new = updated_text(expand_page(page), args.remeasure)
        except PageError as err:
            print(f"error: {err}", file=sys.stderr)
            return 2
        if new != current:
            stale.append(page)
            if not args.check:
                page.write_text(new, encoding="utf-8")
    verb = "stale" if args.check else "rewritten"
    for page in stale:
        print(f"{verb}: {display_path(page)}")
    print(f"{len(pages)} pages checked, {len(stale)} {verb}")
    if not args.pages:  # the notebooks are made from the pages, so they follow them
        notebooks = write_notebooks(check=args.check)
        for notebook in notebooks:
            print(f"{verb}: {display_path(notebook)}")
        stale += notebooks
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
