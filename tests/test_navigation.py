"""Navigation by kind of reader: a learner's "Next" leads from Getting started into the guides, a reader with
an error or a task finds its page at the top level, every loss page links to every other, deep pages carry
breadcrumbs, and the home page's routes are in the first screen of a phone and of a desktop."""

from __future__ import annotations

from pathlib import PurePosixPath
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from mkdocs.config import load_config

from tests.browser import DESKTOP, watched_page
from tests.support import MKDOCS_YML, parsed
from tools.expand import DOCS_DIR
from tools.loss_catalog import CATALOG

# A common phone (the brief's measure), taller than tests/browser.py's PHONE.
PHONE_390 = {"width": 390, "height": 844}
LOSS_ADDRESSES = [f"/losses/{loss.slug}/" for loss in CATALOG]
ERRORS_AND_FIXES = "/guides/errors-and-fixes/"
CHOOSING_A_LOSS = "/guides/choosing-a-loss/"


def address_of(page: str) -> str:
    """A page of docs/ as its address on the site (directory URLs): guides/index.md -> /guides/"""
    path = PurePosixPath(page).with_suffix("")
    parts = path.parts[:-1] if path.name == "index" else path.parts
    return "/" + "".join(f"{part}/" for part in parts)


def nav_section(title: str) -> list[str]:
    """The pages directly in a top-level section of mkdocs.yml's nav (not in its subsections), in order, as
    site addresses."""
    section = next(item[title] for item in load_config(str(MKDOCS_YML)).nav if isinstance(item, dict) and title in item)
    pages = [next(iter(entry.values())) if isinstance(entry, dict) else entry for entry in section]
    return [address_of(page) for page in pages if isinstance(page, str)]


def built_html(built_site, address: str) -> BeautifulSoup:
    return parsed(built_site.site / address.strip("/") / "index.html")


def resolved(address: str, href: str) -> str:
    """A link of the page at ``address`` as a site address, without its fragment."""
    return urlsplit(urljoin(address, href)).path


def sidebar_links(built_site, address: str) -> set[str]:
    primary = built_html(built_site, address).select_one("nav.md-nav--primary")
    return {resolved(address, link["href"]) for link in primary.select("a[href]")}


def top_level_entries(built_site, address: str) -> dict[str, bool]:
    """The first level of a page's sidebar: each entry's address, and whether it is a page (not a section)."""
    top = built_html(built_site, address).select_one("nav.md-nav--primary > ul.md-nav__list")
    entries = {}
    for item in top.find_all("li", recursive=False):
        entries[resolved(address, item.find("a")["href"])] = "md-nav__item--nested" not in item["class"]
    return entries


def next_address(built_site, address: str) -> str | None:
    link = built_html(built_site, address).select_one("a.md-footer__link--next")
    return resolved(address, link["href"]) if link else None


@pytest.mark.parametrize("address", LOSS_ADDRESSES)
def test_every_loss_page_links_to_every_loss_page_in_its_sidebar(built_site, address):
    """navigation.prune leaves out the sections a page is not in: the losses must not be split into any."""
    links = sidebar_links(built_site, address)
    missing = [loss for loss in LOSS_ADDRESSES if loss not in links]
    assert not missing, f"{address}'s sidebar has no link to {missing}"


def test_the_loss_reference_lists_every_loss_in_the_order_of_its_tasks():
    """One flat list, in the catalog's order, which is the order of the reference index's task groups."""
    listed = [address for address in nav_section("Loss reference") if address in LOSS_ADDRESSES]
    assert listed == LOSS_ADDRESSES


@pytest.mark.parametrize("address", ["/", "/losses/huber-loss/", "/getting-started/gradients/", "/guides/training/"])
def test_errors_and_fixes_and_choosing_a_loss_are_top_level_pages_on_every_kind_of_page(built_site, address):
    entries = top_level_entries(built_site, address)
    assert entries.get(ERRORS_AND_FIXES) is True, f"Errors and fixes is not a top-level page: {entries}"
    assert entries.get(CHOOSING_A_LOSS) is True, f"Choosing a loss is not a top-level page: {entries}"


