"""The pipeline itself: bad pages fail loudly with page:line, stale outputs show a diff, errors must be real,
unseeded randomness is caught, the output updater is idempotent, and broken pages fail the site build."""

from __future__ import annotations

import re
import shutil
import textwrap
from importlib import metadata

import pytest

from tests.support import BLOCKS, BRIEF_RUN_TIME, MKDOCS_YML, PROJECT_ROOT, brief_timings, build_site
from tools.blocks import TEST_SEED, UPDATE_SEED, blocks_of, output_diff, run_block, unproven_error_lines
from tools.expand import PageError, expand_lines
from tools.prose_numbers import unproven_numbers
from tools.update_outputs import updated_text

MODULE = '''\
# --8<-- [start:prints]
print("hello")
# --8<-- [end:prints]

# --8<-- [start:silent]
x = 1
# --8<-- [end:silent]

# --8<-- [start:fake-error]
print("TypeError: 'int' object is not callable")
# --8<-- [end:fake-error]

# --8<-- [start:real-error]
try:
    (3).size()
except AttributeError as err:
    print(f"AttributeError: {err}")
# --8<-- [end:real-error]

# --8<-- [start:caught-in-a-function]
def size_of(x):
    try:
        return x.size()
    except AttributeError as err:
        return f"AttributeError: {err}"


print(size_of(3))
# --8<-- [end:caught-in-a-function]

# --8<-- [start:other-error-printed]
try:
    int("three")
except ValueError:
    print("TypeError: 'int' object is not callable")
# --8<-- [end:other-error-printed]

# --8<-- [start:traced]
import sys

print("trace function:", sys.gettrace())
# --8<-- [end:traced]

# --8<-- [start:real-warning]
import warnings

with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    warnings.warn("careful", UserWarning)
print(f"{caught[0].category.__name__}: {caught[0].message}")
# --8<-- [end:real-warning]

# --8<-- [start:timing]
print("took 1.5 ms, 3 runs")
# --8<-- [end:timing]

# --8<-- [start:unseeded]
import torch

print(torch.rand(1).item())
# --8<-- [end:unseeded]
'''


@pytest.fixture
def settings(tmp_path):
    (tmp_path / "snippets").mkdir()
    (tmp_path / "snippets" / "example.py").write_text(MODULE, encoding="utf-8")
    return {"base_path": [str(tmp_path / "snippets")], "check_paths": True, "dedent_subsections": True}


def page(markdown: str, settings: dict):
    return expand_lines(textwrap.dedent(markdown).strip("\n").splitlines(), "docs/page.md", settings)


def fence(section: str, output: str | None = None) -> str:
    block = f'```python\n--8<-- "example.py:{section}"\n```\n'
    if output is not None:
        block += f"\n<!--pytest-codeblocks:expected-output-->\n```text\n{output}```\n"
    return block


def test_a_block_and_its_output_are_read_from_the_expanded_page(settings):
    [block] = blocks_of(page("# Title\n\n" + fence("prints", "hello\n"), settings))
    assert (block.location, block.code, block.expected_output) == ("docs/page.md:3", 'print("hello")\n', "hello\n")
    assert block.snippets == ("example.py:prints",)
    assert output_diff(block, run_block(block).stdout) == ""


def test_a_block_can_join_sections_one_directive_a_line(settings):
    markdown = '```python\n--8<-- "example.py:silent"\n\n--8<-- "example.py:prints"\n```\n'
    [block] = blocks_of(page(markdown, settings))
    assert block.code == 'x = 1\n\nprint("hello")\n'
    assert block.snippets == ("example.py:silent", "example.py:prints")


def test_a_blank_line_between_directives_survives_in_a_content_tab(settings):
    markdown = '=== "Tab"\n\n    ```python\n    --8<-- "example.py:silent"\n\n    --8<-- "example.py:prints"\n    ```\n'
    [block] = blocks_of(page(markdown, settings))
    assert block.code == 'x = 1\n\nprint("hello")\n'


def test_a_missing_section_names_page_line_file_and_section(settings):
    with pytest.raises(PageError, match=r"^docs/page\.md:4: Snippet section 'nothing' .*example\.py:nothing"):
        page("Intro\n\n" + fence("nothing"), settings)


def test_a_missing_file_names_page_line_and_file(settings):
    with pytest.raises(PageError, match=r"^docs/page\.md:2: Snippet at path 'nowhere\.py' could not be found"):
        page('```python\n--8<-- "nowhere.py:prints"\n```\n', settings)


def test_the_block_form_of_a_snippet_is_refused(settings):
    with pytest.raises(PageError, match="one-line form"):
        page('```python\n--8<--\nexample.py:prints\n--8<--\n```\n', settings)


