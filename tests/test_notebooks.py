"""The notebooks: one per page with code, made from the page, executed in a fresh kernel by the site build,
and printing exactly what the page shows; their pages on the site, and the links between page and notebook."""

from __future__ import annotations

import copy
import importlib.metadata
from pathlib import Path
from urllib.parse import urlsplit

import nbformat
import pytest
from bs4 import BeautifulSoup
from mkdocs.config import load_config

from tests.support import BLOCKS_BY_PAGE, CHAPTERS, MKDOCS_YML, built_page, parsed
from tools.expand import PROJECT_ROOT, PageError
from tools.notebook_pages import COLAB_LABEL, DOWNLOAD_LABEL, VIEW_NOTEBOOK_LABEL, VIEW_PAGE_LABEL, colab_url, tidy
from tools.notebooks import (
    CACHE_ENV,
    ENVIRONMENT_PATHS,
    RECORD,
    Chapter,
    build_machine_log,
    build_notebook,
    execute,
    executed_notebook,
    installed_version,
    machine_fingerprint,
    notebook_markdown,
    record_holds,
    site_address,
    stale_outputs,
    write_notebooks,
)

SITE_URL = "https://example.org/guide/"
CONFIG = load_config(str(MKDOCS_YML))
CHAPTER_IDS = [chapter.uri for chapter in CHAPTERS]


def blocks_of_chapter(chapter):
    return BLOCKS_BY_PAGE[Path("docs") / chapter.page]


def code_cells(notebook) -> list:
    return [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]


def downloaded(built_site, chapter) -> nbformat.NotebookNode:
    """The .ipynb a reader downloads from the notebook's page."""
    return nbformat.read(built_site.site / chapter.url / Path(chapter.uri).name, as_version=4)


# --- What the notebooks are made of -----------------------------------------------------------------------


def test_the_committed_notebooks_are_the_ones_the_pages_make():
    """notebooks/ is what GitHub and Colab open, executed; `make outputs` rewrites it."""
    assert write_notebooks(check=True) == [], "stale notebooks: run `make outputs`"


def test_every_page_with_code_has_a_notebook_of_its_own():
    in_notebooks = [chapter.page for chapter in CHAPTERS]
    with_code = {str(page.relative_to("docs")) for page, blocks in BLOCKS_BY_PAGE.items() if blocks}
    assert sorted(in_notebooks) == sorted(with_code)
    assert len(CHAPTERS) == 42  # 6 getting started, 23 losses, the deprecated names and 12 guides


@pytest.mark.parametrize("chapter", CHAPTERS, ids=CHAPTER_IDS)
def test_a_committed_notebook_holds_the_code_of_its_page_executed_in_order(chapter):
    notebook = nbformat.read(PROJECT_ROOT / chapter.uri, as_version=4)
    nbformat.validate(notebook)
    cells = code_cells(notebook)
    assert [cell.source for cell in cells] == [b.code.rstrip("\n") for b in blocks_of_chapter(chapter)]
    assert [cell.execution_count for cell in cells] == list(range(1, len(cells) + 1))
    assert notebook.cells[0].source.startswith("# ")  # its outputs: the test above, as `make outputs --check`
    assert set(notebook.metadata[RECORD]) == {"inputs", "libraries"}
    assert {"torch", "numpy", "ipykernel"} <= set(notebook.metadata[RECORD]["libraries"])


# --- The record that stands for an execution --------------------------------------------------------------


@pytest.fixture(scope="module")
def small_notebook() -> tuple[nbformat.NotebookNode, nbformat.NotebookNode]:
    """A notebook, and what a fresh kernel made of it."""
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("import numpy as np\nprint(np.arange(3))")])
    return notebook, execute(notebook, "notebooks/guides/example.ipynb")


