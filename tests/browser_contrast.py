"""Contrast of every visible text on a page, in both colour schemes, measured in the browser (WCAG 2 AA).

Each text's colour is its element's computed colour, set against the background it sits on: the first
opaque background-color among its ancestors with the translucent ones above it composited in (Material's
admonitions and highlights are translucent tints), and faded by any opacity on the way. Large text
(24 px, or 18.66 px bold) needs 3:1, other text 4.5:1. Code tokens are checked like any other text.

The scheme is switched in place (Material reads ``data-md-color-scheme`` on ``<body>``) and restored, so a
test that has loaded a page checks both schemes without loading it again.
"""

from __future__ import annotations

SCHEMES = ("default", "slate")  # Material's light and dark schemes, as mkdocs.yml names them

CONTRAST_SCRIPT = """
([schemes, within]) => {
  const canvas = document.createElement("canvas").getContext("2d", {willReadFrequently: true});
  const parsed = new Map();
  // A computed colour as [r, g, b, a], channels 0..255 and alpha 0..1. Chromium writes rgb() or rgba(), and
  // color(srgb ...) for color-mix(); anything else a canvas converts.
  function rgba(text) {
    if (parsed.has(text)) return parsed.get(text);
    let value;
    const numbers = text.match(/[\\d.]+(?:e-?\\d+)?/g)?.map(Number) ?? [];
    if (/^rgba?\\(/.test(text)) {
      value = [numbers[0], numbers[1], numbers[2], numbers[3] ?? 1];
    } else if (text.startsWith("color(srgb ")) {
      value = [numbers[0] * 255, numbers[1] * 255, numbers[2] * 255, numbers[3] ?? 1];
    } else {
      canvas.clearRect(0, 0, 1, 1);
      canvas.fillStyle = text;
      canvas.fillRect(0, 0, 1, 1);
      const [r, g, b, a] = canvas.getImageData(0, 0, 1, 1).data;
      value = [r, g, b, a / 255];
    }
    parsed.set(text, value);
    return value;
  }
  const over = (top, under, alpha = top[3]) =>
    [0, 1, 2].map(i => top[i] * alpha + under[i] * (1 - alpha)).concat(1);
  const luminance = color => {
    const [r, g, b] = color.slice(0, 3).map(channel => {
      const c = channel / 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const ratio = (a, b) => {
    const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (light + 0.05) / (dark + 0.05);
  };
  const hex = color => "#" + color.slice(0, 3).map(c => Math.round(c).toString(16).padStart(2, "0")).join("");
  const name = element => element.tagName.toLowerCase() + (element.id ? "#" + element.id : "") +
    [...element.classList].slice(0, 2).map(c => "." + c).join("");

  // Per scheme, each element's style, visibility, background and opacity are worked out once.
  let styles, displayed, backgrounds, opacities;
  const style = element => {
    if (!styles.has(element)) styles.set(element, getComputedStyle(element));
    return styles.get(element);
  };
  function isDisplayed(element) {  // nothing on the way up is display: none
    if (!element) return true;
    if (!displayed.has(element)) {
      displayed.set(element, style(element).display !== "none" && isDisplayed(element.parentElement));
    }
    return displayed.get(element);
  }
  // What shows behind an element's text: the browser's canvas under every background from the root down.
  function background(element) {
    if (!element) {
      const dark = getComputedStyle(document.documentElement).colorScheme === "dark";
      return rgba(dark ? "rgb(18, 18, 18)" : "rgb(255, 255, 255)");
    }
    if (!backgrounds.has(element)) {
      const own = rgba(style(element).backgroundColor);
      backgrounds.set(element, own[3] >= 1 ? own : over(own, background(element.parentElement)));
    }
    return backgrounds.get(element);
  }
  function opacity(element) {
    if (!element) return 1;
    if (!opacities.has(element)) {
      opacities.set(element, Number(style(element).opacity) * opacity(element.parentElement));
    }
    return opacities.get(element);
  }
  // Code is most of the text of a page, and its tokens are styled by their class and their block's: one
  // token of each kind is measured for all (a kind is the token's classes up to its block's language).
  function kindOf(element) {
    const pre = element.closest("pre");
    if (!pre) return null;
    let kind = pre.parentElement?.className ?? "";
    for (let e = element; e !== pre; e = e.parentElement) kind += ">" + e.tagName + "." + e.className;
    return kind;
  }

  const texts = new Map();  // element -> a sample of its own text
  const unshown = new Set(["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE"]);
  const root = document.querySelector(within);
  if (!root) throw new Error(`no element matches ${within}`);
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const element = node.parentElement;
    if (!texts.has(element) && !unshown.has(element.tagName) && node.data.trim()) {
      texts.set(element, node.data.trim().slice(0, 40));
    }
  }
  const kinds = new Map([...texts.keys()].map(element => [element, kindOf(element)]));

  // The problem, if any, of one element's text: a line naming the element and its colours, and the numbers.
  function measure(element, sample, scheme) {
    const seen = opacity(element);
    const own = rgba(style(element).color);
    if (seen === 0 || own[3] === 0) return undefined;  // not seen: as hidden
    const behind = background(element);
    const color = over(own, behind, own[3] * seen);
    const measured = ratio(color, behind);
    if (measured >= 4.5) return null;
    const size = parseFloat(style(element).fontSize);
    const needed = size >= 24 || (size >= 18.66 && Number(style(element).fontWeight) >= 700) ? 3 : 4.5;
    if (measured >= needed) return null;
    return {key: `${scheme}: ${name(element)} ${hex(color)} on ${hex(behind)}`, measured, needed, sample};
  }

  // Material fades colours as the scheme changes: measure where the fade ends, not its first frame.
  const still = document.createElement("style");
  still.textContent = "*, *::before, *::after { transition: none !important; }";
  document.head.append(still);
  const initial = document.body.getAttribute("data-md-color-scheme");
  const problems = new Map();  // key -> the first problem of its kind, with a count
  try {
    // The page's own scheme last, so that the page ends as it began: each change restyles the whole page.
    for (const scheme of [...schemes].sort((a, b) => (a === initial) - (b === initial))) {
      if (document.body.getAttribute("data-md-color-scheme") !== scheme) {
        document.body.setAttribute("data-md-color-scheme", scheme);
      }
      [styles, displayed, backgrounds, opacities] = [new Map(), new Map(), new Map(), new Map()];
      const measuredKinds = new Map();  // kind of code token -> its problem, or null
      for (const [element, sample] of texts) {
        const kind = kinds.get(element);
        let problem = kind === null ? undefined : measuredKinds.get(kind);
        if (problem === undefined) {
          if (!isDisplayed(element) || style(element).visibility !== "visible") continue;
          problem = measure(element, sample, scheme);
          if (problem === undefined) continue;
          if (kind !== null) measuredKinds.set(kind, problem);
        }
        if (problem === null) continue;
        if (!problems.has(problem.key)) problems.set(problem.key, {...problem, count: 0});
        problems.get(problem.key).count += 1;
      }
    }
  } finally {
    if (initial === null) document.body.removeAttribute("data-md-color-scheme");
    else if (document.body.getAttribute("data-md-color-scheme") !== initial) {
      document.body.setAttribute("data-md-color-scheme", initial);
    }
    getComputedStyle(document.body).color;  // the page's own scheme is back before fades are allowed again
    still.remove();
  }
  return [...problems.values()].map(p => `${p.key}: ${p.measured.toFixed(2)}:1 < ${p.needed}:1, "${p.sample}"` +
    (p.count > 1 ? ` (${p.count} texts)` : "")).sort();
}
"""


def contrast_problems(page, within: str = "body") -> list[str]:
    """Every text of the loaded ``page`` (or of its first element matching the CSS selector ``within``) below
    its WCAG AA contrast, in the light scheme and in the dark one: one line per scheme, element and pair of
    colours, with a sample of the text and how many such texts."""
    return page.evaluate(CONTRAST_SCRIPT, [list(SCHEMES), within])
