"""Expand a docs page's snippets exactly as the site build does, remembering where each line came from.

The expansion is pymdownx's own ``SnippetPreprocessor``, configured from the ``pymdownx.snippets`` entry
of ``mkdocs.yml``: one copy of the settings, read by the build, the tests and the output updater alike.
"""

from __future__ import annotations

import dataclasses
import functools
import os
import re
from pathlib import Path

import markdown
from mkdocs.config import load_config
from pymdownx.snippets import SnippetMissingError

PROJECT_ROOT = Path(__file__).resolve().parent.parent
MKDOCS_YML = PROJECT_ROOT / "mkdocs.yml"
DOCS_DIR = PROJECT_ROOT / "docs"
SNIPPETS_DIR = PROJECT_ROOT / "snippets"  # the base_path of pymdownx.snippets in mkdocs.yml (a test checks)
SNIPPETS_EXTENSION = "pymdownx.snippets"
# What `make outputs` writes from code between two markers (tools.update_outputs): a table, a signature.
GENERATED_REGION = re.compile(
    r"(?P<start><!-- generated: (?P<name>[a-z][-a-z0-9]*)(?P<arguments>(?: [\w.]+)*) -->)\n.*?"
    r"(?P<end><!-- end generated: (?P=name) -->)",
    re.DOTALL,
)


def write_whole(path: Path, text: str) -> Path:
    """``path``, holding ``text``: written whole or not at all, as another process may read it meanwhile."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
    partial.write_text(text, encoding="utf-8")
    partial.replace(path)
    return path


class PageError(Exception):
    """A page that the pipeline cannot test as written; the message starts with ``page:line``."""


@dataclasses.dataclass(frozen=True)
class ExpandedPage:
    path: Path  # as shown in messages: relative to the project when it lies inside it
    source_lines: list[str]
    lines: list[str]  # the page after snippet expansion, as Markdown sees it
    origin: list[int]  # origin[i]: the 1-based source line that produced lines[i]
    from_snippet: list[bool]  # from_snippet[i]: lines[i] was pulled in by a snippet directive

    @property
    def text(self) -> str:
        return "".join(line + "\n" for line in self.lines)


def snippet_settings(config) -> dict:
    """The ``pymdownx.snippets`` settings of a loaded mkdocs config, with base paths made absolute."""
    if SNIPPETS_EXTENSION not in config.mdx_configs:
        raise PageError(f"{config.config_file_path}: markdown_extensions has no {SNIPPETS_EXTENSION} entry")
    settings = dict(config.mdx_configs[SNIPPETS_EXTENSION])
    # pymdownx resolves base paths against the working directory; mkdocs runs from the config's folder.
    folder = Path(config.config_file_path).parent
    settings["base_path"] = [str(folder / base) for base in settings.get("base_path", ["."])]
    return settings


@functools.cache
def project_snippet_settings(config_file: Path = MKDOCS_YML) -> dict:
    return snippet_settings(load_config(str(config_file)))


def display_path(path: Path) -> Path:
    path = path.resolve()
    return path.relative_to(PROJECT_ROOT) if path.is_relative_to(PROJECT_ROOT) else path


def expand_lines(source_lines: list[str], label: str | Path, settings: dict) -> ExpandedPage:
    """Expand every snippet directive in ``source_lines``; errors name ``label:line`` and the directive."""
    preprocessor = markdown.Markdown(
        extensions=[SNIPPETS_EXTENSION], extension_configs={SNIPPETS_EXTENSION: settings}
    ).preprocessors["snippet"]
    lines: list[str] = []
    origin: list[int] = []
    from_snippet: list[bool] = []
    # Line by line, so that each expanded line knows its source line and errors can name it.
    for number, line in enumerate(source_lines, start=1):
        try:
            expanded = preprocessor.run([line])
        except SnippetMissingError as err:
            raise PageError(f"{label}:{number}: {err} (from {line.strip()})") from None
        lines += expanded
        origin += [number] * len(expanded)
        from_snippet += [expanded != [line]] * len(expanded)
    # The whole page at once is what the build renders; the two agree unless the page uses the
    # multi-line block form of the snippet syntax, which would hide each block's source line.
    if lines != preprocessor.run(list(source_lines)):
        raise PageError(
            f'{label}: use the one-line form --8<-- "module.py:section" for every snippet; '
            "the multi-line block form is not supported by the tests"
        )
    return ExpandedPage(Path(label), list(source_lines), lines, origin, from_snippet)


def expand_page(page: Path, config_file: Path = MKDOCS_YML) -> ExpandedPage:
    source_lines = page.read_text(encoding="utf-8").splitlines()
    return expand_lines(source_lines, display_path(page), project_snippet_settings(config_file))
