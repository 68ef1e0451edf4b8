"""The built site in a real browser: every page loads cleanly on a phone, search, copy, code block heights,
the dark scheme. The browser and the server are shared (tests/browser.py).
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.browser import DESKTOP, PHONE, SEARCH_INDEX_PATH, watched_page
from tests.browser_contrast import contrast_problems
from tests.browser_reading import reading_problems
from tests.support import BLOCKS_BY_PAGE, CHAPTERS, SITE_PAGES, url_path


@pytest.fixture(scope="module")
def phone(browser, site_url_without_search_documents):
    """One phone-sized page for every load test, on a server whose search index holds no documents
    (``WithoutSearchDocuments``): its cache keeps the shared assets, as a reader's would."""
    with watched_page(browser, site_url_without_search_documents, viewport=PHONE) as (page, problems):
        yield page, problems


# Every page of docs/, and every notebook's page.
ADDRESSES = [url_path(page) for page in SITE_PAGES] + [f"/{chapter.url}" for chapter in CHAPTERS]


# Every visible image of the article loaded now, lazy ones too, so a broken one is seen (a failed request,
# and here the images that did not decode).
BROKEN_IMAGES = """() => Promise.all([...document.querySelectorAll("article img")]
  .filter(image => image.checkVisibility())
  .map(image => {
    image.loading = "eager";
    return image.decode().then(() => null, () => image.getAttribute("src"));
  })).then(sources => sources.filter(Boolean))"""

# One round trip for what the page shows: its widths, its article's text and its first formulas' heights.
LAYOUT = """() => ({
  widths: [document.documentElement.scrollWidth, document.documentElement.clientWidth],
  text: document.querySelector("article").innerText,
  formulaHeights: [...document.querySelectorAll("article math")].slice(0, 5)
    .map(math => math.getBoundingClientRect().height),
})"""


@pytest.mark.parametrize("address", ADDRESSES)
def test_page_loads_cleanly_and_fits_a_phone(phone, site_url_without_search_documents, address):
    page, problems = phone
    problems.clear()
    page.goto(site_url_without_search_documents + address, wait_until="load")
    assert page.evaluate(BROKEN_IMAGES) == []
    assert problems == []
    layout = page.evaluate(LAYOUT)
    widths = layout["widths"]
    assert widths[0] <= widths[1], f"the page is {widths[0]} px wide on a {widths[1]} px phone"
    assert contrast_problems(page) == []
    assert "\\frac" not in layout["text"] and "$$" not in layout["text"], "raw TeX is visible"
    assert all(height > 5 for height in layout["formulaHeights"]), "a formula takes no space: not rendered"
    # Outputs wrap, copy buttons cover no text, formulas are not cut and inline ones are readable.
    assert reading_problems(page) == []


def test_a_request_to_another_host_is_reported_and_never_leaves_the_browser(browser, site_url):
    """What every browser test relies on to prove that the site requests nothing from another host."""
    address = "https://fonts.example.org/font.woff2"
    with watched_page(browser, site_url) as (page, problems):
        page.goto(site_url + "/", wait_until="load")
        assert problems == []
        outcome = page.evaluate(f"fetch('{address}').then(() => 'answered', error => error.message)")
        assert outcome == "Failed to fetch"  # no host name resolves (LOCAL_ONLY): nothing was sent
        assert f"request to another host: {address}" in problems
        assert f"failed: {address} net::ERR_NAME_NOT_RESOLVED" in problems