def test_a_record_holds_for_the_same_cells_machine_and_libraries_and_for_nothing_else(small_notebook, monkeypatch):
    notebook, executed = small_notebook
    assert executed.cells[0].outputs[0]["text"] == "[0 1 2]\n"
    assert record_holds(executed, notebook)
    libraries = executed.metadata[RECORD]["libraries"]
    assert "numpy" in libraries and "matplotlib" not in libraries  # what the kernel loaded, nothing else
    edited = copy.deepcopy(notebook)
    edited.cells[0].source = edited.cells[0].source.replace("3", "4")
    assert not record_holds(executed, edited)
    explained = copy.deepcopy(notebook)
    explained.cells.insert(0, nbformat.v4.new_markdown_cell("A sentence is not run: it changes no output."))
    assert record_holds(executed, explained)
    older = copy.deepcopy(executed)
    older.metadata[RECORD]["libraries"]["numpy"] = "1.0.0"
    assert not record_holds(older, notebook)
    try:
        monkeypatch.setenv("PYTHONUNBUFFERED", "0")  # settings that cannot change what is printed
        monkeypatch.setenv("TORCHINDUCTOR_CACHE_DIR", str(Path.home()))
        machine_fingerprint.cache_clear()
        assert record_holds(executed, notebook)
        monkeypatch.setenv("OMP_NUM_THREADS", "1")  # one that can change a sum's last digits
        machine_fingerprint.cache_clear()
        assert not record_holds(executed, notebook)
    finally:
        monkeypatch.undo()
        machine_fingerprint.cache_clear()


def test_a_library_version_is_the_same_whatever_the_process_has_imported():
    """Importing setuptools (torch.compile does, in the speed guide's kernel) puts the metadata of the packages
    it vendors on sys.path. A record read their versions there, so it held only in a process that had
    imported setuptools too, and the site build executed that notebook again every time. Versions are read
    from the environment's own folders: a vendored package has none, in every process."""
    import setuptools  # noqa: F401 (what changes sys.path)

    installed_version.cache_clear()
    try:
        environment = {dist.name: dist.version for dist in importlib.metadata.distributions(path=ENVIRONMENT_PATHS)}
        on_sys_path = {dist.name: dist.version for dist in importlib.metadata.distributions()}
        vendored = sorted(set(on_sys_path) - set(environment))
        assert vendored, "setuptools no longer puts vendored metadata on sys.path: this test proves nothing"
        assert [installed_version(name) for name in vendored] == [None] * len(vendored)
        assert all(installed_version(name) == version for name, version in environment.items())
    finally:
        installed_version.cache_clear()


def test_the_build_executes_only_a_notebook_whose_record_does_not_hold(small_notebook, monkeypatch, tmp_path):
    """A committed notebook whose record holds is used as it is; an edited one runs in a fresh kernel."""
    notebook, executed = small_notebook
    chapter = Chapter("Example", "guides/example.md")
    committed = tmp_path / "repository" / chapter.uri
    committed.parent.mkdir(parents=True)
    nbformat.write(executed, committed)
    monkeypatch.setattr("tools.notebooks.PROJECT_ROOT", tmp_path / "repository")
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    machine_fingerprint()  # taken from the real ``execute`` before it is replaced below
    ran = []
    monkeypatch.setattr("tools.notebooks.execute", lambda notebook, label: ran.append(label) or executed)
    assert executed_notebook(chapter, notebook) == committed
    assert ran == []
    explained = copy.deepcopy(notebook)
    explained.cells.insert(0, nbformat.v4.new_markdown_cell("# Example\n\nWhat the cell below prints."))
    reworded = nbformat.read(executed_notebook(chapter, explained), as_version=4)
    assert ran == []  # a Markdown cell is taken from the page, the outputs from the committed run
    assert [cell.source for cell in reworded.cells] == [cell.source for cell in explained.cells]
    assert reworded.cells[1].outputs == executed.cells[0].outputs
    assert reworded.metadata[RECORD] == executed.metadata[RECORD]
    assert nbformat.read(committed, as_version=4) == executed  # the committed notebook is left as it was
    edited = copy.deepcopy(notebook)
    edited.cells.append(nbformat.v4.new_code_cell("print('one more cell')"))
    assert executed_notebook(chapter, edited).is_relative_to(tmp_path / "cache")
    assert ran == [chapter.uri]


