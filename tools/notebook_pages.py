"""What the site adds around the notebooks: links between a page and its notebook, and a tidy rendering.

mkdocs-jupyter renders a notebook with nbconvert's JupyterLab template: 0.6 MB of inlined CSS, a
clipboard script, and MathJax and Mermaid loaders that point at a CDN. The site requests nothing from
another host and keeps pages light, so ``tidy`` keeps the rendered cells and drops the rest:

* code cells become Material code blocks (its highlighting, copy button and dark scheme), outputs become
  the site's output blocks, and each code cell keeps its ``In [n]:`` prompt;
* formulas (``$...$``, ``$$...$$`` in Markdown cells) become MathML, as on every other page;
* links and figures that point at the published site (what a downloaded notebook needs) point back into
  this build, and each figure gets its dark-scheme twin.
"""

from __future__ import annotations

import hashlib
import html
import re
from pathlib import Path

from bs4 import BeautifulSoup, Comment, NavigableString, Tag
from mkdocs.utils import get_relative_url

from tools.expand import PROJECT_ROOT, write_whole
from tools.formulas import mathml

CACHE_DIR = PROJECT_ROOT / ".cache" / "notebook-pages"
COLAB = "https://colab.research.google.com/github/{repository}/blob/{branch}/{path}"
BRANCH = "main"  # the branch the deploy workflow publishes from
DISPLAY_MATH = re.compile(r"\$\$(?P<tex>.+?)\$\$", re.DOTALL)
INLINED = re.compile(r"<(style|script)\b[^>]*>.*?</\1>", re.DOTALL)
HELD = re.compile(r"\x00(\d+)\x00")
# A code cell as nbconvert highlights it: pygments' token spans, most of the elements of a notebook's page.
HIGHLIGHTED_CELL = re.compile(r'<div class="highlight-ipynb hl-python"><pre>(?P<code>.*?)</pre></div>', re.DOTALL)
EMPTY_SPAN = re.compile(r"<span(?: [^>]*)?></span>")  # pygments' empty lead
HELD_CODE = re.compile(r"\x01(\d+)\x01")
# Material's markup for a highlighted block, which its copy button and the site's stylesheet expect.
CODE_BLOCK = '<div class="language-{language} highlight"><pre><code>{code}</code></pre></div>'
INLINE_MATH = re.compile(r"(?<![\\$])\$(?P<tex>[^$\n]+?)\$")


def colab_url(repo_url: str, notebook_uri: str) -> str:
    repository = repo_url.removeprefix("https://github.com/").strip("/")
    return COLAB.format(repository=repository, branch=BRANCH, path=notebook_uri)


def links_html(items: list[tuple[str, str, dict[str, str]]], label: str) -> str:
    """A row of links: (text, href, extra attributes)."""
    links = []
    for text, href, extra in items:
        attributes = "".join(f' {name}="{html.escape(value)}"' for name, value in {"href": href, **extra}.items())
        links.append(f'<a class="md-button"{attributes}>{html.escape(text)}</a>')
    return f'<nav class="notebook-links" aria-label="{html.escape(label)}">{" ".join(links)}</nav>'


def _after_title(content: str, addition: str) -> str:
    end = content.find("</h1>")
    return content[: end + len("</h1>")] + addition + content[end + len("</h1>") :] if end >= 0 else addition + content


# The labels say what a click does: the notebook's page on this site is a static copy, run by the build;
# the reader runs it in Colab or after downloading it. The first link switches to the other view.
VIEW_NOTEBOOK_LABEL, VIEW_PAGE_LABEL = "View as notebook", "View as page"
DOWNLOAD_LABEL, COLAB_LABEL = "Download .ipynb", "Open in Colab"


def page_links(content: str, page_url: str, notebook_url: str, notebook_file: str, colab: str) -> str:
    """Under a page's title: its notebook's page, the executed notebook to download, and Colab."""
    items = [
        (VIEW_NOTEBOOK_LABEL, get_relative_url(notebook_url, page_url), {}),
        (DOWNLOAD_LABEL, get_relative_url(notebook_url + notebook_file, page_url), {"download": ""}),
        (COLAB_LABEL, colab, {}),
    ]
    return _after_title(content, links_html(items, "This page as a notebook"))


def notebook_links(content: str, page_url: str, source_url: str, notebook_file: str, colab: str) -> str:
    """Under a notebook's title: the page it was made from, its download, and Colab."""
    items = [
        (VIEW_PAGE_LABEL, get_relative_url(source_url, page_url), {}),
        (DOWNLOAD_LABEL, notebook_file, {"download": ""}),
        (COLAB_LABEL, colab, {}),
    ]
    return _after_title(content, links_html(items, "This notebook"))


def _relative(url: str, site_url: str, page_url: str) -> str:
    if not url.startswith(site_url):
        return url
    path, _, fragment = url.removeprefix(site_url).partition("#")
    relative = get_relative_url(path or ".", page_url)
    relative += "/" if path.endswith("/") and not relative.endswith("/") else ""
    return f"{relative}#{fragment}" if fragment else relative


def _math_in(markdown_cell: Tag, formulas: list[str]) -> None:
    """Replace each formula by a placeholder; ``formulas`` collects its MathML (parsing each is slow)."""

    def hold(mathml_text: str) -> str:
        formulas.append(mathml_text)
        return f"\x00{len(formulas) - 1}\x00"

    for text in list(markdown_cell.find_all(string=True)):
        if "$" not in text or text.find_parent(["code", "pre", "a"]):
            continue
        held = DISPLAY_MATH.sub(lambda m: hold(mathml(m["tex"], "block")), str(text))
        held = INLINE_MATH.sub(lambda m: hold(mathml(m["tex"], "inline")), held)
        text.replace_with(NavigableString(held))


