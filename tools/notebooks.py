"""Every page of the site that has code, as a Jupyter notebook generated from the same page and snippets.

A page's notebook is the page with its snippets expanded as the site expands them, and the syntax only
MkDocs understands turned into plain Markdown (content tabs, admonitions, figures, links to other pages).
jupytext reads the result: python fences become code cells and prose becomes Markdown cells. Output blocks
are left out of the source: executing the notebook in a fresh kernel prints them again, and the tests check
that it prints exactly what the page shows. One notebook per page, not per section: a notebook's page on
the site is then no heavier than the page itself (benchmarks/lighthouse.py), and "View as notebook" opens
just what the reader was on.

    python -m tools.notebooks          # write notebooks/, executed (what GitHub, Colab and the site show)
    python -m tools.notebooks --check  # change nothing; exit 1 and list what is stale

notebooks/ holds the executed notebooks, each with a record of what its outputs were made from
(``record_holds``): its code cells, this machine and the libraries its kernel loaded. The site build
(tools/mkdocs_hooks.py) hands each page's executed notebook to mkdocs-jupyter, which renders it and offers
it for download: the committed one while its record holds, else one executed now in a fresh kernel (and
cached in .cache/notebooks/), so a page whose code changed has its notebook run again.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import copy
import dataclasses
import functools
import hashlib
import html
import importlib.metadata
import inspect
import json
import os
import platform
import posixpath
import re
import site
import sys
import sysconfig
import tempfile
from collections.abc import Iterable
from pathlib import Path

import jupytext
import nbformat
from mkdocs.config import load_config

from tools.blocks import MACHINE_DEPENDENT_MARKER, OUTPUT_MARKER, blocks_of, output_diff
from tools.expand import (
    MKDOCS_YML,
    PROJECT_ROOT,
    ExpandedPage,
    PageError,
    display_path,
    expand_lines,
    snippet_settings,
    write_whole,
)

NOTEBOOKS_DIR = "notebooks"  # in the repository and on the site
# Where executed notebooks are kept between builds; the tests point it at a fresh folder.
CACHE_ENV = "FIELD_GUIDE_NOTEBOOK_CACHE"
DEFAULT_CACHE_DIR = PROJECT_ROOT / ".cache" / "notebooks"
CELL_TIMEOUT_S = 600
KERNEL_SPEC = {"name": "python3", "display_name": "Python 3", "language": "python"}


@dataclasses.dataclass(frozen=True)
class Chapter:
    """A page with code, and its notebook, which mirrors the page's path: losses/l1-loss.md has
    notebooks/losses/l1-loss.ipynb."""

    title: str
    page: str  # docs-relative, e.g. "losses/l1-loss.md"

    @property
    def section(self) -> str:
        """The folder of its page in docs/: getting-started, guides, losses."""
        return Path(self.page).parent.as_posix()

    @property
    def uri(self) -> str:
        """The notebook's path, in the repository and on the site."""
        return f"{NOTEBOOKS_DIR}/{self.page.removesuffix('.md')}.ipynb"

    @property
    def url(self) -> str:
        """The rendered notebook's address relative to the site root (directory URLs)."""
        return f"{NOTEBOOKS_DIR}/{self.page.removesuffix('.md')}/"


def _expanded(page: str, config) -> ExpandedPage:
    """A page of docs/ with its snippets expanded as ``config`` (a loaded mkdocs config) expands them."""
    path = Path(config.docs_dir) / page
    return expand_lines(path.read_text(encoding="utf-8").splitlines(), display_path(path), snippet_settings(config))


def _nav_pages(items: list) -> list[str]:
    pages = []
    for item in items:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        pages += _nav_pages(value) if isinstance(value, list) else [value]
    return pages


def chapters(config=None) -> list[Chapter]:
    """The pages with code, in navigation order, one notebook each. ``config``: a loaded mkdocs config."""
    config = config or load_config(str(MKDOCS_YML))
    return [
        Chapter(page_title(page, config), page)
        for page in _nav_pages(config.nav)
        if blocks_of(_expanded(page, config))
    ]


# --- From a page to notebook Markdown ---------------------------------------------------------------------

