"""The notebooks' pages as search engines and readers meet them: each names the page it copies as canonical,
the sitemap lists the pages and not their copies, and the links between page and notebook say what they do
and sit in one row on a phone, readable in both colour schemes."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from mkdocs.config import load_config

from tests.browser import PHONE, watched_page
from tests.browser_contrast import contrast_problems
from tests.support import CHAPTERS, MKDOCS_YML, SITE_PAGES, parsed, url_path
from tools.notebook_pages import COLAB_LABEL, DOWNLOAD_LABEL, VIEW_NOTEBOOK_LABEL, VIEW_PAGE_LABEL

SITE_URL = load_config(str(MKDOCS_YML)).site_url
CHAPTER_IDS = [chapter.uri for chapter in CHAPTERS]


def published(address: str) -> str:
    """The published URL of a site address ("/losses/l1-loss/")."""
    return SITE_URL + address.lstrip("/")


def canonical(page_html: Path) -> str:
    return parsed(page_html).find("link", rel="canonical")["href"]


@pytest.mark.parametrize("chapter", CHAPTERS, ids=CHAPTER_IDS)
def test_a_notebook_page_names_the_page_it_copies_as_canonical(built_site, chapter):
    page_address = url_path(Path("docs") / chapter.page)
    assert canonical(built_site.site / chapter.url / "index.html") == published(page_address)
    assert canonical(built_site.site / page_address.strip("/") / "index.html") == published(page_address)


def test_the_sitemap_lists_every_page_once_and_no_notebook_page(built_site):
    urls = ET.parse(built_site.site / "sitemap.xml").getroot()
    listed = [loc.text for loc in urls.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert sorted(listed) == sorted(published(url_path(page)) for page in SITE_PAGES)
    assert not {published(chapter.url) for chapter in CHAPTERS} & set(listed)


@pytest.mark.parametrize("chapter", CHAPTERS, ids=CHAPTER_IDS)
def test_the_links_between_page_and_notebook_say_what_they_do(built_site, chapter):
    page_html = built_site.site / url_path(Path("docs") / chapter.page).strip("/") / "index.html"
    on_page = [link.get_text() for link in parsed(page_html).select("nav.notebook-links a")]
    assert on_page == [VIEW_NOTEBOOK_LABEL, DOWNLOAD_LABEL, COLAB_LABEL]
    notebook_html = built_site.site / chapter.url / "index.html"
    on_notebook = [link.get_text() for link in parsed(notebook_html).select("nav.notebook-links a")]
    assert on_notebook == [VIEW_PAGE_LABEL, DOWNLOAD_LABEL, COLAB_LABEL]


# A page (its labels are the longer) and a notebook's page.
LINK_ROWS = [url_path(Path("docs") / CHAPTERS[0].page), f"/{CHAPTERS[0].url}"]


@pytest.mark.parametrize("address", LINK_ROWS)
def test_the_links_fit_one_row_on_a_phone_and_read_well_focused_in_both_schemes(browser, site_url, address):
    with watched_page(browser, site_url, viewport=PHONE) as (page, problems):
        page.goto(site_url + address, wait_until="load")
        links = page.locator("nav.notebook-links a")
        tops = {box["y"] for box in (link.bounding_box() for link in links.all())}
        assert links.count() == 3 and len(tops) == 1, f"the links take {len(tops)} rows on a {PHONE['width']} px phone"
        for link in links.all():
            link.focus()  # a focused button is filled with the accent colour: its text must still read
            assert contrast_problems(page, within="nav.notebook-links") == []
        assert problems == []


def test_every_notebook_export_after_the_first_compiles_no_template_and_renders_the_same(monkeypatch):
    """tools/nbconvert_templates.py: mkdocs-jupyter makes an exporter per notebook; with the shared bytecode
    the second compiles nothing, and renders what an exporter that compiled every template renders."""
    import jinja2
    import nbformat
    from nbconvert import HTMLExporter
    from nbconvert.exporters.templateexporter import TemplateExporter

    from tools import nbconvert_templates

    monkeypatch.setattr(TemplateExporter, "_create_environment", TemplateExporter._create_environment)  # undone after
    nbconvert_templates.share_compiled_templates()
    notebook = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_markdown_cell("# A title"), nbformat.v4.new_code_cell("print(1)")]
    )
    HTMLExporter(template_name="lab").from_notebook_node(notebook)  # compiles what is not compiled yet
    compiled = []
    compile_template = jinja2.Environment.compile

    def counted(environment, source, name=None, *args, **kwargs):
        compiled.append(name)
        return compile_template(environment, source, name, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", counted)
    shared, _ = HTMLExporter(template_name="lab").from_notebook_node(notebook)
    assert compiled == []
    monkeypatch.setattr(TemplateExporter, "_create_environment", nbconvert_templates._create_environment)
    own, _ = HTMLExporter(template_name="lab").from_notebook_node(notebook)
    assert len(compiled) >= 8  # the lab template and those it extends, compiled again without the cache
    assert shared == own
