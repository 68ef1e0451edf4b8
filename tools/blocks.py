"""Collect the code blocks a reader sees on a page, run them, and compare what they print with the page.

Blocks are extracted from the expanded page (``tools.expand``) by pytest-codeblocks' own parser. The rules a
page must follow, each enforced here with an error that names ``page:line``:

* every fence names its language: ``python`` (run and compared), ``text`` (only as the output of the
  python block above it, after ``<!--pytest-codeblocks:expected-output-->``) or ``console`` (shell
  commands, shown and not run);
* python code is pulled from ``snippets/`` by snippet directives (one or more, one per line), never typed
  into the page;
* the only marker is ``expected-output``: every block stands on its own (its imports and seeds inside it),
  so ``cont`` is refused;
* a block with no output block must print nothing;
* an output that depends on the machine (timings) is announced by ``<!-- output varies by machine -->``
  on the line above its marker: it is compared with every number masked, so its words and the count of
  its numbers are checked, not their digits;
* an output line that reads like an error or warning (``TypeError: ...``) must be the text of an exception
  that an ``except`` clause of the block really caught, or of a warning the block really triggered.
"""

from __future__ import annotations

import ast
import contextlib
import dataclasses
import difflib
import io
import random
import re
import sys
import types
import warnings
from pathlib import Path

import pytest_codeblocks
from pymdownx.snippets import SnippetPreprocessor

from tools.expand import MKDOCS_YML, ExpandedPage, PageError, expand_page

RUN_LANGUAGE = "python"
OUTPUT_LANGUAGE = "text"
SHOWN_LANGUAGES = {"console"}  # shown to the reader, never run
OUTPUT_MARKER = "<!--pytest-codeblocks:expected-output-->"
MACHINE_DEPENDENT_MARKER = "<!-- output varies by machine -->"
NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?")
PADDED_NUMBER = re.compile(r" *" + NUMBER.pattern)


def masked(output: str) -> str:
    """An output with its numbers masked, and the padding before them: a timing that grows a digit
    ("438.1 ms" becoming "1038.1 ms" in a right-aligned column) still reads the same."""
    return PADDED_NUMBER.sub(" #", output)
ANY_MARKER = re.compile(r"<!--.*codeblock.*-->", re.IGNORECASE)
# How a block shows a caught exception or a recorded warning: "TypeError: 'int' object is not callable".
ERROR_LINE = re.compile(r"^[A-Za-z_][\w.]*(?:Error|Exception|Warning): ")

# The state of the global random generators before each block. The output updater and the tests use
# different values, so a block that forgot to seed its generator prints something different in the tests.
TEST_SEED = 1234
UPDATE_SEED = 98765


@dataclasses.dataclass
class PageBlock:
    page: Path
    line: int  # the line of the opening fence in the page source
    code: str
    expected_output: str | None  # None when no output block follows
    snippets: tuple[str, ...]  # the directives' targets, "module.py:section", in order
    machine_dependent: bool = False  # compare the output with its numbers masked

    @property
    def location(self) -> str:
        return f"{self.page}:{self.line}"


@dataclasses.dataclass
class BlockRun:
    stdout: str
    raised: list[BaseException]  # every exception that an ``except`` clause of the block's code caught
    warned: list[warnings.WarningMessage]


def collect_blocks(page: Path, config_file: Path = MKDOCS_YML) -> list[PageBlock]:
    """The python blocks of a page, in order, each with the output shown under it."""
    return blocks_of(expand_page(page, config_file))


def blocks_of(expanded: ExpandedPage) -> list[PageBlock]:
    _check_markers(expanded)
    try:
        parsed = pytest_codeblocks.extract_from_buffer(io.StringIO(_parser_text(expanded)))
    except RuntimeError as err:  # the parser's own complaints: unknown keyword, unclosed fence, ...
        raise PageError(f"{expanded.path}: {err}") from None
    blocks = []
    for block in parsed:
        source_line = expanded.origin[block.lineno - 1]
        where = f"{expanded.path}:{source_line}"
        if block.marks or block.importorskip or block.expected_output_ignore_whitespace:
            raise PageError(f"{where}: blocks may not be skipped or compared loosely")
        if block.syntax == OUTPUT_LANGUAGE:
            raise PageError(f"{where}: a text fence must be the output of the python block above it ({OUTPUT_MARKER})")
        if block.syntax in SHOWN_LANGUAGES:
            continue
        if block.syntax != RUN_LANGUAGE:
            raise PageError(
                f"{where}: fence language {block.syntax!r} is not one of "
                f"{sorted({RUN_LANGUAGE, OUTPUT_LANGUAGE, *SHOWN_LANGUAGES})} "
                "(pytest-codeblocks would skip it silently)"
            )
        code_lines = [i for i in range(block.lineno, block.lineno + block.code.count("\n")) if expanded.lines[i].strip()]
        if not code_lines or not all(expanded.from_snippet[i] for i in code_lines):
            raise PageError(f"{where}: python code must come from snippets/ through --8<-- directives")
        directives = [expanded.source_lines[number - 1] for number in dict.fromkeys(expanded.origin[i] for i in code_lines)]
        snippets = tuple(SnippetPreprocessor.RE_ALL_SNIPPETS.match(line).group("snippet")[1:-1] for line in directives)
        machine_dependent = _announced_machine_dependent(expanded.source_lines, source_line)
        blocks.append(PageBlock(expanded.path, source_line, block.code, block.expected_output, snippets, machine_dependent))
    return blocks


