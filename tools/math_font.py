"""The site's math font: Latin Modern Math, subset to the characters its formulas use, as WOFF2.

Browsers lay MathML out properly (limits of sums, fraction bars, stretchy brackets, script sizes) only with an
OpenType math font, one with a MATH table; with whatever serif the system has, sums are cramped and spacing
uneven. Latin Modern Math (the GUST e-foundry, GUST Font License) comes from Debian's ``fonts-lmodern``
package; the subset keeps the characters the formulas of the site use, the glyphs the MATH table reaches from
them (larger sums, stretched brackets) and the MATH table itself, and is renamed, as the licence asks of a
modified font. The site's stylesheet (docs/stylesheets/extra.css) uses it for ``math`` elements only, so the
browser downloads it only on pages with formulas.

    python -m tools.math_font            # rewrite docs/assets/fonts/ from the installed fonts-lmodern
    python -m tools.math_font --check    # list characters the formulas use that the subset lacks

The test suite checks the committed subset against every formula of the built site
(tests/test_site.py), so a formula with a new character fails until this is run again.
"""

from __future__ import annotations

import argparse
import html
import re
import sys
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

from tools.expand import DOCS_DIR, PROJECT_ROOT

SOURCE = Path("/usr/share/texmf/fonts/opentype/public/lm-math/latinmodern-math.otf")  # fonts-lmodern
FAMILY = "Loss Guide Math"  # not "Latin Modern Math": the licence asks that a modified font be renamed
SUBSET = PROJECT_ROOT / "docs" / "assets" / "fonts" / "loss-guide-math.woff2"

TEXT = re.compile(r">([^<>]+)<")
SINGLE_MI = re.compile(r"<mi>([^<>])</mi>")
# What pymdownx.arithmatex's generic mode leaves in a page for the hooks to render (tools/mkdocs_hooks.py).
TEX = re.compile(r"\\\((?P<inline>.*?)\\\)|\\\[(?P<block>.*?)\\\]", re.DOTALL)


def italic(character: str) -> str:
    """The character a browser draws for a one-letter ``<mi>``: MathML Core's automatic italic maps a
    letter to its Mathematical Italic code point (x -> U+1D465), which is in the font's cmap separately."""
    if character == "h":
        return "\u210e"  # PLANCK CONSTANT: the italic h's place in Unicode
    name = unicodedata.name(character, "")
    match = re.fullmatch(r"(?:LATIN|GREEK) (SMALL|CAPITAL) LETTER (\w+)", name)
    if not match:
        return character
    try:
        return unicodedata.lookup(f"MATHEMATICAL ITALIC {match[1]} {match[2]}")
    except KeyError:
        return character


def characters_of(mathml: Iterable[str]) -> set[str]:
    """Every character the browser draws for these ``<math>`` elements, automatic italics included."""
    used: set[str] = set()
    for element in mathml:
        for text in TEXT.findall(element):
            used.update(html.unescape(text))
        used.update(italic(html.unescape(letter)) for letter in SINGLE_MI.findall(element))
    return {character for character in used if not character.isspace()}


def formulas_of_the_pages() -> list[str]:
    """Every formula of docs/, rendered as the build renders it."""
    from mkdocs.utils.meta import get_data

    from tools.formulas import mathml
    from tools.prose_numbers import render  # a page's Markdown with the site's extensions

    formulas = []
    for page in sorted(DOCS_DIR.rglob("*.md")):
        markdown, _ = get_data(page.read_text(encoding="utf-8"))
        for element in render(markdown).select(".arithmatex"):
            for match in TEX.finditer(element.get_text()):
                display = "inline" if match["inline"] is not None else "block"
                formulas.append(mathml(match["inline"] or match["block"] or "", display))
    return formulas


def missing(characters: set[str], font_file: Path = SUBSET) -> set[str]:
    cmap = TTFont(font_file).getBestCmap()
    return {character for character in characters if ord(character) not in cmap}


def write_subset(characters: set[str], source: Path = SOURCE, destination: Path = SUBSET) -> None:
    options = subset.Options()
    options.flavor = "woff2"
    # No OpenType layout features: the font's are ssty (script-size variants), dtls and aalt, and Chromium's
    # MathML applies none of them (ssty is MathML Core level 2). All 1211 formulas of the site render to the
    # same pixels in Chromium with and without them, and leaving their glyphs out halves the file (50 to 23 KB).
    options.layout_features = []
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]  # copyright, names, version, licence
    options.notdef_outline = True
    font = subset.load_font(str(source), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(ord(character) for character in characters))
    subsetter.subset(font)
    if "MATH" not in font:
        raise RuntimeError("the subset lost its MATH table: browsers would lay formulas out without it")
    for record in font["name"].names:
        if record.nameID in (1, 4, 16):
            record.string = FAMILY
        elif record.nameID in (3, 6):
            record.string = FAMILY.replace(" ", "")
    destination.parent.mkdir(parents=True, exist_ok=True)
    subset.save_font(font, str(destination), options)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="report what the subset lacks; write nothing")
    parser.add_argument("--source", type=Path, default=SOURCE, help=f"the full font (default: {SOURCE})")
    args = parser.parse_args(argv)
    characters = characters_of(formulas_of_the_pages())
    if args.check:
        lacking = missing(characters)
        for character in sorted(lacking):
            print(f"U+{ord(character):04X} {unicodedata.name(character, '?')}")
        return 1 if lacking else 0
    if not args.source.exists():
        print(f"{args.source} not found: apt-get install fonts-lmodern", file=sys.stderr)
        return 2
    write_subset(characters, args.source)
    print(f"{display(SUBSET)}: {len(characters)} characters, {SUBSET.stat().st_size} bytes")
    return 0


def display(path: Path) -> str:
    return str(path.relative_to(PROJECT_ROOT))


if __name__ == "__main__":
    sys.exit(main())