# A loss by its name, an error by its message, and a loss by one of its arguments and the task it is for:
# what a reader types, and the page that must be among the first three results.
SEARCHES = [
    ("HuberLoss", "/losses/huber-loss/"),
    ("TripletMarginWithDistanceLoss", "/losses/triplet-margin-with-distance-loss/"),
    ("expected target dtype to be Long or Byte, but got Int", "/guides/errors-and-fixes/"),
    ("Target size (torch.Size([4])) must be the same as input size", "/guides/errors-and-fixes/"),
    ("pos_weight multi-label", "/losses/bce-with-logits-loss/"),
    ("label_smoothing classification", "/losses/cross-entropy-loss/"),
    ("ignore_index padding tokens", "/losses/cross-entropy-loss/"),
    ("ignore_index log-probabilities", "/losses/nll-loss/"),
    ("weight binary probabilities", "/losses/bce-loss/"),
    ("delta outliers regression", "/losses/huber-loss/"),
    ("beta regression", "/losses/smooth-l1-loss/"),
    ("zero_infinity speech recognition", "/losses/ctc-loss/"),
    ("blank sequence alignment", "/losses/ctc-loss/"),
    ("log_target distributions", "/losses/kl-div-loss/"),
    ("reduction batchmean", "/losses/kl-div-loss/"),
    ("full variance regression", "/losses/gaussian-nll-loss/"),
    ("log_input counts", "/losses/poisson-nll-loss/"),
    ("swap triplet embeddings", "/losses/triplet-margin-loss/"),
    ("distance_function metric learning", "/losses/triplet-margin-with-distance-loss/"),
    ("margin multi-class hinge", "/losses/multi-margin-loss/"),
    ("margin similar dissimilar pairs cosine", "/losses/cosine-embedding-loss/"),
    ("margin distances similar dissimilar", "/losses/hinge-embedding-loss/"),
    ("multi-label targets class indices padded", "/losses/multi-label-margin-loss/"),
    ("cutoffs large vocabulary", "/losses/adaptive-log-softmax-with-loss/"),
    ("div_value clusters rare words", "/losses/adaptive-log-softmax-with-loss/"),
    ("options chunked logits memory", "/losses/linear-cross-entropy-loss/"),
]


@pytest.fixture(scope="module")
def search(browser, site_url):
    """The home page with its search open: the searches share it, as a reader's searches share one page, so
    the search index is loaded and built once."""
    with watched_page(browser, site_url) as (page, problems):
        page.goto(site_url + "/", wait_until="networkidle")
        page.locator("label.md-search__icon, .md-search__input").first.click()
        yield page, problems


@pytest.mark.parametrize("query, expected", SEARCHES)
def test_search_finds_a_loss_by_name_or_argument_and_an_error_by_its_message(search, query, expected):
    page, problems = search
    problems.clear()
    box, results = page.locator("input.md-search__input"), page.locator(".md-search-result__item a")
    # Emptied first, so the results below are this query's: Material lists nothing for an empty query.
    box.fill("")
    page.keyboard.press("End")
    results.first.wait_for(state="detached")
    # The whole query at once, then a key: Material searches on key presses, so it searches only this.
    box.fill(query)
    page.keyboard.press("End")
    results.first.wait_for()
    links = [urlsplit(href).path for href in results.evaluate_all("items => items.map(a => a.href)")]
    pages = list(dict.fromkeys(links))  # Material lists a page, then its matching sections
    assert expected in pages[:3], pages
    assert problems == []


SEARCH_INDEX = f"""() => performance.getEntriesByType("resource").find(
  entry => entry.name.endsWith("{SEARCH_INDEX_PATH}") && entry.responseEnd > 0
)"""


def test_the_search_index_is_requested_once_the_page_has_loaded(browser, site_url):
    """Material asks for the search index (the site's largest file) as it starts; overrides/main.html holds
    the request until the page has loaded and been painted, so it does not compete with the page. That search
    still works with it held is what the searches above test."""
    with watched_page(browser, site_url) as (page, problems):
        page.goto(site_url + "/losses/cross-entropy-loss/", wait_until="load")
        page.wait_for_function(SEARCH_INDEX)  # requested after the next frame, which may take a while
        requested = page.evaluate(f"({SEARCH_INDEX})().startTime")
        loaded = page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd")
        assert loaded > 0 and requested >= loaded  # and it arrived (SEARCH_INDEX); the searches above use it
        assert problems == []


# What Chromium records of the reasons it restyles: elements whose whole subtree it restyles, and changes of
# the page's color scheme, with the script that caused them.
RESTYLE_TRACING = [
    "devtools.timeline",
    "disabled-by-default-devtools.timeline.invalidationTracking",
    "disabled-by-default-devtools.timeline.stack",
]
# The elements that hold the whole article.
PAGE_CONTAINERS = ("HTML", "BODY", "MAIN", "ARTICLE", "md-container", "md-main", "md-content")