def _code_block(language: str, pre: Tag) -> Tag:
    """An output's ``pre`` as Material's code block (``CODE_BLOCK``), its contents moved in."""
    block = BeautifulSoup(CODE_BLOCK.format(language=language, code=""), "html.parser").div
    for child in list(pre.children):
        block.code.append(child.extract())
    return block


def _has_class(element: Tag, name: str) -> bool:
    return name in (element.get("class") or ())


def _held_code_blocks(content: str) -> tuple[str, list[str]]:
    """The content with each highlighted code cell held out as a placeholder, and the cells as Material's
    code blocks (``CODE_BLOCK``, as ``_code_block`` makes an output one): nothing inside a cell changes, so
    its token spans need not be parsed. They are most of a notebook's elements: ``tidy`` of the 42 notebooks
    took 4.7 CPU-seconds, now 1.6, for the same pages byte for byte."""
    blocks: list[str] = []

    def hold(match: re.Match) -> str:
        code = EMPTY_SPAN.sub("", match["code"])
        blocks.append(CODE_BLOCK.format(language="python", code=code))
        return f"\x01{len(blocks) - 1}\x01"

    return HIGHLIGHTED_CELL.sub(hold, content), blocks


def tidy(content: str, page_url: str, site_url: str) -> str:
    """The rendered notebook as a light page of this site (see the module's docstring)."""
    # The inlined stylesheets are most of the page: cut them before parsing (nbconvert writes them plainly).
    content, code_blocks = _held_code_blocks(INLINED.sub("", content))
    soup = BeautifulSoup(content, "html.parser")
    formulas: list[str] = []
    for comment in soup.find_all(string=lambda text: isinstance(text, Comment)):
        comment.extract()
    for element in soup.find_all(True):  # one walk: CSS selectors over the whole tree are slow
        if element.__dict__.get("_decomposed"):  # inside an element removed above (not .decomposed: slow)
            continue
        if element.name in ("script", "style", "clipboard-copy") or any(
            _has_class(element, name) for name in ("zeroclipboard-container", "clipboard-copy-txt", "jp-Collapser")
        ):
            element.decompose()
            continue
        if element.get("id", "").startswith("cell-id="):  # nbconvert's cell ids are not valid in a CSS selector
            element["id"] = element["id"].removeprefix("cell-id=")
        if element.has_attr("tabindex"):
            del element["tabindex"]  # a cell is not a control: keyboard focus belongs to links and buttons
        if _has_class(element, "jp-RenderedText"):
            element.replace_with(_code_block("text", element.find("pre")))
        elif (_has_class(element, "jp-InputPrompt") or _has_class(element, "jp-OutputPrompt")) and not element.get_text(
            strip=True
        ):
            element.decompose()
        elif _has_class(element, "jp-RenderedMarkdown"):
            _math_in(element, formulas)
        elif element.name == "a" and element.has_attr("href"):
            element["href"] = _relative(element["href"], site_url, page_url)
            if _has_class(element, "anchor-link"):
                element["class"], element["title"] = "headerlink", "Permanent link"
        elif element.name == "img" and element.has_attr("src"):
            element["src"] = _relative(element["src"], site_url, page_url)
            if element["src"].endswith("-light.svg"):  # the site shows the figure of the reader's scheme
                dark = soup.new_tag(
                    "img", attrs={**element.attrs, "src": element["src"].replace("-light.svg", "-dark.svg")}
                )
                dark["src"] += "#only-dark"
                element["src"] += "#only-light"
                element.insert_after(dark)
    tidied = HELD.sub(lambda m: formulas[int(m[1])], str(soup))
    return HELD_CODE.sub(lambda m: code_blocks[int(m[1])], tidied)


HEADING = re.compile(r'<h(?P<level>[1-6]) id="(?P<id>[^"]*)"(?P<body>.*?)</h(?P=level)>', re.DOTALL)


def _anchors(items) -> list[str]:
    return [anchor for item in items for anchor in [item.id, *_anchors(item.children)]]


def match_heading_ids(content: str, toc) -> str:
    """Give the headings, in order, the ids of the table of contents. mkdocs-jupyter makes the contents
    from Markdown and the headings through nbconvert, which slug a heading with code in it differently
    and do not number repeated headings alike."""
    anchors = _anchors(toc)
    count = len(HEADING.findall(content))
    if count != len(anchors):
        raise ValueError(f"{count} headings but {len(anchors)} entries in the table of contents")
    wanted = iter(anchors)

    def renamed(match: re.Match) -> str:
        new = next(wanted)
        body = match["body"].replace(f'href="#{match["id"]}"', f'href="#{new}"')
        return f'<h{match["level"]} id="{new}"{body}</h{match["level"]}>'

    return HEADING.sub(renamed, content)


def cached_tidy(content: str, page_url: str, site_url: str) -> str:
    """``tidy``, kept in .cache/ by its input and this module's code: parsing a big notebook takes a second."""
    key = hashlib.sha256("\0".join([content, page_url, site_url, Path(__file__).read_text()]).encode()).hexdigest()
    path = CACHE_DIR / f"{key[:24]}.html"
    if path.is_file():
        return path.read_text(encoding="utf-8")
    tidied = tidy(content, page_url, site_url)
    write_whole(path, tidied)  # whole or not at all: a build meanwhile (serve and the tests) may read it
    return tidied