TAB = re.compile(r'^(?P<indent>\s*)=== "(?P<title>[^"]*)"\s*$')
ADMONITION = re.compile(r'^(?P<indent>\s*)(?:!!!|\?\?\?\+?) (?P<kind>\w+)(?: "(?P<title>[^"]*)")?\s*$')
IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\((?P<target>[^)\s]+)\)(?P<attributes>\{[^}]*\})?")
# Link text may hold brackets itself: [`Expected target size [2, 3], got [2, 5]`](#expected-target-size...)
LINK = re.compile(r"(?<!!)\[(?P<text>(?:[^\[\]]|\[[^\]]*\])+)\]\((?P<target>[^)\s]+)\)")
FENCE = re.compile(r"^\s*```")
HTML_COMMENT = re.compile(r"^\s*<!--.*-->\s*$")


def site_address(target: str, page: str, site_url: str) -> str:
    """A link or image target of ``page`` (docs-relative) as an absolute address on the site."""
    if re.match(r"^[a-z]+:", target):
        return target
    path, _, fragment = target.partition("#")
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page), path)) if path else page
    if resolved.endswith(".md"):  # directory URLs: losses/l1-loss.md -> losses/l1-loss/, losses/index.md -> losses/
        stem = resolved.removesuffix(".md")
        resolved = stem.removesuffix("index") if stem == "index" or stem.endswith("/index") else stem + "/"
    address = site_url.rstrip("/") + "/" + resolved
    return f"{address}#{fragment}" if fragment else address


def _links_to_site(line: str, page: str, site_url: str) -> str:
    def image(match: re.Match) -> str:
        target = match["target"]
        if target.endswith("#only-dark"):
            return ""  # notebooks have one scheme: keep the light figure
        address = site_address(target.removesuffix("#only-light"), page, site_url)
        if not match["attributes"]:
            return f"![{match['alt']}]({address})"
        # Its size (the page does not jump while it loads) and lazy loading: an HTML image keeps them.
        kept = re.findall(r'(width|height|loading)="(\w+)"', match["attributes"])
        attributes = "".join(f' {name}="{value}"' for name, value in kept)
        return f'<img src="{address}" alt="{html.escape(match["alt"])}"{attributes}>'

    line = IMAGE.sub(image, line)
    return LINK.sub(lambda m: f"[{m['text']}]({site_address(m['target'], page, site_url)})", line)


def notebook_markdown(page: str, lines: list[str], site_url: str) -> list[str]:
    """A page's expanded lines as Markdown that Jupyter and jupytext understand, without its outputs."""
    out: list[str] = []
    index = 0
    if lines and lines[0].strip() == "---":  # front matter is for MkDocs
        index = lines.index("---", 1) + 1
    # Each open container (content tab or admonition): the indentation it removes and what it prefixes.
    containers: list[tuple[str, str]] = []
    in_fence = False
    output_next = False  # an output marker was seen: the next fence is the output block
    skipping = False  # inside an output block: executing the notebook prints it again
    while index < len(lines):
        line = lines[index]
        index += 1
        while containers and line.strip() and not line.startswith(containers[-1][0]):
            _, closed_prefix = containers.pop()
            if closed_prefix and out and out[-1] == closed_prefix.rstrip():
                out[-1] = ""  # the blank line that ends a quote must not continue it
        indent = containers[-1][0] if containers else ""
        prefix = containers[-1][1] if containers else ""
        text = line[len(indent) :] if line.startswith(indent) else line.lstrip()
        if FENCE.match(line):
            in_fence = not in_fence
            if in_fence and output_next:
                skipping, output_next = True, False
            if skipping:
                skipping = in_fence
                continue
        elif in_fence:
            if not skipping:
                out.append(text)  # code is never quoted: see below
            continue
        elif line.strip() == OUTPUT_MARKER:
            output_next = True
            continue
        elif line.strip() == MACHINE_DEPENDENT_MARKER or HTML_COMMENT.match(line):
            continue
        elif match := TAB.match(text):
            out.append(f"{prefix}**{match['title']}**")
            containers.append((indent + match["indent"] + "    ", prefix))
            continue
        elif match := ADMONITION.match(text):
            title = match["title"] or match["kind"].capitalize()
            out.append(f"{prefix}> **{title}**")
            out.append(f"{prefix}>")
            containers.append((indent + match["indent"] + "    ", prefix + "> "))
            continue
        if not in_fence:
            text = _links_to_site(text, page, site_url)
            if not text.strip() and line.strip():
                continue  # a line that held only a dark-scheme figure
        if prefix and FENCE.match(text):
            # A code cell cannot stand in a quote: a code block leaves the admonition's quote, which resumes after.
            if out and out[-1] == prefix.rstrip():
                out[-1] = ""
            out.append(text.rstrip())
            continue
        quoted = out and out[-1].startswith(prefix.rstrip())  # a blank line after a code block is not quoted
        out.append((prefix + text).rstrip() if text.strip() else prefix.rstrip() if quoted else "")
    return out