def test_material_starts_without_restyling_the_whole_page(browser, site_url):
    """Material's start changes the classes of <html> and the page's color-scheme meta, and it would move
    each table into a scrolling box; overrides/main.html makes the first two restyle nothing, and
    tools/tables.py builds each table in that box, so Material does not take it out of the page to put it
    back (Chromium then builds the table's layout again). The CTCLoss page has all that makes it costly: a
    table of MathML, tabs and code."""
    with watched_page(browser, site_url, viewport=PHONE) as (page, problems):
        browser.start_tracing(page=page, categories=RESTYLE_TRACING)
        page.goto(site_url + "/losses/ctc-loss/", wait_until="load")
        # Started: Material has placed its back-to-top button under the header.
        page.wait_for_function("document.querySelector('.md-top').style.top")
        # Each table in exactly one of Material's boxes, and drawn by Material's table rules (its border).
        tables = page.eval_on_selector_all(
            "article table",
            """tables => tables.map(table => [
                table.closest('.md-typeset__scrollwrap').parentElement.closest('.md-typeset__scrollwrap') === null,
                getComputedStyle(table).borderTopStyle])""",
        )
        events = json.loads(browser.stop_tracing())["traceEvents"]
        assert problems == []
    records = [data for event in events if isinstance(data := event.get("args", {}).get("data"), dict)]

    def by_material(record):
        return any("/assets/javascripts/bundle." in frame["url"] for frame in record.get("stackTrace") or [])

    subtrees = [r["nodeName"] for r in records if r.get("reason") == "Invalidation set invalidates subtree"]
    schemes = [r for r in records if r.get("reason") == "PlatformColorChange"]
    # The trace holds what the test looks for: the tabs' own subtrees, and the page's color scheme set by
    # its own script in the head (with the script's address), so finding none of Material's means something.
    assert any("tabbed-" in name for name in subtrees) and schemes and not by_material(schemes[0])
    # A restyle recorded while <html> still has the server's class ("no-js") came before the head script of
    # overrides/main.html replaced it, so before Material's start at the end of the body: the browser's own,
    # as the page began to load (seen once in a run on a busy machine).
    started = [name for name in subtrees if "class='no-js'" not in name]
    assert [name for name in started if any(c in name for c in PAGE_CONTAINERS)] == []
    assert [r["nodeName"] for r in schemes if by_material(r)] == []
    # Material's script takes elements out of the layout as it starts (its search results, its code blocks'
    # buttons), but no part of a table.
    removed = [r["nodeName"].split()[0] for r in records if r.get("reason") == "Removed from layout" and by_material(r)]
    assert removed and [name for name in removed if name in ("TABLE", "THEAD", "TBODY", "TR", "TH", "TD")] == []
    assert tables and tables == [[True, "solid"]] * len(tables)


# The copy lands asynchronously: poll the clipboard (empty before each click) until it holds something, and
# empty it again for the next copy.
CLIPBOARD_TAKEN = """async () => {
  for (let attempt = 0; attempt < 100; attempt++) {
    const text = await navigator.clipboard.readText();
    if (text) {
      await navigator.clipboard.writeText("");
      return text;
    }
    await new Promise(resolve => requestAnimationFrame(resolve));
  }
  return "";
}"""