def test_mkdocs_serve_runs_no_committed_notebook_again():
    """``mkdocs serve`` sets ``site_url`` to its own address, so every notebook's links to the site differ from
    the committed ones; its code cells do not, and the committed outputs still stand."""
    config = load_config(str(MKDOCS_YML))
    host, port = config.dev_addr
    config.site_url = f"http://{host}:{port}{urlsplit(config.site_url).path}"  # as mkdocs.commands.serve does
    relinked = 0
    for chapter in CHAPTERS:
        served = build_notebook(chapter, config)
        committed = nbformat.read(PROJECT_ROOT / chapter.uri, as_version=4)
        relinked += [cell.source for cell in served.cells] != [cell.source for cell in committed.cells]
        assert record_holds(committed, served), chapter.uri
    assert relinked == len(CHAPTERS)  # every notebook links to its page: the check above is not idle


# --- Executed by the build --------------------------------------------------------------------------------


@pytest.mark.parametrize("chapter", CHAPTERS, ids=CHAPTER_IDS)
def test_the_downloaded_notebook_ran_top_to_bottom_and_prints_what_its_pages_show(built_site, chapter):
    """The build hands over each notebook executed in a fresh kernel (the committed one while its record holds,
    else one executed in this session), and the download is that run: cell after cell in one kernel, with no
    error, no warning and no stray value."""
    notebook = downloaded(built_site, chapter)
    committed = nbformat.read(PROJECT_ROOT / chapter.uri, as_version=4)
    assert [cell.source for cell in notebook.cells] == [cell.source for cell in committed.cells]
    cells = code_cells(notebook)
    assert [cell.execution_count for cell in cells] == list(range(1, len(cells) + 1))
    for cell, block in zip(cells, blocks_of_chapter(chapter), strict=True):
        kinds = [(output.output_type, output.get("name")) for output in cell.outputs]
        assert kinds in ([], [("stream", "stdout")]), f"{block.location}: the notebook shows more: {kinds}"
    # What each cell printed against its page: the comparison the build itself warns with.
    assert stale_outputs(chapter, built_site.site / chapter.url / Path(chapter.uri).name, CONFIG) == []


def test_a_failing_cell_fails_with_the_notebook_and_the_error_named():
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("print('fine')\n1 / 0")])
    with pytest.raises(PageError, match=r"(?s)notebooks/broken\.ipynb: a cell failed.*ZeroDivisionError"):
        execute(notebook, "notebooks/broken.ipynb")


# --- Their pages, and the links between page and notebook --------------------------------------------------


@pytest.mark.parametrize("chapter", CHAPTERS, ids=CHAPTER_IDS)
def test_a_notebook_page_shows_its_cells_as_the_site_shows_code(built_site, chapter):
    soup = parsed(built_site.site / chapter.url / "index.html")
    article = soup.select_one("article")
    blocks = blocks_of_chapter(chapter)
    shown = [code.get_text() for code in article.select("div.language-python pre > code")]
    assert [text.rstrip("\n") for text in shown] == [block.code.rstrip("\n") for block in blocks]
    outputs = [code.get_text() for code in article.select("div.language-text pre > code")]
    assert len(outputs) == sum(1 for block in blocks if block.expected_output)
    prompts = [" ".join(prompt.get_text().split()) for prompt in article.select(".jp-InputPrompt")]
    assert prompts == [f"In [{number}]:" for number in range(1, len(blocks) + 1)]
    assert not article.select("script, style, clipboard-copy"), "mkdocs-jupyter's scripts and styles are dropped"
    for cell in article.select(".jp-RenderedMarkdown"):
        prose = "".join(text for text in cell.find_all(string=True) if not text.find_parent(["code", "pre", "math"]))
        assert "$" not in prose, f"{chapter.url}: TeX left unrendered"
    assert all(math.get("alttext") for math in article.select(".jp-RenderedMarkdown math"))
    ids = {element["id"] for element in soup.select("[id]")}
    for link in soup.select("a[href^='#']"):
        assert link["href"][1:] in ids or link["href"] == "#", f"{chapter.url}: {link['href']} leads nowhere"
    assert soup.find("meta", attrs={"name": "description"})["content"].startswith(chapter.title)


