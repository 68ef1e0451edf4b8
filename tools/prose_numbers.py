"""Numbers written in a page's prose that nothing on the page proves.

    python -m tools.prose_numbers                 # every page in docs/
    python -m tools.prose_numbers docs/page.md    # some pages

An output is proven by running its code; a sentence is not. The most common slip is a number typed into
prose ("ten times the gradient", "about 2.3") that no block on the page prints. This check renders a page as
the site does (Python-Markdown with the extensions and settings of mkdocs.yml, snippets expanded), reads the
numbers of its prose (paragraphs, list items, headings, admonitions, inline code, figure alt text) and
reports, as ``page:line``, each one that appears in none of the page's proofs: its output blocks (not those
that vary by machine), formulas, tables and generated regions (``<!-- generated: NAME -->``), and, for the
alt text of a loss plot, what the plot shows (its range, its curves' parameters, and the loss and gradient
at the ends and at the lowest point of each curve). Code is not a proof: it is the question, not the answer.

A prose number matches a proof's number when they are equal or when the proof's number rounds to it at the
precision the prose gives ("0.07" matches 0.0667, "5" matches 4.98, "a hundred times" matches 111), so
prose may round but not invent. "N%" matches N or N/100; ratios in words ("ten times", "twice as") are read
as numbers.

Exceptions, kept short and explicit (the patterns below): a version after a package's name must be the
installed version of that package instead ("torch 2.14.1" with 2.14.1 installed), unless history says
otherwise ("new in PyTorch 2.13"); the number of dimensions in "2-D"; the year of
a cited paper ("Lin et al., 2017)").
"""

from __future__ import annotations

import argparse
import dataclasses
import functools
import re
import sys
from importlib import metadata
from pathlib import Path

import markdown
from bs4 import BeautifulSoup, Comment, NavigableString, Tag
from mkdocs.config import load_config
from mkdocs.utils.meta import get_data

from tools.blocks import MACHINE_DEPENDENT_MARKER
from tools.expand import DOCS_DIR, GENERATED_REGION, MKDOCS_YML, PageError, display_path, expand_lines, snippet_settings
from tools.loss_plots import PLOTS_BY_NAME, shown_numbers

# A number as prose writes it: not part of a name (float32, L1, x_2), optionally signed, with thousands
# separators, decimals or an exponent.
PROSE_NUMBER = re.compile(
    r"(?<![\w.^_\\])(?P<sign>[-−+±])?(?P<number>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?(?:e[-+]?\d+)?)(?P<percent>%)?(?![\w]|\.\d)"
)
# Any number inside a proof: digits wherever they stand (code, TeX, tables).
PROOF_NUMBER = re.compile(r"\d+(?:\.\d+)?(?:e[-+]?\d+)?")
NUMBER_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "fifty": 50, "hundred": 100, "thousand": 1000,
}  # fmt: skip
# "ten times", "five-fold", "twice as", "twice the", "half as": a ratio in words, checked like a number
# ("half the gap" is left alone: it is usually a definition, not a measurement).
RATIO_IN_WORDS = re.compile(
    r"\b(?:(?P<word>" + "|".join(NUMBER_WORDS) + r")(?:[ -]times\b|-fold\b)"
    r"|(?P<twice>twice) (?:as|the)\b|(?P<half>half) as\b)",
    re.IGNORECASE,
)
# A version after the name of what it versions: checked against what is installed, not against the page.
VERSIONED = {"torch": "torch", "pytorch": "torch", "numpy": "numpy", "keras": "keras", "python": None}
# A phrase that puts the version after it in the past ("new in PyTorch 2.13"): history, not the installed one.
HISTORY = re.compile(r"\b(?:(?:new|added|introduced) in|since) (?:PyTorch|torch) $", re.IGNORECASE)
VERSION = re.compile(r"\b(?P<package>" + "|".join(VERSIONED) + r")(?:==| )(?P<version>\d+(?:\.\d+)+)", re.IGNORECASE)
# "2-D input", "a 3-D tensor": a count of dimensions names a kind of shape.
DIMENSIONS = re.compile(r"(?<![\w.])\d-D\b")
# "(Lin et al., 2017)": the year of a cited paper.
CITED_YEAR = re.compile(r"\b(?:19|20)\d\d(?=\))")
# Elements whose text is a proof, and elements that are neither proof nor prose.
PROOF_SELECTOR = ".language-text, .arithmatex, table"
# A loss plot of the reference, by its name: plots/<name>-light.svg
LOSS_PLOT = re.compile(r"(?:^|/)plots/(?P<name>[a-z0-9-]+)-(?:light|dark)\.svg")
SKIPPED_SELECTOR = "pre, script, style, a.headerlink"  # code is neither proof nor prose