@pytest.mark.parametrize(
    "markdown, message",
    [
        ('```python title="x.py"\n--8<-- "example.py:prints"\n```\n', "would skip it silently"),
        ('```\n--8<-- "example.py:prints"\n```\n', "fence language ''"),
        ('```py\n--8<-- "example.py:prints"\n```\n', "fence language 'py'"),
        ("```python\nprint('typed into the page')\n```\n", "must come from snippets/"),
        ('```python\n--8<-- "example.py:prints"\nprint("typed")\n```\n', "must come from snippets/"),
        ("```text\nan output with no block above it\n```\n", "must be the output of the python block above"),
        ("<!--pytest-codeblock:expected-output-->\n", "unknown marker"),
        (fence("prints") + "\n<!--pytest-codeblocks:cont-->\n" + fence("silent"), "unknown marker"),
        (fence("prints") + "\n<!--pytest-codeblocks:skip-->\n", "unknown marker"),
        (fence("prints") + "\n<!-- pytest.mark.skip -->\n" + fence("silent"), "may not be skipped"),
        ("```python\n--8<-- \"example.py:prints\"\n", "prematurely"),
    ],
    ids=["attribute", "no-language", "py", "inline-code", "directive-and-code", "orphan-text", "typo", "cont", "skip",
         "mark", "unclosed"],
)
def test_a_page_the_tests_cannot_check_fails_loudly(settings, markdown, message):
    with pytest.raises(PageError, match=re.escape(message)) as error:
        blocks_of(page(markdown, settings))
    assert str(error.value).startswith("docs/page.md"), "the error must name the page"


def test_a_stale_output_names_page_and_line_and_shows_a_diff(settings):
    [block] = blocks_of(page("Intro\n\n" + fence("prints", "hullo\n"), settings))
    message = output_diff(block, run_block(block).stdout)
    assert message.startswith("docs/page.md:3: the output shown on the page is not what the code prints")
    assert "-hullo\n+hello\n" in message


def test_a_block_that_prints_needs_an_output_block(settings):
    [block] = blocks_of(page(fence("prints"), settings))
    assert "+hello" in output_diff(block, run_block(block).stdout)


def test_every_changed_digit_or_dropped_line_of_a_real_output_is_caught():
    block = next(block for block in BLOCKS if block.snippets[-1].endswith(":l1-backward"))
    printed = run_block(block).stdout
    assert output_diff(block, printed) == ""
    digits = [index for index, char in enumerate(printed) if char.isdigit()]
    assert len(digits) > 50
    for index in digits:
        changed = printed[:index] + str((int(printed[index]) + 1) % 10) + printed[index + 1 :]
        assert output_diff(block, changed)
    lines = printed.splitlines(keepends=True)
    for index in range(len(lines)):
        assert output_diff(block, "".join(lines[:index] + lines[index + 1 :]))


def test_a_printed_error_must_have_been_raised(settings):
    sections = ["fake-error", "other-error-printed", "real-error", "caught-in-a-function", "real-warning"]
    [fake, other, real, in_function, warned] = blocks_of(page("".join(map(fence, sections)), settings))
    assert unproven_error_lines(run_block(fake)) == ["TypeError: 'int' object is not callable"]
    assert unproven_error_lines(run_block(other)) == ["TypeError: 'int' object is not callable"]
    for block in (real, in_function):
        assert run_block(block).stdout == "AttributeError: 'int' object has no attribute 'size'\n"
        assert unproven_error_lines(run_block(block)) == []
    assert run_block(warned).stdout == "UserWarning: careful\n"
    assert unproven_error_lines(run_block(warned)) == []


def test_a_block_runs_untraced_so_its_timings_are_a_readers(settings):
    """Recording what a block catches costs it nothing at run time (no ``sys.settrace``)."""
    [block] = blocks_of(page(fence("traced"), settings))
    assert run_block(block).stdout == "trace function: None\n"


def test_brief_timings_cap_how_long_a_timing_runs_and_undo_it_after(monkeypatch):
    from torch.utils.benchmark import Timer

    asked = []
    monkeypatch.setattr(Timer, "blocked_autorange", lambda self, callback=None, min_run_time=0.2: asked.append(min_run_time))
    timer = Timer("pass")
    with brief_timings():
        timer.blocked_autorange(min_run_time=0.5)
        timer.blocked_autorange()
        timer.blocked_autorange(min_run_time=0.001)
    with brief_timings(brief=False):
        timer.blocked_autorange(min_run_time=0.5)
    timer.blocked_autorange()
    assert asked == [BRIEF_RUN_TIME, BRIEF_RUN_TIME, 0.001, 0.5, 0.2]