@pytest.mark.parametrize("chapter", CHAPTERS, ids=CHAPTER_IDS)
def test_page_and_notebook_link_to_each_other_the_download_and_colab(built_site, chapter):
    repo_url = CONFIG.repo_url
    colab = colab_url(repo_url, chapter.uri)
    notebook_page = built_site.site / chapter.url / "index.html"
    links = {link.get_text(): link for link in parsed(notebook_page).select("nav.notebook-links a")}
    assert (notebook_page.parent / links[DOWNLOAD_LABEL]["href"]).is_file()
    assert links[COLAB_LABEL]["href"] == colab
    page_file = built_page(built_site.site, Path("docs") / chapter.page)
    links_on_page = {link.get_text(): link["href"] for link in parsed(page_file).select("nav.notebook-links a")}
    assert (page_file.parent / links_on_page[VIEW_NOTEBOOK_LABEL] / "index.html").resolve() == notebook_page
    assert (page_file.parent / links_on_page[DOWNLOAD_LABEL]).resolve().is_file()
    assert links_on_page[COLAB_LABEL] == colab
    assert (notebook_page.parent / links[VIEW_PAGE_LABEL]["href"] / "index.html").resolve() == page_file


def test_colab_opens_the_committed_notebook_on_the_default_branch():
    url = colab_url("https://github.com/owner/repo", "notebooks/guides/training.ipynb")
    assert url == "https://colab.research.google.com/github/owner/repo/blob/main/notebooks/guides/training.ipynb"


# --- From MkDocs Markdown to notebook Markdown, and back to a light page ----------------------------------


def test_tabs_and_admonitions_become_plain_markdown_and_outputs_are_dropped():
    lines = [
        "---",
        "description: front matter is for MkDocs",
        "---",
        "# Title",
        "",
        '=== "PyTorch"',
        "",
        "    ```python",
        "    print(1)",
        "    ```",
        "",
        "    <!--pytest-codeblocks:expected-output-->",
        "    ```text",
        "    1",
        "    ```",
        "",
        '!!! note "Mind this"',
        "    Indented prose.",
        "",
        "After.",
    ]
    assert notebook_markdown("losses/page.md", lines, SITE_URL) == [
        "# Title",
        "",
        "**PyTorch**",
        "",
        "```python",
        "print(1)",
        "```",
        "",
        "",
        "> **Mind this**",
        ">",
        "> Indented prose.",
        "",
        "After.",
    ]


def test_links_and_figures_point_at_the_published_site_and_keep_the_light_figure():
    lines = [
        "See [MSELoss](mse-loss.md#pitfalls), [the index](index.md) and [`size [2, 3]`](#here).",
        '![A plot.](plots/l1-light.svg#only-light){ width="720" height="270" loading="lazy" }',
        '![A plot.](plots/l1-dark.svg#only-dark){ width="720" height="270" loading="lazy" }',
    ]
    assert notebook_markdown("losses/l1-loss.md", lines, SITE_URL) == [
        (
            f"See [MSELoss]({SITE_URL}losses/mse-loss/#pitfalls), [the index]({SITE_URL}losses/) and "
            f"[`size [2, 3]`]({SITE_URL}losses/l1-loss/#here)."
        ),
        f'<img src="{SITE_URL}losses/plots/l1-light.svg" alt="A plot." width="720" height="270" loading="lazy">',
    ]
    assert site_address("https://pytorch.org/", "losses/x.md", SITE_URL) == "https://pytorch.org/"


def test_a_code_block_inside_an_admonition_leaves_the_quote_to_become_a_cell():
    lines = [
        '!!! warning "Mind this"',
        "",
        "    Before.",
        "",
        "    ```python",
        "    print(1)",
        "    ```",
        "",
        "    <!--pytest-codeblocks:expected-output-->",
        "    ```text",
        "    1",
        "    ```",
        "",
        "    After.",
    ]
    assert notebook_markdown("losses/page.md", lines, SITE_URL) == [
        "> **Mind this**",
        ">",
        ">",
        "> Before.",
        "",
        "```python",
        "print(1)",
        "```",
        "",
        "",
        "> After.",
    ]


