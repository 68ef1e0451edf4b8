"""Run Lighthouse (mobile) on every page of the built site and check each against the budget.

    python benchmarks/lighthouse.py                 # build the site strictly into a temp dir, check every page
    python benchmarks/lighthouse.py --site site     # check an already built site
    python benchmarks/lighthouse.py --pages losses/ --jobs 2 --reports /tmp/lh

Pages are every ``index.html`` of the built site (404.html excluded), so a page added later is checked
without touching this script. The site is served from 127.0.0.1 by Python's http.server in a thread,
gzip-compressed as GitHub Pages serves it.
Lighthouse is the one pinned in benchmarks/package.json (``npm ci --prefix benchmarks``; ``make lighthouse``
does it). Chromium is ``$CHROME_PATH``, /usr/bin/chromium by default.

Prints a Markdown table of the four category scores per page, then the failing audits of every page below
budget, and exits 1 if any page is below budget (2 if Lighthouse itself failed on a page). Performance is
Lighthouse's simulated mobile throttling, with the CPU slowdown of each run calibrated to the speed this machine
ran the page's loads at (``load_adjusted_slowdowns``; why: CONTRIBUTING.md, "Lighthouse"); the table also shows
the score at Lighthouse's constant 4x from the same run, and ``--slowdown default`` checks the budget at 4x.
``--runs 3`` keeps the median run of each page; ``--dark`` audits the dark scheme; ``--keep DIR`` keeps what
every run gathered, to audit it again later.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script: make the project's tools importable

from tools.chromium import CHROMIUM_FLAGS  # noqa: E402

LIGHTHOUSE = ROOT / "benchmarks" / "node_modules" / ".bin" / "lighthouse"

CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
HEADINGS = ["performance", "accessibility", "best practices", "SEO"]
BUDGET = {"performance": 0.95, "accessibility": 1.0, "best-practices": 1.0, "seo": 1.0}

CHROME_FLAGS = ["--headless", *CHROMIUM_FLAGS]


def build_site(dest: Path) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    mkdocs = Path(sys.executable).parent / "mkdocs"
    cmd = [str(mkdocs)] if mkdocs.exists() else [sys.executable, "-m", "mkdocs"]
    subprocess.run([*cmd, "build", "--strict", "--quiet", "-d", str(dest)], cwd=ROOT, env=env, check=True)


def find_pages(site: Path) -> list[str]:
    """URL paths of every page: '' for the home page, 'losses/l1-loss/' and so on."""
    pages = []
    for index in sorted(site.rglob("index.html")):
        rel = index.parent.relative_to(site).as_posix()
        pages.append("" if rel == "." else rel + "/")
    return pages


COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map")


class Handler(http.server.SimpleHTTPRequestHandler):
    """http.server, plus gzip for text files as GitHub Pages (where the site is deployed) serves them.

    Lighthouse's simulated slow 4G makes every byte count: measuring uncompressed files would measure a
    server that nobody reading the site uses.
    """

    gzipped: ClassVar[dict[str, bytes]] = {}
    lock: ClassVar[threading.Lock] = threading.Lock()

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        if (
            "gzip" not in self.headers.get("Accept-Encoding", "")
            or path.suffix not in COMPRESSIBLE
            or not path.is_file()
        ):
            return super().send_head()
        with self.lock:
            body = self.gzipped.get(str(path))
            if body is None:
                body = self.gzipped[str(path)] = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, format, *args):
        pass


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(Handler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def calibrated_slowdown(benchmark_index: float) -> float:
    """The CPU slowdown that makes a host of this benchmarkIndex simulate Lighthouse's reference phone.

    The piecewise-linear map of Lighthouse's CPU throttling calculator, which its guide to throttling
    (docs/throttling.md, "Calibrating multipliers") points to: 1533 and up is 4x and more (233 per step), 1300 is 3x,
    800 is 2x and 150 is 1x. A faster host gets a larger slowdown, a slower one a smaller.
    """
    if benchmark_index >= 1300:
        return 3 + (benchmark_index - 1300) / 233
    if benchmark_index >= 800:
        return 2 + (benchmark_index - 800) / 500
    return max(1.0, 1 + (benchmark_index - 150) / 650)


def load_adjusted_slowdowns(benchmark_indexes: list[float], main_thread_ms: list[float]) -> list[float]:
    """The CPU slowdown of each of a page's runs, from what the runs measured together.

    The runs of a page do the same work, so how long each load kept the main thread busy tells how fast this
    machine ran it: the host speed of a run is the median ``benchmarkIndex`` of the page's runs, scaled by the
    median main-thread time over that run's own. The ``benchmarkIndex`` of a single run, measured before its
    load, barely predicts that load's speed (why: CONTRIBUTING.md, "Lighthouse"). One run keeps its own index.
    """
    index = statistics.median(benchmark_indexes)
    typical = statistics.median(main_thread_ms)
    return [round(calibrated_slowdown(index * typical / ms), 2) for ms in main_thread_ms]


def lighthouse(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    cmd = [str(LIGHTHOUSE), *args, f"--only-categories={','.join(CATEGORIES)}", "--quiet"]
    return subprocess.run(cmd, check=False, env=env, capture_output=True, text=True, timeout=300)


@dataclass
class Load:
    """One load of a page, gathered by Lighthouse (``-G``) into ``folder``, and its report at the constant 4x."""

    folder: Path
    default: dict

    @property
    def benchmark_index(self) -> float:
        return self.default["environment"]["benchmarkIndex"]

    @property
    def main_thread_ms(self) -> float:
        """How long the load kept the main thread busy on this machine (the report multiplies it by its slowdown)."""
        slowdown = self.default["configSettings"]["throttling"]["cpuSlowdownMultiplier"]
        return self.default["audits"]["mainthread-work-breakdown"]["numericValue"] / slowdown


def gather(url: str, chrome: str, folder: Path, dark: bool = False) -> Load:
    """Load the page once in Lighthouse and audit what it gathered at the constant 4x.

    Simulated throttling works on the recorded page load after the fact, so every report of a run comes from
    this one load. Lighthouse writes its Chrome profile to TMPDIR: each run's stays in its own folder.
    """
    flags = CHROME_FLAGS + (["--force-dark-mode"] if dark else [])
    env = dict(os.environ, CHROME_PATH=chrome, TMPDIR=str(folder))
    folder.mkdir(parents=True)
    proc = lighthouse(url, f"-G={folder / 'artifacts'}", f"--chrome-flags={' '.join(flags)}", env=env)
    if not (folder / "artifacts" / "artifacts.json").exists():
        raise RuntimeError(f"lighthouse failed on {url} (exit {proc.returncode}):\n{proc.stderr[-2000:]}")
    return Load(folder, audit(url, folder, "default"))


def audit(url: str, folder: Path, name: str, slowdown: float | None = None) -> dict:
    """Audit a gathered load (``-A``) at Lighthouse's constant 4x, or at ``slowdown``; the report is saved as
    ``folder/name.json``. Lighthouse refuses to audit with settings other than those it gathered with, so
    another slowdown is written into the saved settings first."""
    saved = folder / "artifacts" / "artifacts.json"
    args = []
    if slowdown is not None:
        gathered = json.loads(saved.read_text())
        gathered["settings"]["throttling"]["cpuSlowdownMultiplier"] = slowdown
        saved.write_text(json.dumps(gathered))
        args = [f"--throttling.cpuSlowdownMultiplier={slowdown}"]
    out = folder / f"{name}.json"
    env = dict(os.environ, TMPDIR=str(folder))
    proc = lighthouse(f"-A={folder / 'artifacts'}", "--output=json", f"--output-path={out}", *args, env=env)
    if not out.exists():
        raise RuntimeError(f"lighthouse failed to audit {url} (exit {proc.returncode}):\n{proc.stderr[-2000:]}")
    return json.loads(out.read_text())


@dataclass
class Run:
    """One Lighthouse run of one page, audited twice from the same page load."""

    calibrated: dict  # the report (lhr) at the slowdown calibrated from the page's runs (load_adjusted_slowdowns)
    default: dict  # the report at Lighthouse's constant 4x


def run_page(url: str, chrome: str, runs: int, dark: bool = False, keep: Path | None = None) -> list[Run]:
    """Load the page ``runs`` times, then audit each load at the slowdown its runs together calibrate.

    ``keep``: a folder to copy each run's gathered artifacts (the trace included) and both reports into
    (``keep.1``, ``keep.2``, ...), so a run can be audited again without loading the page.
    """
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as tmp:
        loads = [gather(url, chrome, Path(tmp) / f"run{i + 1}", dark) for i in range(runs)]
        slowdowns = load_adjusted_slowdowns([ld.benchmark_index for ld in loads], [ld.main_thread_ms for ld in loads])
        results = [
            Run(calibrated=audit(url, ld.folder, "calibrated", slowdown), default=ld.default)
            for ld, slowdown in zip(loads, slowdowns, strict=True)
        ]
        if keep:
            for i, ld in enumerate(loads, start=1):
                copy = keep.with_name(f"{keep.name}.{i}")
                shutil.copytree(ld.folder / "artifacts", copy / "artifacts")
                for name in ("default", "calibrated"):
                    shutil.copy(ld.folder / f"{name}.json", copy)
        return results


def scores(lhr: dict) -> dict[str, float | None]:
    return {cat: lhr["categories"][cat]["score"] for cat in CATEGORIES}


def below_budget(lhr: dict) -> list[str]:
    return [cat for cat, score in scores(lhr).items() if score is None or score < BUDGET[cat]]


def failing_audits(lhr: dict, category: str) -> list[tuple[str, str, float | None, str]]:
    """The audits that hold a category back: scored audits that did not pass, and for performance the
    metrics below 0.90 and the diagnostics Lighthouse flags (what the metrics are made of)."""
    rows = []
    for ref in lhr["categories"][category]["auditRefs"]:
        audit = lhr["audits"][ref["id"]]
        mode = audit.get("scoreDisplayMode")
        if mode in ("notApplicable", "manual", "informative") or audit.get("score") is None:
            continue
        if category == "performance":
            # "hidden" holds the newer insight audits, which repeat the diagnostics.
            relevant = ref.get("group") in ("metrics", "diagnostics") and audit["score"] < 0.9
        else:
            relevant = ref.get("weight", 0) > 0 and audit["score"] < 1
        if relevant:
            rows.append((audit["id"], audit["title"], audit["score"], audit.get("displayValue", "")))
    return rows


METRICS = {
    "first-contentful-paint": "FCP",
    "largest-contentful-paint": "LCP",
    "total-blocking-time": "TBT",
    "cumulative-layout-shift": "CLS",
    "speed-index": "SI",
}


def metrics_line(lhr: dict) -> str:
    """The five scored metrics with their scores, and how fast Lighthouse found this machine's CPU."""
    audits = lhr["audits"]
    parts = [f"{name} {audits[key]['displayValue']} ({fmt(audits[key]['score'])})" for key, name in METRICS.items()]
    return (
        ", ".join(parts)
        + f"; host benchmarkIndex {lhr['environment']['benchmarkIndex']:.0f}, CPU slowdown {slowdown(lhr)}"
    )