@pytest.mark.parametrize(
    "address, pages",
    [
        ("/losses/l1-loss/", ["docs/losses/l1-loss.md"]),
        # A notebook's page: its cells are the blocks of its page, with Material's copy button too.
        ("/notebooks/losses/huber-loss/", ["docs/losses/huber-loss.md"]),
    ],
)
def test_the_copy_button_copies_exactly_the_tested_code(browser, site_url, address, pages):
    tested = [block.code for page in pages for block in BLOCKS_BY_PAGE[Path(page)]]
    options = {"permissions": ["clipboard-read", "clipboard-write"]}
    with watched_page(browser, site_url, **options) as (page, problems):
        page.goto(site_url + address, wait_until="networkidle")
        code_blocks = page.locator("article div.language-python")
        assert code_blocks.count() == len(tested)
        checked = 0
        page.evaluate("navigator.clipboard.writeText('')")
        for index in range(code_blocks.count()):
            block = code_blocks.nth(index)
            if not block.is_visible():
                continue  # the NumPy tab, hidden until chosen
            block.hover()
            block.locator("button.md-code__button[data-md-type=copy], button.md-clipboard").first.click()
            copied = page.evaluate(CLIPBOARD_TAKEN)
            assert copied.rstrip("\n") == tested[index].rstrip("\n")
            checked += 1
        assert checked >= 5
        assert problems == []


@pytest.mark.parametrize(
    "address", ["/guides/errors-and-fixes/", "/losses/cross-entropy-loss/", "/notebooks/losses/cross-entropy-loss/"]
)
def test_outputs_copy_buttons_and_formulas_read_well_on_a_desktop(browser, site_url, address):
    """The phone test's reading checks at a desktop's width, where code and formulas have room but a long
    line of code or of an error message still scrolls under the copy button."""
    with watched_page(browser, site_url, viewport=DESKTOP) as (page, problems):
        page.goto(site_url + address, wait_until="load")
        assert reading_problems(page) == []
        assert problems == []


# Each rule planted breaks what one reading check guards (tests/browser_reading.py).
BROKEN_READING = """
  .language-text code { white-space: pre !important; overflow-wrap: normal !important; }
  math[display=block] { overflow-y: hidden !important; max-height: 0.6em !important; }
  math:not([display=block]) mfrac > * { font-size: 60% !important; }
"""


def test_the_reading_checks_find_unwrapped_outputs_clipped_formulas_and_small_fractions(browser, site_url):
    """What the phone test's reading checks report on a page broken on purpose, in the page hidden as they
    measure it: so a page broken that way fails the phone test."""
    with watched_page(browser, site_url, viewport=PHONE) as (page, problems):
        page.goto(site_url + "/losses/cross-entropy-loss/", wait_until="load")
        assert reading_problems(page) == []
        page.add_style_tag(content=BROKEN_READING)
        found = reading_problems(page)
        assert any(" scrolls sideways: " in problem and problem.startswith("output block") for problem in found)
        assert any(problem.startswith("display formula") and " is clipped: " in problem for problem in found)
        assert any(" sets a fraction at " in problem for problem in found)
        page.evaluate("document.querySelectorAll('.md-code__nav').forEach(button => button.remove())")
        found = reading_problems(page, setup_timeout_ms=100)  # Material never sets a block up twice
        assert any(problem.endswith("has no copy button: Material did not set it up") for problem in found)
        assert page.evaluate("document.documentElement.style.visibility") == ""  # shown again
        assert problems == []


# An output block's rendered height and its number of printed lines: taller when its lines wrap.
OUTPUT_WRAPS = """block => {
  const code = block.querySelector("pre > code");
  const lines = code.textContent.replace(/\\n$/, "").split("\\n").length;
  return code.clientHeight - parseFloat(getComputedStyle(code).paddingTop) * 2
    > lines * parseFloat(getComputedStyle(code).lineHeight) + 1;
}"""


def test_a_wrapped_output_copies_as_it_was_printed(browser, site_url):
    """On a phone an error message wraps at the screen's width (extra.css); the copy button still copies the
    lines as they were printed, as the tests compared them."""
    tested = [block.expected_output for block in BLOCKS_BY_PAGE[Path("docs/guides/errors-and-fixes.md")]]
    tested = [output for output in tested if output is not None]
    options = {"viewport": PHONE, "permissions": ["clipboard-read", "clipboard-write"]}
    with watched_page(browser, site_url, **options) as (page, problems):
        page.goto(site_url + "/guides/errors-and-fixes/", wait_until="networkidle")
        outputs = page.locator("article div.language-text")
        assert outputs.count() == len(tested)
        page.evaluate("navigator.clipboard.writeText('')")
        for index in range(outputs.count()):
            block = outputs.nth(index)
            block.hover()
            block.locator("button.md-code__button[data-md-type=copy]").click()
            assert page.evaluate(CLIPBOARD_TAKEN).rstrip("\n") == tested[index].rstrip("\n")
        wrapped = sum(outputs.evaluate_all(f"blocks => blocks.map({OUTPUT_WRAPS})"))
        assert wrapped >= 10, "the long error messages should wrap on a phone"
        assert problems == []