@pytest.mark.parametrize(
    "address, trail",
    [
        ("/losses/huber-loss/", [("Home", "/"), ("Loss reference", "/losses/")]),
        ("/getting-started/log-probabilities/", [("Home", "/"), ("Getting started", "/getting-started/")]),
        ("/guides/training/", [("Home", "/"), ("Guides", "/guides/")]),
    ],
)
def test_a_deep_page_has_breadcrumbs_to_its_section(built_site, address, trail):
    path = built_html(built_site, address).select_one("nav.md-path")
    assert path is not None, f"{address} has no breadcrumbs"
    shown = [(link.get_text(strip=True), resolved(address, link["href"])) for link in path.select("a")]
    assert shown == trail


def test_next_from_the_last_getting_started_page_leads_to_a_guide(built_site):
    last_lesson = nav_section("Getting started")[-1]
    following = next_address(built_site, last_lesson)
    assert following and following.startswith("/guides/") and following != "/guides/", following


def test_following_next_from_getting_started_reaches_every_guide_before_the_reference(built_site):
    """A learner who keeps pressing "Next" reads all the guides before the loss pages."""
    guides = {address_of(f"guides/{page.name}") for page in (DOCS_DIR / "guides").glob("*.md")}
    read, address = [], next_address(built_site, nav_section("Getting started")[-1])
    while address in guides:
        read.append(address)
        address = next_address(built_site, address)
    assert set(read) == guides, f"then {address}; never reached: {sorted(guides - set(read))}"


# Where each card of the home page leads: learn, find a loss and the cheat sheet, fix an error, choose, train.
ROUTES = [
    ["/getting-started/"],
    ["/losses/", "/losses/cheat-sheet/"],
    [ERRORS_AND_FIXES],
    [CHOOSING_A_LOSS],
    ["/guides/training/"],
]
CARD_BOTTOMS_AND_LINKS = """[...document.querySelectorAll('article .grid.cards > ul > li')].map(card => ({
  bottom: card.getBoundingClientRect().bottom,
  links: [...card.querySelectorAll('a[href]:not(.home-search)')].map(link => new URL(link.href).pathname),
}))"""


@pytest.mark.parametrize("viewport", [PHONE_390, DESKTOP], ids=["phone", "desktop"])
def test_the_home_page_routes_are_in_the_first_screen(browser, site_url, viewport):
    with watched_page(browser, site_url, viewport=viewport) as (page, problems):
        page.goto(site_url + "/", wait_until="load")
        cards = page.evaluate(CARD_BOTTOMS_AND_LINKS)
        assert [card["links"] for card in cards] == ROUTES
        below = [card for card in cards if card["bottom"] > viewport["height"]]
        assert not below, f"cards end below the first screen ({viewport['height']} px): {below}"
        logo = page.locator("header .md-logo img")
        assert logo.evaluate("image => image.complete && image.naturalWidth > 0"), "the logo did not load"
        assert problems == []


def test_the_home_page_button_opens_search_for_a_pasted_error(browser, site_url):
    with watched_page(browser, site_url, viewport=PHONE_390) as (page, problems):
        page.goto(site_url + "/", wait_until="networkidle")
        page.locator("article a.home-search").click()
        # Ready for the paste: the search box is open and has the focus.
        page.wait_for_function("document.activeElement === document.querySelector('input.md-search__input')")
        search = page.locator("input.md-search__input")
        # What a reader pastes: the message, then a key (Material searches on key presses).
        search.fill("expected target dtype to be Long or Byte, but got Int")
        page.keyboard.press("End")
        results = page.locator(".md-search-result__item a")
        results.first.wait_for()
        links = [urlsplit(href).path for href in results.evaluate_all("items => items.map(a => a.href)")]
        assert ERRORS_AND_FIXES in list(dict.fromkeys(links))[:3], links  # as tests/test_browser.py's searches
        assert problems == []