def slowdown(lhr: dict) -> str:
    """The CPU slowdown the report was simulated at, as "3.2x"."""
    return f"{lhr['configSettings']['throttling']['cpuSlowdownMultiplier']:g}x"


def fmt(score: float | None) -> str:
    return "n/a" if score is None else f"{score:.2f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="an already built site (default: build one into a temp dir)")
    parser.add_argument(
        "--pages", nargs="+", metavar="SUBSTRING", help='only pages whose URL path contains one of these ("/": home)'
    )
    parser.add_argument("--jobs", type=int, default=1, help="Lighthouse runs at once (default 1: steadier scores)")
    parser.add_argument("--runs", type=int, default=1, help="runs per page, keeping the median (default 1)")
    parser.add_argument(
        "--dark", action="store_true", help="audit the dark scheme (Chromium reports prefers-color-scheme: dark)"
    )
    parser.add_argument(
        "--slowdown",
        choices=["calibrated", "default"],
        default="calibrated",
        help="the CPU slowdown the budget is checked at: calibrated to this machine (default) or Lighthouse's 4x",
    )
    parser.add_argument("--reports", type=Path, help="save each page's JSON report in this folder")
    parser.add_argument(
        "--keep", type=Path, help="save every run's gathered artifacts (trace included) and both reports in this folder"
    )
    args = parser.parse_args(argv)

    if not LIGHTHOUSE.exists():
        sys.exit(f"{LIGHTHOUSE} is missing: run `npm ci --prefix benchmarks` (or `make lighthouse`)")
    chrome = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
    if not Path(chrome).exists():
        sys.exit(f"no Chromium at {chrome}: install it or set CHROME_PATH")

    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="site-") as tmp:
        site = args.site
        if site is None:
            site = Path(tmp)
            print("Building the site (mkdocs build --strict) ...", file=sys.stderr)
            build_site(site)
        pages = find_pages(site)
        if args.pages:
            # Matched against the URL path ("/losses/l1-loss/"); "/" alone means the home page only.
            pages = [p for p in pages if any(p == "" if s == "/" else s in "/" + p for s in args.pages)]
        if not pages:
            sys.exit("no pages to check")
        if args.reports:
            args.reports.mkdir(parents=True, exist_ok=True)

        server, base = serve(site)
        results: dict[str, dict] = {}  # each page's report at the slowdown the budget is checked at
        other: dict[str, dict] = {}  # and from the same run, at the other slowdown
        errors: dict[str, str] = {}

        def check(page: str) -> None:
            try:
                name = page.strip("/").replace("/", "__") or "index"
                runs = run_page(base + page, chrome, args.runs, args.dark, args.keep / name if args.keep else None)
            except (RuntimeError, subprocess.TimeoutExpired, json.JSONDecodeError) as err:
                errors[page] = str(err)
                print(f"  {page or '/'}: ERROR", file=sys.stderr)
                return
            # The run with the median performance score, as Lighthouse advises for noisy measurements.
            runs.sort(key=lambda run: getattr(run, args.slowdown)["categories"]["performance"]["score"] or 0)
            run = runs[len(runs) // 2]
            lhr = results[page] = getattr(run, args.slowdown)
            other[page] = run.default if args.slowdown == "calibrated" else run.calibrated
            if args.reports:
                (args.reports / f"{name}.json").write_text(json.dumps(lhr, indent=1))
            line = "  ".join(fmt(s) for s in scores(lhr).values()) + f"  (CPU slowdown {slowdown(lhr)})"
            print(f"  {page or '/'}: {line}", file=sys.stderr)

        scheme = "dark" if args.dark else "light"
        print(
            f"Lighthouse on {len(pages)} page(s) at {base}, {scheme} scheme, {args.jobs} job(s), {args.runs} run(s) each",
            file=sys.stderr,
        )
        try:
            with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
                list(pool.map(check, pages))
        finally:
            server.shutdown()

    other_heading = "performance at 4x" if args.slowdown == "calibrated" else "performance calibrated"
    headings = [*HEADINGS, "CPU slowdown", other_heading]
    print("| page | " + " | ".join(headings) + " |")
    print("| --- | " + " | ".join("---:" for _ in headings) + " |")
    failed = []
    for page in pages:
        if page in errors:
            print(f"| /{page} | " + " | ".join("error" for _ in headings) + " |")
            continue
        lhr = results[page]
        low = below_budget(lhr)
        if low:
            failed.append(page)
        cells = [fmt(s) + (" ✗" if cat in low else "") for cat, s in scores(lhr).items()]
        cells += [slowdown(lhr), fmt(other[page]["categories"]["performance"]["score"])]
        print(f"| /{page} | " + " | ".join(cells) + " |")

    budget = ", ".join(f"{h} >= {BUDGET[c]:.2f}" for c, h in zip(CATEGORIES, HEADINGS))
    print(f"\nBudget: {budget}. {len(pages) - len(failed) - len(errors)} of {len(pages)} page(s) within it.")
    for page in failed:
        lhr = results[page]
        print(f"\n### /{page}")
        for cat in below_budget(lhr):
            print(f"- {cat} {fmt(scores(lhr)[cat])}:")
            if cat == "performance":
                print(f"  - metrics: {metrics_line(lhr)}")
            for audit_id, title, score, value in failing_audits(lhr, cat):
                extra = f" ({value})" if value else ""
                print(f"  - `{audit_id}` {title}: {fmt(score)}{extra}")
    for page, err in errors.items():
        print(f"\n### /{page}: Lighthouse failed\n```text\n{err}\n```")
    print(f"\nTook {time.monotonic() - started:.0f} s.")
    if errors:
        return 2
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
