"""The contrast check itself (tests/browser_contrast.py), on a page made to fail it in known ways."""

from __future__ import annotations

from tests.browser_contrast import contrast_problems

# Colours in both schemes, as Material sets them on <body>; everything fades slowly, as Material's do.
PAGE = """<!doctype html>
<style>
  body { margin: 0; font: 16px sans-serif; transition: background-color 10s; }
  body * { transition: color 10s, background-color 10s; }
  [data-md-color-scheme="default"] { --text: #767676; }
  [data-md-color-scheme="slate"] { --text: #bf360c; color: #e2e4e9; background-color: #1e2129; }
  .tint { background-color: rgba(0, 0, 0, 0.5); }
  .o { color: #bbbbbb; }
</style>
<body data-md-color-scheme="default">
  <p id="themed" style="color: var(--text)">Themed</p>
  <p style="color: #949494">Grey</p>
  <h1 style="color: #949494; font-size: 24px">Large grey</h1>
  <p style="display: none; color: #ffffff">Hidden</p>
  <p style="opacity: 0; color: #ffffff">Transparent</p>
  <div class="tint"><span style="color: #000000">On a tint</span></div>
  <pre><code><span class="o">=</span> x <span class="o">=</span> y</code></pre>
</body>"""


def test_every_text_below_its_contrast_is_found_in_both_schemes_and_the_page_is_left_as_it_was(browser):
    page = browser.new_page()
    try:
        page.set_content(PAGE)
        assert contrast_problems(page) == [
            'default: p #949494 on #ffffff: 3.03:1 < 4.5:1, "Grey"',
            'default: span.o #bbbbbb on #ffffff: 1.92:1 < 4.5:1, "=" (2 texts)',
            'slate: p#themed #bf360c on #1e2129: 2.87:1 < 4.5:1, "Themed"',
            'slate: span #000000 on #0f1115: 1.11:1 < 4.5:1, "On a tint"',
        ]
        # Restored at once, with no fade under way: the next test sees the page as it was.
        restored = "[document.body.dataset.mdColorScheme, getComputedStyle(themed).color, document.getAnimations()]"
        assert page.evaluate(restored) == ["default", "rgb(118, 118, 118)", []]
        assert contrast_problems(page, within="h1") == []
    finally:
        page.close()
