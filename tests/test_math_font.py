"""The math font (tools/math_font.py): it covers every formula of the built site, keeps its MATH table, and
the browser uses it, downloaded from this site, on pages with formulas only."""

from __future__ import annotations

import re

from fontTools.ttLib import TTFont

from tests.browser import watched_page
from tools.math_font import FAMILY, SUBSET, characters_of, italic, missing

MATH_ELEMENT = re.compile(r"<math\b.*?</math>", re.DOTALL)


def test_the_subset_draws_every_character_of_every_formula_of_the_site(built_site):
    formulas = [
        formula for page in built_site.site.rglob("*.html") for formula in MATH_ELEMENT.findall(page.read_text())
    ]
    assert len(formulas) > 500
    characters = characters_of(formulas)
    assert {"\u2211", "\U0001d465"} <= characters  # a sum, and the italic x the browser draws for <mi>x</mi>
    assert missing(characters) == set(), "run `python -m tools.math_font` (needs Debian's fonts-lmodern)"


def test_a_character_the_subset_lacks_is_reported():
    planted = '<math><mi>ℵ</mi><mo>∑</mo></math>'
    assert missing(characters_of([planted])) == {"ℵ"}


def test_a_one_letter_identifier_is_drawn_in_mathematical_italic():
    assert [italic(letter) for letter in "xhNσ1"] == ["\U0001d465", "\u210e", "\U0001d441", "\U0001d70e", "1"]


def test_the_subset_is_a_renamed_math_font():
    font = TTFont(SUBSET)
    assert "MATH" in font, "without its MATH table the browser cannot lay formulas out with it"
    assert font["name"].getDebugName(1) == FAMILY
    # Chromium's MathML applies none of the font's layout features; their glyphs doubled the file.
    assert "GSUB" not in font or not font["GSUB"].table.FeatureList.FeatureRecord
    assert "Latin Modern" not in " ".join(str(record) for record in font["name"].names if record.nameID in (1, 4, 6))


FONT_STATE = """() => [...document.fonts].filter(face => face.family.replaceAll('"', '') === 'Loss Guide Math')
  .map(face => face.status)"""


def test_formulas_are_set_in_the_math_font_and_pages_without_formulas_do_not_download_it(browser, site_url):
    with watched_page(browser, site_url) as (page, problems):
        fonts: list[str] = []
        page.on("request", lambda request: request.url.endswith(".woff2") and fonts.append(request.url))
        page.goto(site_url + "/getting-started/numpy-arrays/", wait_until="networkidle")
        assert page.locator("article math").count() == 0
        assert fonts == []
        page.goto(site_url + "/losses/cross-entropy-loss/", wait_until="networkidle")
        page.locator("article math").first.scroll_into_view_if_needed()
        page.wait_for_function(f"({FONT_STATE})().includes('loaded')")
        assert [url.rsplit("/", 1)[1] for url in fonts] == [SUBSET.name]
        family = page.evaluate("getComputedStyle(document.querySelector('article math')).fontFamily")
        assert family.startswith('"Loss Guide Math"')
        assert problems == []
