"""What a reader sees of code, outputs and formulas, measured in the page: each check returns the problems it
finds as sentences (which element, and the numbers), so a failing test says what to look at.

* An output block wraps: no output text scrolls sideways (a code block may).
* A copy button covers no text of its block, as the page opens and with a long line scrolled to its end.
* A display formula is not taller than its box, no formula is clipped, and one that scrolls sideways shows
  it (scroll shadows, drawn by a background that scrolls with it).
* Inline math is set at the size of the text around it: a fraction's numerator is not shrunk.

Material sets up a code block (its copy button) only once the block comes into view (``content.lazy``), and
the browser renders a block only near the screen (``content-visibility: auto``, extra.css). So the checks
first make the viewport as tall as the page, which brings every block into view at the page's own width.
They measure the layout alone, so meanwhile the page is hidden (``visibility: hidden``, which moves nothing):
the browser then does not paint and rasterize the whole tall page, a fifth of its work in the 91 phone tests.
"""

from __future__ import annotations

import contextlib

HIDE_AND_MEASURE = """() => {
  document.documentElement.style.visibility = "hidden";
  return document.documentElement.scrollHeight;
}"""

# A visible block that Material has not set up yet (a block in a hidden tab is never set up).
BLOCKS_NOT_SET_UP = """() => [...document.querySelectorAll("article div.highlight > pre > code")]
  .filter(code => code.checkVisibility() && !code.parentElement.querySelector(".md-code__nav")).length"""

READING_PROBLEMS = """() => {
  const problems = [];
  const article = document.querySelector("article");
  const visible = [...article.querySelectorAll("div.highlight > pre > code")]
    .filter(code => code.checkVisibility());
  const name = code => {
    const kind = code.closest(".language-text") ? "output" : "code";
    const blocks = visible.filter(other => !!other.closest(".language-text") === (kind === "output"));
    const start = code.textContent.trim().split("\\n")[0].slice(0, 40);
    return `${kind} block ${blocks.indexOf(code) + 1} ("${start}")`;
  };

  for (const code of visible.filter(code => code.closest(".language-text"))) {
    if (code.scrollWidth > code.clientWidth) {
      problems.push(`${name(code)} scrolls sideways: ${code.scrollWidth} px of text in ${code.clientWidth} px`);
    }
  }

  // The non-blank runs of a block's text that show inside an area: a text node's rectangles first (one
  // per line it spans), then its runs, only where it meets the area. Cut to the block's scrollport: a long
  // line's rectangle runs on past it, hidden.
  const textIn = (code, area) => {
    const box = code.getBoundingClientRect();
    const left = box.left + code.clientLeft, top = box.top + code.clientTop;
    const shown = {
      left: Math.max(area.left, left), right: Math.min(area.right, left + code.clientWidth),
      top: Math.max(area.top, top), bottom: Math.min(area.bottom, top + code.clientHeight),
    };
    if (shown.right <= shown.left || shown.bottom <= shown.top) return [];
    const meets = range => [...range.getClientRects()].some(
      rect => rect.left < shown.right - 0.5 && rect.right > shown.left + 0.5
        && rect.top < shown.bottom - 0.5 && rect.bottom > shown.top + 0.5
    );
    const found = [];
    const walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const range = document.createRange();
      range.selectNodeContents(node);
      if (!meets(range)) continue;
      for (const run of node.data.matchAll(/\\S+/g)) {
        range.setStart(node, run.index);
        range.setEnd(node, run.index + run[0].length);
        if (meets(range)) found.push(run[0]);
      }
    }
    return found;
  };
  for (const code of visible) {
    const button = code.parentElement.querySelector(".md-code__nav");
    if (!button) {
      problems.push(`${name(code)} has no copy button: Material did not set it up`);
      continue;
    }
    const covered = textIn(code, button.getBoundingClientRect());
    if (covered.length) problems.push(`the copy button of ${name(code)} covers ${JSON.stringify(covered)}`);
    if (code.scrollWidth > code.clientWidth) {
      code.scrollLeft = code.scrollWidth;
      const coveredScrolled = textIn(code, button.getBoundingClientRect());
      code.scrollLeft = 0;
      if (coveredScrolled.length) {
        problems.push(
          `scrolled to its end, the copy button of ${name(code)} covers ${JSON.stringify(coveredScrolled)}`
        );
      }
    }
  }

  const formulas = [...article.querySelectorAll("math")].filter(math => math.checkVisibility());
  const formulaName = math => {
    const kind = math.getAttribute("display") === "block" ? "display" : "inline";
    const tex = (math.getAttribute("alttext") ?? "").replace(/\\s+/g, " ").slice(0, 40);
    return `${kind} formula ${formulas.indexOf(math) + 1} (${tex})`;
  };
  for (const math of formulas) {
    for (const element of [math, ...math.querySelectorAll("*")]) {
      const style = getComputedStyle(element);
      const clips = overflow => ["hidden", "clip"].includes(overflow);
      const clipsX = clips(style.overflowX) && element.scrollWidth > element.clientWidth + 1;
      const clipsY = clips(style.overflowY) && element.scrollHeight > element.clientHeight + 1;
      if (clipsX || clipsY) {
        problems.push(`${formulaName(math)} is clipped: ${element.scrollWidth}x${element.scrollHeight} px `
          + `of it shown in ${element.clientWidth}x${element.clientHeight} px`);
      }
    }
    if (math.getAttribute("display") !== "block") continue;
    if (math.scrollHeight > math.clientHeight + 1) {
      problems.push(
        `${formulaName(math)} is taller than its box: ${math.scrollHeight} px in ${math.clientHeight} px`
      );
    }
    const style = getComputedStyle(math);
    if (math.scrollWidth > math.clientWidth + 1 && !style.backgroundAttachment.includes("local")) {
      problems.push(`${formulaName(math)} scrolls sideways (${math.scrollWidth} px in ${math.clientWidth} px) `
        + "with nothing to show it: no scroll shadow");
    }
  }

  // Inline math reads at the size of its text: the numerator of an inline fraction at 90% of it or more.
  for (const math of formulas.filter(math => math.getAttribute("display") !== "block")) {
    const text = parseFloat(getComputedStyle(math.parentElement).fontSize);
    for (const fraction of math.querySelectorAll("mfrac:not(mfrac mfrac)")) {
      const numerator = parseFloat(getComputedStyle(fraction.firstElementChild).fontSize);
      if (numerator < 0.9 * text) {
        problems.push(`${formulaName(math)} sets a fraction at ${numerator.toFixed(1)} px in ${text} px text`);
      }
    }
  }
  return problems;
}"""


def reading_problems(page, setup_timeout_ms: int = 10_000) -> list[str]:
    """The reading problems of the page open in ``page``, at its viewport's width (the viewport is restored).
    Material has ``setup_timeout_ms`` to set up the blocks that came into view."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError  # only where a browser runs

    viewport = page.viewport_size
    page_height = page.evaluate(HIDE_AND_MEASURE)
    page.set_viewport_size({"width": viewport["width"], "height": page_height})
    try:
        with contextlib.suppress(PlaywrightTimeoutError):  # then the problems name each block left without one
            page.wait_for_function(f"({BLOCKS_NOT_SET_UP})() === 0", timeout=setup_timeout_ms)
        page.evaluate("document.fonts.ready.then(() => true)")  # formulas measured in their own font
        return page.evaluate(READING_PROBLEMS)
    finally:
        page.set_viewport_size(viewport)
        page.evaluate("document.documentElement.style.visibility = ''")