# Each Python block's height while the browser skips rendering its content (a token span inside is then
# not visible), then its height rendered.
CODE_BLOCK_HEIGHTS = """() => [...document.querySelectorAll("article div.language-python pre > code")]
  .filter(code => code.closest(".tabbed-block, .highlight").checkVisibility())  // not in a hidden tab
  .map(code => {
    const skipped = !code.querySelector("span").checkVisibility({ contentVisibilityAuto: true });
    const reserved = code.getBoundingClientRect().height;
    code.style.contentVisibility = "visible";
    return { skipped, reserved, rendered: code.getBoundingClientRect().height };
  })"""


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("address", ["/guides/errors-and-fixes/", "/notebooks/losses/cross-entropy-loss/"])
def test_a_code_block_keeps_its_height_until_it_is_rendered(browser, site_url, viewport, address):
    """Code far down a page is rendered only as it nears the screen (extra.css, tools/code_blocks.py); the
    height it holds until then must be its real height, or the page would jump and links land wrong."""
    with watched_page(browser, site_url, viewport=viewport) as (page, problems):
        page.goto(site_url + address, wait_until="load")
        blocks = page.evaluate(CODE_BLOCK_HEIGHTS)
        skipped = [block for block in blocks if block["skipped"]]
        assert len(skipped) > len(blocks) / 2, "most code starts off screen: its rendering should wait"
        assert [block["reserved"] for block in skipped] == [block["rendered"] for block in skipped]
        assert problems == []


def test_the_dark_scheme_toggles_and_persists_across_pages(browser, site_url):
    with watched_page(browser, site_url, color_scheme="light") as (page, problems):
        page.goto(site_url + "/", wait_until="networkidle")
        scheme = "document.body.getAttribute('data-md-color-scheme')"
        assert page.evaluate(scheme) == "default"
        # One color-scheme meta, the page's own (overrides/main.html), and it follows the palette.
        metas = "[...document.querySelectorAll('meta[name=color-scheme]')].map(meta => meta.content)"
        assert page.evaluate(metas) == ["light"]
        page.locator("label[for='__palette_1']").first.click()
        assert page.evaluate(scheme) == "slate"
        page.wait_for_function(f"{metas}.join() === 'dark'")
        page.goto(site_url + "/losses/l1-loss/", wait_until="networkidle")
        assert page.evaluate(scheme) == "slate" and page.evaluate(metas) == ["dark"]
        dark_plot = page.locator("img[src*='l1-loss-dark.svg']")
        assert dark_plot.is_visible() and not page.locator("img[src*='l1-loss-light.svg']").is_visible()
        # A notebook's page follows the scheme too: its figures, and its code on the dark code background.
        page.goto(site_url + "/notebooks/losses/l1-loss/", wait_until="networkidle")
        assert page.evaluate(scheme) == "slate"
        dark_plot = page.locator("img[src*='/l1-loss-dark.svg']")
        assert dark_plot.is_visible() and not page.locator("img[src*='/l1-loss-light.svg']").is_visible()
        code_background = (
            "getComputedStyle(document.querySelector('article div.language-python pre > code')).backgroundColor"
        )
        page_background = "getComputedStyle(document.body).backgroundColor"
        assert page.evaluate(code_background) != "rgba(0, 0, 0, 0)"
        luminance = "c => c.match(/\\d+/g).slice(0, 3).map(Number).reduce((a, b) => a + b)"
        assert page.evaluate(f"({luminance})({code_background})") < 300  # dark code on the dark page
        assert page.evaluate(f"({luminance})({page_background})") < 300
        assert problems == []