def _announced_machine_dependent(source_lines: list[str], fence_line: int) -> bool:
    """Whether the fence opened at ``fence_line`` is followed by the machine marker (and then its output)."""
    following = [line.strip() for line in source_lines[fence_line:] if line.strip()]
    closing = next(index for index, line in enumerate(following) if line.startswith("```"))
    return following[closing + 1 : closing + 2] == [MACHINE_DEPENDENT_MARKER]


def _parser_text(expanded: ExpandedPage) -> str:
    """The expanded page for pytest-codeblocks, with one workaround.

    Its parser drops an empty line inside an indented fence (a fence in a content tab): it removes up to the
    fence's indentation from each line, and on an empty line that removes the newline itself. The only
    empty lines the page itself puts in a python fence stand between two snippet directives, so those get
    the directives' indentation, which the parser removes again, as Markdown does.
    """
    lines = list(expanded.lines)
    for index in range(1, len(lines) - 1):
        if not lines[index] and expanded.from_snippet[index - 1] and expanded.from_snippet[index + 1]:
            directive = expanded.source_lines[expanded.origin[index + 1] - 1]
            lines[index] = directive[: len(directive) - len(directive.lstrip())]
    return "".join(line + "\n" for line in lines)


def _check_markers(expanded: ExpandedPage) -> None:
    for number, line in enumerate(expanded.source_lines, start=1):
        stripped = line.strip()
        if ANY_MARKER.fullmatch(stripped) and stripped != OUTPUT_MARKER:
            raise PageError(
                f"{expanded.path}:{number}: unknown marker {stripped}; the only marker is {OUTPUT_MARKER} "
                "(every block stands on its own, so blocks are never continued)"
            )


@contextlib.contextmanager
def _fresh_global_state(seed: int):
    """Give each block the same start, and undo whatever global setting it changes."""
    import numpy as np
    import torch

    print_options = dict(vars(torch._tensor_str.PRINT_OPTS))
    numpy_print_options = np.get_printoptions()
    default_dtype = torch.get_default_dtype()
    grad_enabled = torch.is_grad_enabled()
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    try:
        with warnings.catch_warnings():
            yield
    finally:
        vars(torch._tensor_str.PRINT_OPTS).update(print_options)
        np.set_printoptions(**numpy_print_options)
        torch.set_default_dtype(default_dtype)
        torch.set_grad_enabled(grad_enabled)


# The name by which a block's code calls the recorder of the exceptions it catches (``_with_recorded_catches``).
RECORD_CAUGHT = "__record_caught_exception__"


class _RecordCaught(ast.NodeTransformer):
    """Make every ``except`` clause of a block record the exception it caught before its own first line."""

    def visit_ExceptHandler(self, handler: ast.ExceptHandler) -> ast.ExceptHandler:
        self.generic_visit(handler)
        record = ast.Expr(ast.Call(ast.Name(RECORD_CAUGHT, ast.Load()), args=[], keywords=[]))
        handler.body.insert(0, ast.copy_location(record, handler.body[0]))
        return handler


def _with_recorded_catches(code: str, filename: str) -> types.CodeType:
    """The block compiled so that each exception it catches is recorded. Rewriting the code, rather than
    tracing it with ``sys.settrace``, leaves the block running at its own speed: a trace function is called
    at every Python call, which slowed a compiled function's many wrapper calls and distorted its timing."""
    tree = ast.fix_missing_locations(_RecordCaught().visit(ast.parse(code, filename)))
    return compile(tree, filename, "exec")


@contextlib.contextmanager
def _recording_warnings(warned: list[warnings.WarningMessage]):
    """Record every warning that is shown or caught, even inside the block's own catch_warnings()."""
    show = warnings._showwarnmsg

    def record_and_show(message):
        warned.append(message)
        show(message)

    warnings._showwarnmsg = record_and_show
    try:
        yield
    finally:
        warnings._showwarnmsg = show


def run_block(block: PageBlock, seed: int = TEST_SEED) -> BlockRun:
    """Run a block in fresh globals, as a reader's new script would, and capture what it prints."""
    code = _with_recorded_catches(block.code, f"<{block.location}>")
    run = BlockRun(stdout="", raised=[], warned=[])
    stdout = io.StringIO()
    with _fresh_global_state(seed), _recording_warnings(run.warned), contextlib.redirect_stdout(stdout):
        exec(code, {"__name__": "__main__", RECORD_CAUGHT: lambda: run.raised.append(sys.exc_info()[1])})
    run.stdout = stdout.getvalue()
    return run


def error_text(problem: BaseException | warnings.WarningMessage) -> str:
    """How a block prints a problem: the last line of a traceback, or of a shown warning."""
    if isinstance(problem, warnings.WarningMessage):
        return f"{problem.category.__name__}: {problem.message}"
    return f"{type(problem).__name__}: {problem}"


def output_diff(block: PageBlock, actual: str) -> str:
    """An empty string when the page shows exactly what the block prints, else a message with a diff."""
    shown = block.expected_output or ""
    if actual == shown or (block.machine_dependent and masked(actual) == masked(shown)):
        return ""
    diff = difflib.unified_diff(
        shown.splitlines(keepends=True),
        actual.splitlines(keepends=True),
        fromfile=f"{block.location} (shown on the page)",
        tofile=f"{block.location} (printed by the code)",
    )
    return (
        f"{block.location}: the output shown on the page is not what the code prints "
        f"(regenerate with `make outputs`)\n" + "".join(diff)
    )


def unproven_error_lines(run: BlockRun) -> list[str]:
    """Printed lines that look like an error or warning but are not the text of a real one."""
    real = {error_text(problem).splitlines()[0] for problem in [*run.raised, *run.warned]}
    return [line for line in run.stdout.splitlines() if ERROR_LINE.match(line) and line not in real]