@dataclasses.dataclass(frozen=True)
class UnprovenNumber:
    page: Path
    line: int
    number: str
    text: str  # the prose around it

    def __str__(self) -> str:
        where = f"{self.page}:{self.line}"
        return f"{where}: {self.number!r} is shown by no block, formula or table of the page: {self.text}"


@functools.cache
def _markdown_settings(config_file: Path) -> tuple[list, dict]:
    config = load_config(str(config_file))
    extension_configs = dict(config.mdx_configs)
    extension_configs["pymdownx.snippets"] = snippet_settings(config)
    return list(config.markdown_extensions), extension_configs


def render(source: str, config_file: Path = MKDOCS_YML) -> BeautifulSoup:
    """A page's Markdown (front matter removed, snippets expanded) as the site's HTML."""
    extensions, extension_configs = _markdown_settings(config_file)
    html = markdown.Markdown(extensions=extensions, extension_configs=extension_configs).convert(source)
    return BeautifulSoup(html, "html.parser")


def _value(text: str) -> float:
    return float(text.replace(",", ""))


def _decimals(text: str) -> int | None:
    """Digits after the point, or None for a number in scientific notation (compared by value only)."""
    if "e" in text:
        return None
    return len(text.split(".")[1]) if "." in text else 0


def proves(shown: float, written: str) -> bool:
    """Whether a number a proof shows is the number the prose writes, to the precision the prose gives:
    "0.07" is 0.0667 to two decimals, "15,000" is 14579 to the thousand (trailing zeros of a whole number
    are read as rounding)."""
    value, decimals = abs(_value(written)), _decimals(written)
    shown = abs(shown)
    if decimals is None:
        return abs(shown - value) <= 1e-9 * max(value, shown)
    if decimals == 0 and value:
        digits = written.replace(",", "").lstrip("-−+±")
        decimals = -(len(digits) - len(digits.rstrip("0")))
    return shown == value or round(shown, decimals) == value


def _comments_before(element: Tag) -> list[str]:
    """The HTML comments right above an element: the markers of an output block."""
    comments = []
    for node in element.previous_siblings:
        if isinstance(node, Comment):
            comments.append(f"<!--{node}-->")
        elif isinstance(node, Tag) or node.strip():
            break
    return comments


def proof_numbers(soup: BeautifulSoup) -> set[float]:
    """The numbers of the page's outputs, formulas and tables; a timing (an output that varies by machine)
    proves nothing lasting, so its numbers are left out."""
    proofs = [
        element for element in soup.select(PROOF_SELECTOR) if MACHINE_DEPENDENT_MARKER not in _comments_before(element)
    ]
    return {float(match) for element in proofs for match in PROOF_NUMBER.findall(element.get_text())}



def prose_strings(soup: BeautifulSoup):
    """Every piece of text a reader reads as prose (a figure's alt text too): not a proof, not markup."""
    excluded = {id(element) for element in soup.select(f"{PROOF_SELECTOR}, {SKIPPED_SELECTOR}")}
    for string in soup.find_all(string=True):
        if isinstance(string, NavigableString) and not any(id(parent) in excluded for parent in string.parents):
            if type(string) is NavigableString:  # not a comment or a doctype
                yield str(string)
    for image in soup.find_all("img", alt=True):  # a figure's description is prose too, read aloud
        yield image["alt"]


def figure_numbers(soup: BeautifulSoup) -> set[float]:
    """What the page's loss plots show (tools.loss_plots): their descriptions may quote it."""
    names = {match[1] for image in soup.find_all("img", src=True) if (match := LOSS_PLOT.search(image["src"]))}
    return {number for name in names for number in shown_numbers(PLOTS_BY_NAME[name])}