def _intro(chapter: Chapter, config, versions: dict[str, str]) -> list[str]:
    page = f"[{chapter.title}]({site_address(chapter.page, '', config.site_url)})"
    install = " ".join(f"{name}=={version}" for name, version in versions.items())
    return [
        f"This notebook is generated from the page {page} of *{config.site_name}*. Every output there was",
        f"checked against `torch=={versions['torch']}`; run the cells in order with the same versions",
        f"(`pip install {install}`) to see the same numbers.",
    ]


def page_title(page: str, config) -> str:
    for line in (Path(config.docs_dir) / page).read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    raise PageError(f"docs/{page}: no title (a line starting with '# ')")


def chapter_markdown(chapter: Chapter, config) -> str:
    """The page as one Markdown text, with what it was made from and needs under its title."""
    body = notebook_markdown(chapter.page, _expanded(chapter.page, config).lines, config.site_url)
    intro = _intro(chapter, config, versions(needs_keras=any("import keras" in line for line in body)))
    title = next(i for i, line in enumerate(body) if line.startswith("# "))
    body[title + 1 : title + 1] = ["", *intro]
    return "\n".join([*body, ""])


def versions(needs_keras: bool = False) -> dict[str, str]:
    """The pinned versions a reader installs, read from requirements.txt."""
    wanted = ("torch", "numpy", "keras") if needs_keras else ("torch", "numpy")
    pins = {}
    for line in (PROJECT_ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines():
        name, _, version = line.partition("==")
        if name.strip() in wanted:
            pins[name.strip()] = version.split()[0]
    return {name: pins[name] for name in wanted}


def build_notebook(chapter: Chapter, config) -> nbformat.NotebookNode:
    """The chapter's notebook, not yet executed. ``config``: the loaded mkdocs config."""
    markdown = chapter_markdown(chapter, config)
    parsed = jupytext.reads(markdown, fmt={"extension": ".md", "split_at_heading": True})
    notebook = nbformat.v4.new_notebook(metadata={"kernelspec": KERNEL_SPEC, "language_info": {"name": "python"}})
    cells = [cell for cell in parsed.cells if cell.source.strip()]  # e.g. the blank line after front matter
    for number, cell in enumerate(cells, start=1):
        make = nbformat.v4.new_code_cell if cell.cell_type == "code" else nbformat.v4.new_markdown_cell
        notebook.cells.append(make(cell.source, id=f"cell-{number}"))
    return notebook


def notebook_text(notebook: nbformat.NotebookNode) -> str:
    return nbformat.writes(notebook) + "\n"


# --- Executing ------------------------------------------------------------------------------------------

# The executed notebooks are committed (notebooks/) and cached (.cache/notebooks/), each with a record of
# what its outputs were made from, in its metadata. A notebook is executed again only when that record no
# longer holds: see ``record_holds``.
RECORD = "field_guide_execution"

# The environment variables that can change what a cell prints: thread counts and kernels of the maths
# libraries, torch's own switches, hashing and warning filters. Others (PYTHONUNBUFFERED, CI, HOME) cannot,
# nor can where a cache is kept (torch.compile sets TORCHINDUCTOR_CACHE_DIR in the process that uses it).
OUTPUT_ENVIRONMENT = re.compile(
    r"^(?!.*_CACHE_DIR$)(?:OMP_|MKL_|KMP_|OPENBLAS_|GOTO|ONEDNN_|DNNL_|ATEN_|TORCH|PYTORCH|CUDA|NCCL_|GLOO_|"
    r"PYTHONHASHSEED$|PYTHONWARNINGS$|PYTHONPATH$|PYTHONIOENCODING$|PYTHONUTF8$|PYTHONOPTIMIZE$)"
)


def _cpu_model() -> str:
    try:
        cpuinfo = Path("/proc/cpuinfo").read_text(encoding="utf-8")
    except OSError:
        return platform.processor()
    return next((line.split(":", 1)[1].strip() for line in cpuinfo.splitlines() if line.startswith("model name")), "")


@functools.cache
def machine_fingerprint() -> dict[str, str]:
    """What decides a notebook's outputs besides its own cells and the libraries it loads: the interpreter,
    the machine (torch picks its CPU kernels by instruction set, and splits work by the number of cores),
    the environment variables above, and how the notebook is executed (a change to ``execute`` must not
    reuse older runs)."""
    import torch

    return {
        "python": sys.version,
        "platform": f"{platform.system()} {platform.machine()}",
        "cpu": f"{_cpu_model()}, {torch.backends.cpu.get_cpu_capability()}, {os.cpu_count()} cores",
        "environment": " ".join(
            f"{name}={value}" for name, value in sorted(os.environ.items()) if OUTPUT_ENVIRONMENT.match(name)
        ),
        "execute": inspect.getsource(execute),
    }


def _cells(notebook: nbformat.NotebookNode) -> list[tuple[str, str]]:
    return [(cell.cell_type, cell.source) for cell in notebook.cells]


def _code(notebook: nbformat.NotebookNode) -> list[str]:
    """What a kernel runs: the code cells in order. Markdown cells are never run, so they cannot change an
    output (they change with ``site_url``: ``mkdocs serve`` sets its own)."""
    return [cell.source for cell in notebook.cells if cell.cell_type == "code"]


def _short_hash(value) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True).encode()).hexdigest()[:20]