def test_unseeded_randomness_changes_the_output_between_update_and_test(settings):
    [block] = blocks_of(page(fence("unseeded"), settings))
    assert run_block(block, seed=TEST_SEED).stdout != run_block(block, seed=UPDATE_SEED).stdout
    assert run_block(block, seed=TEST_SEED).stdout == run_block(block, seed=TEST_SEED).stdout


def test_updating_outputs_fixes_adds_and_removes_them_and_is_idempotent(settings):
    source = "# Page\n\n" + fence("prints", "stale\n") + "\nText.\n\n" + fence("silent", "left over\n") + fence("prints")
    once = updated_text(page(source, settings))
    assert once == "# Page\n\n" + fence("prints", "hello\n") + "\nText.\n\n" + fence("silent") + fence("prints", "hello\n")
    assert updated_text(page(once, settings)) == once


def test_a_block_cannot_change_what_the_next_block_sees(settings, tmp_path):
    (tmp_path / "snippets" / "state.py").write_text(
        "# --8<-- [start:change]\nimport torch\n\ntorch.set_default_dtype(torch.float64)\n"
        "torch.set_printoptions(precision=2)\ntorch.set_grad_enabled(False)\n# --8<-- [end:change]\n\n"
        "# --8<-- [start:look]\nimport torch\n\nprint(torch.tensor([1 / 3]), torch.is_grad_enabled())\n"
        "# --8<-- [end:look]\n",
        encoding="utf-8",
    )
    expanded = page('```python\n--8<-- "state.py:change"\n```\n\n```python\n--8<-- "state.py:look"\n```\n', settings)
    change, look = blocks_of(expanded)
    before = run_block(look).stdout
    run_block(change)
    assert run_block(look).stdout == before == "tensor([0.3333]) True\n"


def test_an_output_that_varies_by_machine_is_compared_without_its_digits(settings):
    source = fence("timing", "took 9.25 ms, 7 runs\n").replace("\n<!--pytest", "\n<!-- output varies by machine -->\n<!--pytest")
    [block] = blocks_of(page(source, settings))
    assert block.machine_dependent
    assert output_diff(block, "took 1.5 ms, 3 runs\n") == ""
    assert output_diff(block, "took   1.5 ms,  3 runs\n") == "", "a column of timings pads them to one width"
    assert output_diff(block, "took 1.5 s, 3 runs\n"), "a changed word is still caught"
    assert output_diff(block, "took 1.5 ms, 3 runs, 2 warm-ups\n"), "an extra number is still caught"
    # The updater keeps the numbers shown while only numbers differ, and keeps the marker.
    assert updated_text(page(source, settings)) == source
    [unmarked] = blocks_of(page(fence("timing", "took 9.25 ms, 7 runs\n"), settings))
    assert not unmarked.machine_dependent and output_diff(unmarked, "took 1.5 ms, 3 runs\n")


TORCH = metadata.version("torch").split("+")[0]  # the installed torch, as prose must name it
PROSE_PAGE = """\
---
description: A page to plant numbers in.
---

# Numbers

{prose}

$$\\ell = \\frac{{1}}{{4}}\\sum_i e_i^2 = 1.3125$$

```python
--8<-- "getting_started/first_loss.py:by-hand"
```

<!--pytest-codeblocks:expected-output-->
```text
errors:          tensor([-1.0000,  0.0000,  2.0000, -0.5000])
mean |error|:    0.875
mean error ** 2: 5.0
```

<!-- output varies by machine -->
<!--pytest-codeblocks:expected-output-->
```text
took 42.0 ms
```
"""


@pytest.mark.parametrize(
    "prose, unproven",
    [
        ("The mean absolute error is 0.875, or 0.88, or about 0.9.", []),
        ("The mean absolute error is 0.87.", ["0.87"]),
        ("The outputs hold 1,000 numbers, 5,000 times fewer.", ["1,000", "5,000"]),
        ("The squared error is five times larger.", []),
        ("The squared error is ten times larger.", ["ten times"]),
        ("The squared error is twice as large, three times the error of 0.25.", ["three times", "0.25"]),
        ("The error of -1 is half as large as the error of 2.", []),
        ("The loss is 1.3125: the formula shows it.", []),
        ("Half of it, 50%, is the error of 2.", []),
        ("It took 42 ms on this machine.", ["42"]),  # a timing proves nothing lasting
        ("y_pred holds 2.5 and 4.0.", ["2.5"]),  # numbers in the code are the question, not the answer
        (f"Printed by torch {TORCH} on a 2-D tensor (Lin et al., 2017).", []),
        ("Printed by torch 2.12.0.", [f"torch 2.12.0 (installed: {TORCH})"]),
        ("Inline code counts: `ignore_index=-100`.", ["-100"]),
    ],
)
def test_a_number_in_prose_must_be_shown_by_an_output_formula_or_table(prose, unproven):
    found = unproven_numbers(PROJECT_ROOT / "docs" / "planted.md", source=PROSE_PAGE.format(prose=prose))
    assert [problem.number for problem in found] == unproven
    assert all(problem.line == 7 and str(problem).startswith("docs/planted.md:7: ") for problem in found)


