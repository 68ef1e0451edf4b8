"""Every figure of the built site as Chromium draws it: all its text inside the canvas and no two pieces of
text on top of each other, in every variant (light, dark, and the narrow ones for phones); and on a phone,
tick labels large enough to read.

Matplotlib writes each piece of text (a tick label, an axis label, a title, a legend entry) as a group
``<g id="text_N">`` holding either a ``<text>`` element or the glyphs as outlines (tools/figures.py): the
tests measure those groups, and any ``<text>`` outside them.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, SoupStrainer
from matplotlib.textpath import TextToPath

from tests.browser import watched_page
from tests.support import built_page
from tools import loss_plots
from tools.figures import NARROW_MEDIA, VARIANTS
from tools.site_figures import site_figures

PHONE_390 = {"width": 390, "height": 844}
SMALLEST_READABLE_PX = 9
FIGURE_SRC = re.compile(r"-(light|dark)\.svg#only-\1$")  # a figure as a page shows it
SHARED_EDGE_PX = 0.5  # boxes that touch or share an antialiased edge do not overlap

# Each figure in its own frame (its ids and styles are its own, as in an <img>), all in one page; for each,
# the text boxes that leave the canvas and the pairs that overlap.
MEASURE_FIGURES = """async ({urls, slack}) => {
    const frames = urls.map(url => {
        const frame = document.createElement('iframe');
        frame.style.cssText = 'width: 1000px; height: 1000px; border: 0';
        const loaded = new Promise(resolve => frame.addEventListener('load', resolve, {once: true}));
        frame.src = url;
        document.body.append(frame);
        return loaded.then(() => frame);
    });
    const label = element => {
        const comment = [...element.childNodes].find(node => node.nodeType === Node.COMMENT_NODE);
        return (comment ? comment.data : element.textContent).trim();
    };
    const results = [];
    for (const frame of await Promise.all(frames)) {
        const svg = frame.contentDocument.documentElement;
        const canvas = svg.getBoundingClientRect();
        const texts = [...svg.querySelectorAll('g[id^="text_"], text')]
            .filter(element => !element.parentElement.closest('g[id^="text_"]'))
            .map(element => ({text: label(element), box: element.getBoundingClientRect()}));
        const problems = [];
        for (const {text, box} of texts) {
            if (box.left < canvas.left - slack || box.top < canvas.top - slack
                || box.right > canvas.right + slack || box.bottom > canvas.bottom + slack) {
                problems.push(`"${text}" leaves the canvas`);
            }
        }
        texts.forEach((first, index) => texts.slice(index + 1).forEach(second => {
            const across = Math.min(first.box.right, second.box.right) - Math.max(first.box.left, second.box.left);
            const down = Math.min(first.box.bottom, second.box.bottom) - Math.max(first.box.top, second.box.top);
            if (across > slack && down > slack) problems.push(`"${first.text}" overlaps "${second.text}"`);
        }));
        results.push({url: frame.src, texts: texts.length, problems});
    }
    return results;
}"""

# The font size, in CSS pixels as the figure's own document shows it, of each tick label. Glyph outlines
# are drawn at TextToPath.FONT_SCALE units to the em, so their group's scale times that is the size.
TICK_LABEL_SIZES = """(fontScale) => [...document.querySelectorAll(
        'g[id^="xtick_"] g[id^="text_"], g[id^="ytick_"] g[id^="text_"]')].map(label => {
    const text = label.querySelector('text');
    if (text) return parseFloat(getComputedStyle(text).fontSize) * text.getScreenCTM().a;
    return fontScale * Math.abs(label.querySelector('g[transform]').getScreenCTM().a);
})"""


def figure_files(site: Path) -> list[Path]:
    """Every figure in every variant: <name>-light.svg, -dark.svg, -narrow-light.svg, -narrow-dark.svg."""
    return sorted(path for path in site.rglob("*.svg") if re.search(r"-(light|dark)\.svg$", path.name))


def test_no_figure_text_leaves_the_canvas_or_overlaps_other_text(browser, site_url, built_site):
    paths = figure_files(built_site.site)
    urls = [f"{site_url}/{path.relative_to(built_site.site).as_posix()}" for path in paths]
    with watched_page(browser, site_url) as (page, problems):
        page.goto(f"{site_url}/")  # any page of the site: the frames must share its origin to be measured
        results = page.evaluate(MEASURE_FIGURES, {"urls": urls, "slack": SHARED_EDGE_PX})
    assert problems == [], problems
    assert [result["url"] for result in results] == urls
    assert all(result["texts"] for result in results), "a figure without text: not measured"
    found = [
        f"{result['url'].removeprefix(site_url)}: {problem}" for result in results for problem in result["problems"]
    ]
    assert not found, "\n".join(found)


def test_figure_text_is_drawn_as_outlines(built_site):
    """Text left to the reader's fonts takes other widths than matplotlib laid it out with, and may overrun
    its neighbour; this Chromium has matplotlib's own font, so the test above cannot see that. Outlines look
    as laid out everywhere (tools/figures.py)."""
    with_text = [path.name for path in figure_files(built_site.site) if "<text" in path.read_text(encoding="utf-8")]
    assert with_text == []


def test_every_figure_has_a_narrow_variant_for_phones(built_site):
    figures = 0
    for html_file in built_site.site.rglob("*.html"):
        html = html_file.read_text(encoding="utf-8")
        if ".svg#only-" not in html:
            continue  # parsing every page takes a minute
        soup = BeautifulSoup(html, "html.parser", parse_only=SoupStrainer(["picture", "img"]))
        for image in soup.find_all("img", src=FIGURE_SRC):
            figures += 1
            source = image.parent.find("source") if image.parent.name == "picture" else None
            assert source, f"{html_file}: {image['src']} has no narrow variant"
            assert source["media"] == NARROW_MEDIA and source["width"] and source["height"]
            assert (html_file.parent / source["srcset"]).is_file(), f"{html_file}: {source['srcset']} is missing"
    assert figures


@pytest.mark.parametrize(
    ("address", "figure"),
    [
        ("/losses/cross-entropy-loss/", "cross-entropy-loss-light.svg"),
        ("/guides/training/", "training-loss-curves-light.svg"),
        ("/getting-started/training-step/", "training-step-loss-per-step-light.svg"),
    ],
)
def test_a_figure_tick_labels_read_at_9_px_on_a_phone(browser, site_url, address, figure):
    with watched_page(browser, site_url, viewport=PHONE_390, is_mobile=True, has_touch=True) as (page, problems):
        page.goto(site_url + address)
        image = page.locator(f"article img[src*='{figure}']")
        image.scroll_into_view_if_needed()  # lazy: it loads now
        image.evaluate("image => image.decode()")
        shown = image.evaluate("image => ({source: image.currentSrc, width: image.getBoundingClientRect().width})")
        assert 0 < shown["width"] <= PHONE_390["width"]
        page.goto(shown["source"])
        natural_width = page.evaluate("document.documentElement.getBoundingClientRect().width")
        sizes = page.evaluate(TICK_LABEL_SIZES, TextToPath.FONT_SCALE)
    assert problems == []
    assert sizes, f"no tick labels found in {shown['source']}"
    smallest = min(sizes) * shown["width"] / natural_width
    assert smallest >= SMALLEST_READABLE_PX, f"tick labels at {smallest:.1f} px on a {PHONE_390['width']} px phone"


def test_every_figure_the_build_draws_is_on_the_site_in_each_variant_and_kept_under_a_name_of_its_own(built_site):
    """The figures are drawn in a process of their own while the pages render (tools/site_figures.py): each
    lands on the site exactly as the cache keeps it, and the page it names shows it (a build draws only the
    figures of the pages it has)."""
    figures = site_figures()
    assert len({figure.name for figure in figures}) == len(figures)
    loss_plots_drawn = [figure for figure in figures if getattr(figure.draw, "func", None) is loss_plots.draw]
    assert len(loss_plots_drawn) == len(loss_plots.PLOTS)  # none left out for want of its page
    for figure in figures:
        assert sorted(figure.uris) == sorted(VARIANTS)
        for variant, uri in figure.uris.items():
            assert (built_site.site / uri).read_bytes() == figure.paths[variant].read_bytes(), uri
        shown = built_page(built_site.site, Path("docs") / figure.page).read_text(encoding="utf-8")
        assert all(Path(uri).name in shown for uri in figure.uris.values()), f"{figure.page} lacks {figure.name}"