def inputs_key(notebook: nbformat.NotebookNode) -> str:
    """A hash of the notebook's code cells and of ``machine_fingerprint``."""
    return _short_hash({"code": _code(notebook), **machine_fingerprint()})


# Where this interpreter installs distributions: its site-packages folders (a venv's, or the system's and the
# user's). Versions are read there, not on sys.path: a process changes its sys.path as it runs (importing
# setuptools puts the metadata of the packages it vendors on it), and the same record must hold in every
# process. A vendored package then has no version of its own (None); the distribution that vendors it is
# recorded with its version.
ENVIRONMENT_PATHS = sorted(
    {sysconfig.get_path("purelib"), sysconfig.get_path("platlib"), *site.getsitepackages()}
    | ({site.getusersitepackages()} if site.ENABLE_USER_SITE else set())
)


@functools.cache
def installed_version(distribution: str) -> str | None:
    found = next(iter(importlib.metadata.distributions(name=distribution, path=ENVIRONMENT_PATHS)), None)
    return found.version if found else None


def record_holds(executed: nbformat.NotebookNode, notebook: nbformat.NotebookNode) -> bool:
    """Whether ``executed`` holds the outputs that executing ``notebook`` here would give: its record names
    the same code cells and machine (``inputs_key``), and every library its kernel had loaded when the last
    cell finished is installed at the version it had then. Nothing else decides an output: Markdown cells
    are not run, the blocks read no files, and the tests run every block from another global random state
    than the one that wrote its output (so no output depends on an unseeded generator). Timings differ from
    run to run: their outputs are compared with their numbers masked (``tools.blocks.masked``)."""
    record = executed.metadata.get(RECORD)
    return (
        bool(record)
        and _code(executed) == _code(notebook)
        and record.get("inputs") == inputs_key(notebook)
        and all(installed_version(name) == version for name, version in record.get("libraries", {}).items())
    )


def cache_dir() -> Path:
    return Path(os.environ.get(CACHE_ENV) or DEFAULT_CACHE_DIR)


# Run in the kernel after the last cell: the distributions of every module it has loaded, the notebook's
# own imports and everything they import (and the kernel itself).
LOADED_DISTRIBUTIONS = """\
import importlib.metadata as _metadata, json as _json, sys as _sys
_by_module = _metadata.packages_distributions()
print(_json.dumps(sorted({d for m in list(_sys.modules) for d in _by_module.get(m.partition(".")[0], [])})))
"""


