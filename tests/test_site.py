"""The built site: a clean strict build, the tested code is the code a reader copies, nothing loads from
another host, formulas are MathML, and pasted error messages are in the search index."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import material
import pytest
from bs4 import BeautifulSoup
from mkdocs.config import load_config
from mkdocs.utils.meta import get_data

from tests.support import BLOCKS_BY_PAGE, MKDOCS_YML, PAGES, SITE_PAGES, built_page, parsed
from tools.blocks import ERROR_LINE
from tools.code_blocks import lighten
from tools.expand import PROJECT_ROOT
from tools.palette_stylesheet import SWITCHING_RULE, without_switching_rule
from tools.tables import (
    MATERIAL_TABLE_RULES_AT_LEAST,
    MATERIAL_TABLE_SELECTOR,
    TABLE_CLASS,
    WIDENED_TABLE_SELECTOR,
    with_wrapped_tables_styled,
    wrap_tables,
)

# <link rel=...> values that make the browser fetch the target.
FETCHING_RELS = {"stylesheet", "preload", "prefetch", "preconnect", "dns-prefetch", "modulepreload", "icon", "manifest"}
CSS_URL = re.compile(r"""(?:@import\s+(?:url\()?|url\()\s*["']?(?P<url>[^"')\s;]+)""")


def soup_of(built_site, page: Path) -> BeautifulSoup:
    return parsed(built_page(built_site.site, page))


def is_other_host(url: str) -> bool:
    return bool(urlsplit(url).netloc) or url.startswith("//")


def test_strict_build_passes_with_no_warning(built_site):
    assert built_site.returncode == 0, built_site.log
    assert "WARNING" not in built_site.log, built_site.log


@pytest.mark.parametrize("page", SITE_PAGES, ids=str)
def test_built_page_shows_exactly_the_tested_blocks(built_site, page):
    """The code a reader copies from the page, and the output under it, are what the tests ran and compared."""
    shown: list[list[str | None]] = []
    for block in soup_of(built_site, page).select("div.highlight"):
        text = block.select_one("pre > code").get_text()
        if "language-console" in block["class"]:
            continue  # shell commands are shown, not run
        if "language-python" in block["class"]:
            shown.append([text, None])
        else:
            assert "language-text" in block["class"] and shown and shown[-1][1] is None, block["class"]
            shown[-1][1] = text
    tested = [[block.code, block.expected_output] for block in BLOCKS_BY_PAGE.get(page, [])]
    assert shown == tested


def resource_urls(soup: BeautifulSoup) -> list[str]:
    """Every URL in an HTML document that a browser fetches while loading it (links to follow excluded)."""
    urls = []
    for tag in soup.find_all(["script", "img", "iframe", "source", "audio", "video", "embed", "track"]):
        urls += [tag.get("src"), tag.get("srcset")]
    urls += [tag.get("href") for tag in soup.find_all("link") if FETCHING_RELS & set(tag.get("rel", []))]
    urls += [tag.get("data") for tag in soup.find_all("object")]
    urls += [url for style in soup.find_all("style") for url in css_urls(style.string or "")]
    urls += [url for tag in soup.find_all(style=True) for url in css_urls(tag["style"])]
    return [url for url in urls if url]


def css_urls(css: str) -> list[str]:
    return [match["url"] for match in CSS_URL.finditer(css)]


def test_the_resource_scan_sees_a_web_font_and_a_cdn_script():
    html = """<link rel="preconnect" href="https://fonts.gstatic.com">
    <link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">
    <script src="https://cdn.jsdelivr.net/npm/mathjax@3/es5/tex-mml-chtml.js"></script>
    <a href="https://pytorch.org/docs/">a link is not a request</a><style>@import url("//cdn.example/x.css");</style>"""
    assert [url for url in resource_urls(BeautifulSoup(html, "html.parser")) if is_other_host(url)] == [
        "https://cdn.jsdelivr.net/npm/mathjax@3/es5/tex-mml-chtml.js",
        "https://fonts.gstatic.com",
        "https://fonts.googleapis.com/css?family=Roboto",
        "//cdn.example/x.css",
    ]


def test_no_page_loads_anything_from_another_host(built_site):
    requests = [
        (path, url) for path in built_site.site.rglob("*.html") for url in resource_urls(parsed(path))
    ]
    requests += [
        (path, url) for path in built_site.site.rglob("*.css") for url in css_urls(path.read_text(encoding="utf-8"))
    ]
    assert len(requests) > len(PAGES), "the scan found too few resources: it is not looking at the site"
    external = [(str(path.relative_to(built_site.site)), url) for path, url in requests if is_other_host(url)]
    assert not external


@pytest.mark.parametrize("page", SITE_PAGES, ids=str)
def test_formulas_are_rendered_to_mathml(built_site, page):
    source = (PROJECT_ROOT / page).read_text(encoding="utf-8")
    soup = soup_of(built_site, page)
    assert not soup.select(".arithmatex"), "a formula was left for a script to render"
    article = soup.select_one("article").get_text()
    assert "\\frac" not in article and "$$" not in article, "raw TeX is visible on the page"
    if "$" in source:
        assert soup.find_all("math"), "the page has formulas but no MathML"


@pytest.mark.parametrize("page", SITE_PAGES, ids=str)
def test_code_blocks_carry_their_language(built_site, page):
    for block in soup_of(built_site, page).select("div.highlight"):
        assert any(name.startswith("language-") for name in block["class"]), block["class"]


def test_lighten_keeps_the_code_and_its_coloured_tokens_and_counts_the_lines():
    highlighted = (
        '<div class="language-python highlight"><pre><span></span><code><span class="kn">import</span>'
        '<span class="w"> </span><span class="nn">torch</span>\n<span class="n">loss</span> <span class="o">=</span> '
        '<span class="n">nn</span><span class="o">.</span><span class="n">L1Loss</span><span class="p">()</span>\n'
        "</code></pre></div>"
    )
    light = BeautifulSoup(lighten(highlighted), "html.parser")
    assert light.get_text() == BeautifulSoup(highlighted, "html.parser").get_text()
    assert [span["class"] for span in light.select("code span")] == [["kn"], ["nn"], ["o"], ["o"], ["p"]]
    assert light.select_one("code")["style"] == "--code-lines: 2"
    # An output wraps on a narrow screen: its height is not its number of lines, so it declares none.
    output = '<div class="language-text highlight"><pre><span></span><code>tensor(0.5000)\n</code></pre></div>'
    assert lighten(output) == output


def test_every_built_code_block_declares_its_number_of_lines(built_site):
    """extra.css reserves a skipped block's height from it: a wrong count would make the page jump. An output
    wraps (its height depends on the screen's width): it declares none, and is rendered with the page."""
    checked = outputs = 0
    for html_file in built_site.site.rglob("index.html"):
        for code in parsed(html_file).select("div.highlight > pre > code"):
            lines = len(code.get_text().removesuffix("\n").split("\n"))
            if "language-text" in code.parent.parent["class"]:
                assert code.get("style") is None, f"{html_file}: {code.get_text()[:60]!r}"
                outputs += 1
            else:
                assert code.get("style") == f"--code-lines: {lines}", f"{html_file}: {code.get_text()[:60]!r}"
                checked += 1
            assert not code.select('span.n, span.w'), f"{html_file}: a token span that only adds elements"
    assert checked > 700 and outputs > 700


def test_search_finds_every_error_message_a_page_shows(built_site):
    index = json.loads((built_site.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    indexed = " ".join(entry["text"] for entry in index["docs"])
    shown = [
        line
        for blocks in BLOCKS_BY_PAGE.values()
        for block in blocks
        for line in (block.expected_output or "").splitlines()
        if ERROR_LINE.match(line)
    ]
    assert shown
    missing = [line for line in shown if line not in indexed]
    assert not missing


def test_every_image_has_alt_text_and_exists(built_site):
    images = []
    for html_file in built_site.site.rglob("*.html"):
        for image in parsed(html_file).select("article img"):
            images.append(image)
            assert image.get("alt", "").strip(), f"{html_file}: an image without alt text"
            target = (html_file.parent / image["src"].split("#")[0]).resolve()
            assert target.is_file(), f"{html_file}: {image['src']} is not in the site"
    assert images


@pytest.mark.parametrize("page", SITE_PAGES, ids=str)
def test_every_page_has_its_own_description(built_site, page):
    """A front matter that YAML cannot read is rendered as text on the page and loses its description."""
    _, meta = get_data((PROJECT_ROOT / page).read_text(encoding="utf-8"))
    description = meta.get("description", "")
    assert 50 <= len(description) <= 170, f"{page}: a front-matter description of 50 to 170 characters"
    tag = soup_of(built_site, page).find("meta", attrs={"name": "description"})
    assert tag["content"] == description


def test_the_404_page_points_the_reader_on(built_site):
    """Its links are absolute (it is served at any address) and each leads to a page of the site."""
    links = [link["href"] for link in parsed(built_site.site / "404.html").select("article a[href]")]
    root = urlsplit(load_config(str(MKDOCS_YML)).site_url).path  # "/" on a domain, "/repository/" on a project site
    assert f"{root}guides/errors-and-fixes/" in links and f"{root}losses/" in links
    for link in links:
        assert link.startswith(root), link
        assert (built_site.site / link.removeprefix(root) / "index.html").is_file(), link


@pytest.mark.parametrize("stylesheet", sorted((PROJECT_ROOT / "docs/stylesheets").glob("*.css")), ids=lambda p: p.name)
def test_the_site_stylesheets_have_no_unclosed_rule(stylesheet):
    """A rule left open swallows every rule after it, silently (the browser drops them as bad declarations).
    Rules nest only inside an at-rule (``@media``, ``@supports``)."""
    css = re.sub(r"/\*.*?\*/", "", stylesheet.read_text(encoding="utf-8"), flags=re.DOTALL)
    open_blocks: list[str] = []  # the prelude of each block open around the current character
    prelude = ""
    for character in css:
        if character == "{":
            assert all(block.startswith("@") for block in open_blocks), f"a rule opens inside {open_blocks[-1]!r}"
            open_blocks.append(prelude.strip())
            prelude = ""
        elif character == "}":
            assert open_blocks, "a rule closes twice"
            open_blocks.pop()
            prelude = ""
        elif character == ";":
            prelude = ""
        else:
            prelude += character
    assert open_blocks == [], f"{open_blocks[-1]!r} is never closed"


def test_headings_never_skip_a_level(built_site):
    """Lighthouse's heading-order audit (accessibility): a screen reader's outline must not jump from h1 to h3;
    a generated region's headings (the changes between torch versions) follow the page's."""
    skipped = []
    for html_file in built_site.site.rglob("index.html"):
        article = parsed(html_file).select_one("article")
        levels = [int(heading.name[1]) for heading in article.select("h1, h2, h3, h4, h5, h6")] if article else []
        skipped += [f"{html_file}: h{a} then h{b}" for a, b in itertools.pairwise(levels) if b > a + 1]
    assert not skipped, "\n".join(skipped)


def test_material_palette_stylesheet_is_served_without_its_switching_rule(built_site):
    """tools/palette_stylesheet.py: the theme's stylesheet less that one rule, so nothing on the page
    depends on the attribute Material's script sets and removes as each page starts."""
    [built] = built_site.site.glob("assets/stylesheets/palette.*.min.css")
    theme = Path(material.__file__).parent / "templates" / built.relative_to(built_site.site)
    original = theme.read_text(encoding="utf-8")
    assert SWITCHING_RULE in original
    assert built.read_text(encoding="utf-8") == original.replace(SWITCHING_RULE, "")
    assert "data-md-color-switching" not in built.read_text(encoding="utf-8")


def test_a_material_palette_stylesheet_without_the_expected_rule_fails_loudly():
    with pytest.raises(ValueError, match="SWITCHING_RULE"):
        without_switching_rule("[data-md-color-switching] *{transition:none!important}")


def in_materials_box(table) -> bool:
    """The table is alone in Material's two boxes (its renderTable), with the class its script passes over."""
    inner, outer = table.parent, table.parent.parent
    return (
        table.get("class") == [TABLE_CLASS]
        and [inner.name, inner.get("class"), len(inner.find_all(recursive=False))] == ["div", ["md-typeset__table"], 1]
        and [outer.name, outer.get("class"), len(outer.find_all(recursive=False))]
        == ["div", ["md-typeset__scrollwrap"], 1]
    )


def test_wrap_tables_puts_each_table_in_materials_box_and_leaves_the_rest():
    page = "<p>a</p>\n<table>\n<tr><td>1</td></tr>\n</table>\n<p>b</p><table><tr><td>2</td></tr></table>"
    wrapped = BeautifulSoup(wrap_tables(page), "html.parser")
    assert [in_materials_box(table) for table in wrapped.find_all("table")] == [True, True]
    assert [table.get_text(strip=True) for table in wrapped.find_all("table")] == ["1", "2"]
    assert wrapped.get_text() == BeautifulSoup(page, "html.parser").get_text()


def test_every_table_is_built_in_materials_box(built_site):
    """tools/tables.py: a table that Material's script would move into its box is built there instead."""
    tables = loose = 0
    for html_file in built_site.site.rglob("index.html"):
        for table in parsed(html_file).select("article table"):
            tables += 1
            loose += not in_materials_box(table)
    assert tables > 40 and loose == 0, f"{loose} of {tables} tables are not built in Material's box"


def test_material_main_stylesheet_styles_the_wrapped_tables(built_site):
    """tools/tables.py: every table rule of the theme's stylesheet applies to the class as well, and nothing
    else of the stylesheet changed."""
    [built] = built_site.site.glob("assets/stylesheets/main.*.min.css")
    theme = Path(material.__file__).parent / "templates" / built.relative_to(built_site.site)
    original = theme.read_text(encoding="utf-8")
    served = built.read_text(encoding="utf-8")
    assert original.count(MATERIAL_TABLE_SELECTOR) >= MATERIAL_TABLE_RULES_AT_LEAST
    assert served.count(WIDENED_TABLE_SELECTOR) == original.count(MATERIAL_TABLE_SELECTOR)
    assert served.replace(WIDENED_TABLE_SELECTOR, MATERIAL_TABLE_SELECTOR) == original


def test_a_material_main_stylesheet_without_the_expected_table_selector_fails_loudly():
    with pytest.raises(ValueError, match="MATERIAL_TABLE_SELECTOR"):
        with_wrapped_tables_styled(".md-typeset table:where(:not([class])){display:inline-block}")


def test_material_starts_without_the_features_that_restyle_the_whole_page():
    """Instant navigation sets the address of every link again as each page starts, which restyles every
    link; without content.lazy Material sets up every code block as the page loads, each set-up a new
    layout (mkdocs.yml, CONTRIBUTING.md "Lighthouse")."""
    features = load_config(str(MKDOCS_YML)).theme["features"]
    assert "navigation.instant" not in features and "content.lazy" in features


# Material's script tag, as its template writes it (the test below fails if a Material upgrade changes it).
MATERIAL_SCRIPT = re.compile(
    r'<script\b(?P<attributes>[^>]*)\bsrc="[^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js"'
)


def test_material_script_is_deferred_on_every_page(built_site):
    """overrides/main.html: Material's script runs once the page is parsed, in a task of its own, not inside
    the task that parses the end of the page (CONTRIBUTING.md "Lighthouse")."""
    pages = sorted(built_site.site.rglob("*.html"))
    not_deferred = []
    for html_file in pages:
        tags = MATERIAL_SCRIPT.findall(html_file.read_text(encoding="utf-8"))
        if len(tags) != 1 or "defer" not in tags[0].split():
            not_deferred.append(f"{html_file.relative_to(built_site.site)}: {tags}")
    assert len(pages) > 90 and not_deferred == [], not_deferred