def test_the_rendered_notebook_is_tidied_into_a_page_of_this_site():
    rendered = f"""
    <style>.jp-Cell {{ color: red }}</style><script src="https://cdn.example/mathjax.js"></script>
    <div class="jp-Cell jp-MarkdownCell"><div class="jp-Collapser"></div>
      <div class="jp-RenderedHTMLCommon jp-RenderedMarkdown" tabindex="0">
        <h2 id="a">A<a class="anchor-link" href="#a">¶</a></h2>
        <p>Inline $x_i &lt; 1$ and <code>$HOME</code>, then $$\\sum_i x_i$$ and
        <a href="{SITE_URL}losses/l1-loss/#pitfalls">a page</a>.</p>
        <img src="{SITE_URL}losses/plots/l1-light.svg" alt="A plot.">
      </div></div>
    <div class="jp-Cell jp-CodeCell"><div class="jp-InputPrompt">In [1]:</div>
      <div class="highlight-ipynb hl-python"><pre><span></span><span class="nb">print</span>(1)</pre></div>
      <div class="jp-OutputPrompt"></div>
      <div class="jp-RenderedText" data-mime-type="text/plain"><pre>1\n</pre></div></div>
    """
    soup = BeautifulSoup(tidy(rendered, "notebooks/losses/regression/", SITE_URL), "html.parser")
    assert not soup.select("style, script, .jp-Collapser, [tabindex], .jp-OutputPrompt")
    inline, display = soup.select("math")
    assert inline["display"] == "inline" and inline["alttext"] == "x_i < 1"
    assert display["display"] == "block" and display["alttext"] == "\\sum_i x_i"
    assert soup.select_one("code").get_text() == "$HOME"
    assert soup.select_one("p a")["href"] == "../../../losses/l1-loss/#pitfalls"
    assert soup.select_one("a.headerlink")["href"] == "#a"
    light, dark = soup.select("img")
    assert light["src"] == "../../../losses/plots/l1-light.svg#only-light"
    assert dark["src"] == "../../../losses/plots/l1-dark.svg#only-dark" and dark["alt"] == "A plot."
    assert soup.select_one("div.language-python.highlight > pre > code").get_text() == "print(1)"
    assert soup.select_one("div.language-text.highlight > pre > code").get_text() == "1\n"
    assert soup.select_one(".jp-InputPrompt").get_text() == "In [1]:"


def test_the_notebooks_index_lists_every_notebook_with_working_links(built_site):
    index = built_site.site / "notebooks" / "index.html"
    article = parsed(index).select_one("article")
    pages = {(index.parent / link["href"] / "index.html").resolve() for link in article.select("td:first-child a")}
    assert pages == {(built_site.site / chapter.url / "index.html").resolve() for chapter in CHAPTERS}
    downloads = [index.parent / link["href"] for link in article.select("a[download]")]
    assert sorted(path.resolve() for path in downloads) == sorted(
        (built_site.site / chapter.url / Path(chapter.uri).name).resolve() for chapter in CHAPTERS
    )
    assert all(path.is_file() for path in downloads)


def test_only_the_build_machines_cuda_log_is_left_out_of_an_executed_notebook():
    """torch's CUDA build logs a line about the machine (a CUDA compiler, no GPU) when torch.utils.benchmark is
    imported: the build drops exactly that stderr output, and keeps any other one for the test above to catch."""
    log = "W1129 16:27:16.399000 7963 torch/utils/cpp_extension.py:183] No CUDA runtime is found, using CUDA_HOME='/usr/local'\n"
    assert build_machine_log(nbformat.v4.new_output("stream", name="stderr", text=log))
    assert not build_machine_log(nbformat.v4.new_output("stream", name="stderr", text=log + "UserWarning: x\n"))
    assert not build_machine_log(nbformat.v4.new_output("stream", name="stdout", text=log))