def execute(notebook: nbformat.NotebookNode, label: str) -> nbformat.NotebookNode:
    """Run every cell top to bottom in a fresh kernel of this interpreter; any error fails. The executed
    copy carries its record (see ``record_holds``)."""
    from jupyter_client.kernelspec import KernelSpec, KernelSpecManager
    from jupyter_client.manager import KernelManager
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    class ThisInterpreter(KernelSpecManager):
        """The kernel runs the interpreter that builds the site, whatever other kernels are installed."""

        def get_kernel_spec(self, kernel_name, *args, **kwargs):
            argv = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
            return KernelSpec(argv=argv, display_name="Python 3", language="python", resource_dir="")

    source = notebook
    notebook = nbformat.from_dict(copy.deepcopy(notebook))
    with tempfile.TemporaryDirectory() as workdir:
        # IPC sockets in the working folder: local only, and the kernel does not warn about plain TCP.
        manager = KernelManager(
            kernel_name=KERNEL_SPEC["name"],
            kernel_spec_manager=ThisInterpreter(),
            transport="ipc",
            ip=str(Path(workdir) / "kernel"),
        )
        client = NotebookClient(
            notebook,
            km=manager,
            timeout=CELL_TIMEOUT_S,
            allow_errors=False,
            record_timing=False,  # timestamps would make every download differ
            coalesce_streams=True,  # what a cell prints is one output, as on its page, however it arrived
            resources={"metadata": {"path": workdir}},
        )
        try:
            client.execute()  # the kernel manager is ours, so the kernel stays up for the question below
            notebook.cells.append(nbformat.v4.new_code_cell(LOADED_DISTRIBUTIONS))
            client.execute_cell(notebook.cells[-1], len(notebook.cells) - 1)
            loaded = json.loads(notebook.cells.pop().outputs[0]["text"])
        except CellExecutionError as err:
            raise PageError(f"{label}: a cell failed\n{err}") from None
        finally:
            if manager.has_kernel:  # nbclient leaves a kernel manager it was given to its owner
                manager.shutdown_kernel(now=True)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs = [output for output in cell.outputs if not build_machine_log(output)]
    notebook.metadata[RECORD] = {
        "inputs": inputs_key(source),
        "libraries": {name: installed_version(name) for name in loaded},
    }
    return notebook


# torch's CUDA build logs this on import of torch.utils.cpp_extension (torch.utils.benchmark imports it) on
# a machine with a CUDA compiler and no GPU, such as the machine that builds the site: it says something
# about that machine, not about the code, and a reader never sees it on theirs.
NO_CUDA_RUNTIME_LOG = re.compile(r"\A(?:W\d{4} [\d:. ]+\d+ \S*torch/utils/cpp_extension\.py:\d+\] No CUDA runtime is found, using CUDA_HOME='[^']*'\n)+\Z")


def build_machine_log(output) -> bool:
    return output.get("name") == "stderr" and bool(NO_CUDA_RUNTIME_LOG.match(output.get("text", "")))


def executed_notebook(chapter: Chapter, notebook: nbformat.NotebookNode) -> Path:
    """The path of ``notebook`` executed: the committed one, or one in the cache, whichever's record holds
    (``record_holds``); else the notebook is executed now, into the cache. When only its Markdown cells
    differ from the executed one's (an edited sentence, or the links of ``mkdocs serve``), it is not run
    again: its cells are given the executed one's outputs, in a cache folder named by all its cells."""
    folder = cache_dir() / inputs_key(notebook)
    path = folder / chapter.uri
    for candidate in (PROJECT_ROOT / chapter.uri, path):
        if candidate.is_file() and record_holds(executed := nbformat.read(candidate, as_version=4), notebook):
            if _cells(executed) == _cells(notebook):
                return candidate
            return _written(folder / _short_hash(_cells(notebook)) / chapter.uri, with_outputs(notebook, executed))
    return _written(path, execute(notebook, chapter.uri))


def with_outputs(notebook: nbformat.NotebookNode, executed: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """``notebook`` as ``executed`` ran it: the same code cells, whatever its Markdown cells say."""
    merged = nbformat.from_dict(copy.deepcopy(notebook))
    merged.metadata = copy.deepcopy(executed.metadata)
    code = [cell for cell in executed.cells if cell.cell_type == "code"]
    for cell, ran in zip((cell for cell in merged.cells if cell.cell_type == "code"), code, strict=True):
        cell.outputs, cell.execution_count = copy.deepcopy(ran.outputs), ran.execution_count
    return merged


def _written(path: Path, notebook: nbformat.NotebookNode) -> Path:
    """``path``, holding ``notebook``: written whole or not at all, as two builds may share the cache."""
    return write_whole(path, notebook_text(notebook))


def executed_notebooks(items: Iterable[tuple[Chapter, nbformat.NotebookNode]]) -> dict[Chapter, Path]:
    """Execute the notebooks whose record does not hold, two kernels at a time (torch's import dominates)."""
    items = list(items)
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(2, min(4, os.cpu_count() or 2))) as pool:
        paths = pool.map(lambda item: executed_notebook(*item), items)
        return {chapter: path for (chapter, _), path in zip(items, paths)}