def written_numbers(text: str) -> list[tuple[str, list[str]]]:
    """The numbers a piece of prose writes, in order, each with the forms a proof may show it in."""
    spans = [match.span() for pattern in (VERSION, DIMENSIONS, CITED_YEAR) for match in pattern.finditer(text)]
    found = []
    for match in PROSE_NUMBER.finditer(text):
        if any(start <= match.start() < end for start, end in spans):
            continue
        forms = [match["number"]]
        if match["percent"]:
            forms.append(repr(_value(match["number"]) / 100))
        found.append((match.start(), match[0], forms))
    for match in RATIO_IN_WORDS.finditer(text):
        value = NUMBER_WORDS[match["word"].lower()] if match["word"] else 2 if match["twice"] else 0.5
        found.append((match.start(), match[0], [str(value)]))
    return [(written, forms) for _, written, forms in sorted(found)]


def wrong_versions(text: str) -> list[str]:
    """Versions after a package's name that are not the installed version of that package."""
    wrong = []
    for match in VERSION.finditer(text):
        if HISTORY.search(text[max(0, match.start() - 40) : match.start("version")]):
            continue
        package = VERSIONED[match["package"].lower()]
        installed = metadata.version(package) if package else ".".join(map(str, sys.version_info[:3]))
        installed = installed.split("+")[0]  # 2.14.1+cu130 is torch 2.14.1
        if not (installed + ".").startswith(match["version"] + "."):
            wrong.append(f"{match[0]} (installed: {installed})")
    return wrong


def _source_line(source_lines: list[str], fragment: str, number: str, first_line: int) -> int:
    """The 1-based line of the page source that holds a rendered fragment of prose (best effort: markup and
    line breaks are gone after rendering, so the line that holds the number and most of its words wins)."""
    words = set(re.findall(r"\w+", fragment))

    def score(index: int) -> int:
        return len(words & set(re.findall(r"\w+", source_lines[index])))

    candidates = [index for index, line in enumerate(source_lines) if number in line and index >= first_line - 1]
    if not candidates:
        return first_line
    return max(candidates, key=score) + 1


def unproven_numbers(page: Path, config_file: Path = MKDOCS_YML, source: str | None = None) -> list[UnprovenNumber]:
    """Numbers in the prose of ``page`` that none of its blocks, formulas or tables shows."""
    label = display_path(page)
    if source is None:
        source = page.read_text(encoding="utf-8")
    body, _ = get_data(source)
    first_line = source[: len(source) - len(body)].count("\n") + 1
    source_lines = source.splitlines()
    settings = _markdown_settings(config_file)[1]["pymdownx.snippets"]
    expanded = expand_lines(body.splitlines(), label, settings)  # fails with page:line on a broken directive
    # A generated region is a proof (it is written from code by `make outputs`), not prose.
    generated = [match[0] for match in GENERATED_REGION.finditer(expanded.text)]
    soup = render(GENERATED_REGION.sub("", expanded.text), config_file)
    proofs = proof_numbers(soup) | figure_numbers(soup)
    proofs |= {float(number) for text in generated for number in PROOF_NUMBER.findall(text)}
    found = []
    for text in prose_strings(soup):
        for fragment in text.split("\n"):
            for version in wrong_versions(fragment):
                line = _source_line(source_lines, fragment, version.split()[1], first_line)
                found.append(UnprovenNumber(label, line, version, fragment.strip()))
            for written, forms in written_numbers(fragment):
                if any(proves(shown, form) for form in forms for shown in proofs):
                    continue
                line = _source_line(source_lines, fragment, written.lstrip("-−+±"), first_line)
                found.append(UnprovenNumber(label, line, written, fragment.strip()))
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("pages", nargs="*", type=Path, help="pages to check (default: every page in docs/)")
    args = parser.parse_args(argv)
    pages = args.pages or sorted(DOCS_DIR.rglob("*.md"))
    count = 0
    for page in pages:
        try:
            problems = unproven_numbers(page)
        except PageError as err:
            print(f"error: {err}", file=sys.stderr)
            return 2
        for problem in problems:
            print(problem)
        count += len(problems)
    print(f"{len(pages)} pages checked, {count} unproven numbers in prose")
    return 1 if count else 0


if __name__ == "__main__":
    sys.exit(main())