def test_a_wrong_number_planted_in_a_real_page_is_reported_with_its_line():
    page = PROJECT_ROOT / "docs" / "getting-started" / "first-loss.md"
    source = page.read_text(encoding="utf-8")
    assert unproven_numbers(page, source=source) == []
    lines = source.splitlines(keepends=True)
    heading = next(index for index, line in enumerate(lines) if line.startswith("## "))
    sentence = "On these four numbers the MSE is 1.35, three times the L1 loss.\n"
    planted = "".join([*lines[: heading + 1], "\n", sentence, *lines[heading + 1 :]])
    found = unproven_numbers(page, source=planted)
    assert [(str(problem.page), problem.line, problem.number) for problem in found] == [
        ("docs/getting-started/first-loss.md", heading + 3, "1.35"),
        ("docs/getting-started/first-loss.md", heading + 3, "three times"),
    ]


def test_a_figure_description_must_match_what_the_loss_plot_shows():
    page = PROJECT_ROOT / "docs" / "losses" / "mse-loss.md"
    source = page.read_text(encoding="utf-8")
    assert "from -6 at an error of -3 to +6 at +3" in source and unproven_numbers(page, source=source) == []
    wrong = source.replace("to +6 at +3", "to +7 at +3")
    line = next(number for number, text in enumerate(wrong.splitlines(), start=1) if "+7 at +3" in text)
    assert [(problem.line, problem.number) for problem in unproven_numbers(page, source=wrong)] == [(line, "+7")] * 2


@pytest.fixture
def small_site(tmp_path):
    """A site of one page with one block, built with the project's configuration and hooks: what a build
    failure needs, in seconds rather than the whole site's minute."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "snippets").mkdir()
    (tmp_path / "snippets" / "example.py").write_text(MODULE, encoding="utf-8")
    (tmp_path / "docs" / "index.md").write_text(
        '# A page\n\n```python\n--8<-- "example.py:prints"\n```\n\n<!--pytest-codeblocks:expected-output-->\n'
        "```text\nhello\n```\n",
        encoding="utf-8",
    )
    shutil.copytree(PROJECT_ROOT / "overrides", tmp_path / "overrides")
    (tmp_path / "tools").symlink_to(PROJECT_ROOT / "tools")
    config = re.sub(r"\nnav:\n(?:  .*\n|\n)*", "\nnav:\n  - index.md\n", MKDOCS_YML.read_text(encoding="utf-8"))
    (tmp_path / "mkdocs.yml").write_text(re.sub(r"\nextra_css:\n(?:  - .*\n)*", "\n", config), encoding="utf-8")
    return tmp_path


def test_the_small_site_builds_strictly_as_it_is(small_site):
    """The baseline of the test below: unchanged, the page's output is current and the build passes."""
    build = build_site(small_site / "mkdocs.yml", small_site / "site")
    assert build.returncode == 0, build.log
    assert "the output shown on the page is not what the code prints" not in build.log
    assert list((small_site / "site").rglob("*.svg")) == []  # none of the project's figures: not its pages


def test_a_changed_snippet_with_a_stale_output_fails_the_strict_build_with_page_and_line(small_site):
    """`mkdocs serve` warns and `mkdocs build --strict` fails: the build executes the page's notebook and
    compares each cell with the output block its page shows (tools.notebooks.stale_outputs)."""
    module = small_site / "snippets" / "example.py"
    module.write_text(MODULE.replace('print("hello")', 'print("hello, world")'), encoding="utf-8")
    build = build_site(small_site / "mkdocs.yml", small_site / "site")
    assert build.returncode != 0
    assert "docs/index.md:3: the output shown on the page is not what the code prints" in build.log
    assert "-hello\n" in build.log and "+hello, world\n" in build.log


def test_a_missing_section_fails_the_site_build_naming_file_and_section(small_site):
    page_file = small_site / "docs" / "index.md"
    page_file.write_text(page_file.read_text().replace(":prints", ":print"))
    build = build_site(small_site / "mkdocs.yml", small_site / "site")
    assert build.returncode != 0
    assert "docs/index.md:" in build.log
    assert "Snippet section 'print' could not be located" in build.log
    assert "example.py:print" in build.log


def test_a_broken_anchor_fails_the_site_build(small_site):
    page_file = small_site / "docs" / "index.md"
    page_file.write_text(page_file.read_text() + "\nSee [the heading](#no-such-heading).\n")
    build = build_site(small_site / "mkdocs.yml", small_site / "site")
    assert build.returncode != 0
    assert "no-such-heading" in build.log