def stale_outputs(chapter: Chapter, executed: Path, config) -> list[str]:
    """What the executed notebook printed that its page does not show: ``page:line``, the words of
    ``make outputs`` and a diff for each block. The build warns with these, so ``mkdocs serve`` says at once
    that a changed snippet left a stale output behind, and ``mkdocs build --strict`` fails on it."""
    cells = [cell for cell in nbformat.read(executed, as_version=4).cells if cell.cell_type == "code"]
    problems = []
    for cell, block in zip(cells, blocks_of(_expanded(chapter.page, config)), strict=True):
        printed = "".join(output.get("text", "") for output in cell.outputs if output.get("name") == "stdout")
        if difference := output_diff(block, printed):
            problems.append(difference)
    return problems


# --- The notebooks' index page (docs/notebooks/index.md) -----------------------------------------------


def index_markdown() -> str:
    """A table of the notebooks per section of the site, for the generated region of the index page."""
    from tools.notebook_pages import colab_url  # the site's side of the notebooks

    config = load_config(str(MKDOCS_YML))
    sections = {}
    for chapter in chapters(config):
        sections.setdefault(chapter.section, []).append(chapter)
    headings = {
        nav_section_folder(item): title for item in config.nav if isinstance(item, dict) for title, item in item.items()
    }
    lines = []
    for section, members in sections.items():
        lines += [
            f"## {headings.get(section, section)}",
            "",
            "| Notebook | Page | Get it |",
            "| --- | --- | --- |",
        ]
        for chapter in members:
            notebook = chapter.uri.removeprefix(f"{NOTEBOOKS_DIR}/")
            name = Path(chapter.uri).name
            page = f"[{chapter.title}](../{chapter.page})"
            download = f'<a href="{chapter.url.removeprefix(f"{NOTEBOOKS_DIR}/")}{name}" download>{name}</a>'
            colab = f"[Open in Colab]({colab_url(config.repo_url, chapter.uri)})"
            lines.append(f"| [{chapter.title}]({notebook}) | {page} | {download} · {colab} |")
        lines.append("")
    return "\n".join(lines)


def nav_section_folder(item) -> str | None:
    """The docs/ folder of a top-level navigation section (of its first page), or None for a lone page."""
    pages = _nav_pages(item) if isinstance(item, list) else []
    return Path(pages[0]).parent.as_posix() if pages else None


# --- The committed sources ------------------------------------------------------------------------------


def write_notebooks(check: bool = False) -> list[Path]:
    """Write notebooks/ from the pages, executed (or, with ``check``, only report it); returns the stale files.

    A committed notebook is current when its cells are its page's and its outputs are what the page shows.
    Writing executes only the notebooks whose record no longer holds (``executed_notebook``), so running
    it twice changes nothing; ``check`` executes nothing."""
    config = load_config(str(MKDOCS_YML))
    wanted = {chapter: build_notebook(chapter, config) for chapter in chapters(config)}
    committed = {PROJECT_ROOT / chapter.uri: chapter for chapter in wanted}
    extra = [path for path in (PROJECT_ROOT / NOTEBOOKS_DIR).rglob("*.ipynb") if path not in committed]
    if check:
        stale = [path for path, chapter in committed.items() if not _current(path, chapter, wanted[chapter], config)]
        return stale + extra
    stale = []
    for chapter, executed in executed_notebooks(wanted.items()).items():
        path, text = PROJECT_ROOT / chapter.uri, executed.read_text(encoding="utf-8")
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            stale.append(path)
    for path in extra:
        path.unlink()
    return stale + extra


def _current(path: Path, chapter: Chapter, notebook: nbformat.NotebookNode, config) -> bool:
    if not path.is_file():
        return False
    same_cells = _cells(nbformat.read(path, as_version=4)) == _cells(notebook)
    return same_cells and not stale_outputs(chapter, path, config)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if a notebook is stale")
    args = parser.parse_args(argv)
    stale = write_notebooks(check=args.check)
    for path in stale:
        print(f"{'stale' if args.check else 'wrote'}: {path.relative_to(PROJECT_ROOT)}")
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
