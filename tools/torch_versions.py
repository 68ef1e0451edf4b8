"""What another torch changes on this site, and moving the pin to it as one command.

    python -m tools.torch_versions drift 2.14.1    # run everything on another torch; print what differs
    python -m tools.torch_versions upgrade 2.14.1  # move the pin there, regenerate, record what changed

(``make drift VERSION=...`` and ``make upgrade-torch VERSION=...`` call these.)

A *snapshot* is everything on the site that torch decides, keyed so that two versions line up: the output
of every python block (by page and its place among the page's blocks) and every cell of every generated
table (by page, table, row and column). What the pages show is the snapshot of the pinned torch, since
the tests check every output and table against it; ``observe`` makes one by running the code instead.

``drift`` installs the other torch with the rest of requirements.txt into .cache/torch-VERSION/, observes
there, and prints each difference from what the pages show. It writes nothing in the repository.

``upgrade`` takes the snapshot the pages show, rewrites every place that names the pinned version
(requirements, README, CONTRIBUTING, the pages' prose), installs the new torch into the running virtual
environment, regenerates every output, table and notebook (``tools.update_outputs --remeasure``), takes the
snapshot again and records the differences in ``data/torch-upgrades/to-NEW.json``. The page
docs/losses/torch-versions.md is generated from that record. For the version already pinned it does
nothing.
"""

from __future__ import annotations

import argparse
import dataclasses
import html
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from tools.blocks import collect_blocks, masked
from tools.expand import DOCS_DIR, GENERATED_REGION, PROJECT_ROOT
from tools.prose_numbers import HISTORY  # "new in PyTorch 2.13" stays when the pin moves

REQUIREMENTS = PROJECT_ROOT / "requirements.txt"
UPGRADES_DIR = PROJECT_ROOT / "data" / "torch-upgrades"
CHANGES_PAGE = DOCS_DIR / "losses" / "torch-versions.md"
# Generated regions that describe the site or link to torch's pages (they name the version by design),
# not what torch computes: a version change is expected to change them and they are not compared.
NOT_TORCH_BEHAVIOUR = {"official-references", "used-on-this-site", "notebook-index", "torch-changes"}
# Files that name the pinned version in prose or pins; the pages' own code and outputs are regenerated.
PINNED_IN = ["requirements.txt", "README.md", "CONTRIBUTING.md", "docs/**/*.md", "snippets/**/*.py"]


@dataclasses.dataclass(frozen=True)
class Entry:
    """One thing torch decides: a block's output, or a cell of a generated table."""

    key: str
    page: str  # docs-relative
    anchor: str  # the section it sits in ("" for the top of the page)
    heading: str
    what: str  # "output of block 3", "loss-cheat-sheet: CrossEntropyLoss, Target dtypes"
    machine_dependent: bool = False

    def same(self, before: str, after: str) -> bool:
        return masked(before) == masked(after) if self.machine_dependent else before == after


# --- Snapshots ------------------------------------------------------------------------------------------


def _pages() -> list[Path]:
    return sorted(page for page in DOCS_DIR.rglob("*.md") if page != CHANGES_PAGE)


def snapshot(observe: bool = False, problems: list[str] | None = None) -> dict[str, tuple[Entry, str]]:
    """Every output and generated table cell of the site: what the pages show, or (``observe``) what the
    code prints and the generators write on the torch that is installed. An observation also adds to
    ``problems`` each block that prints an error text its code did not raise on that torch."""
    from tools.blocks import run_block, unproven_error_lines
    from tools.loss_links import heading_above, headings
    from tools.update_outputs import GENERATORS

    problems = [] if problems is None else problems
    found: dict[str, tuple[Entry, str]] = {}
    for path in _pages():
        page = path.relative_to(DOCS_DIR).as_posix()
        page_headings = headings(path)
        for number, block in enumerate(collect_blocks(path), start=1):
            _, heading, anchor = heading_above(page_headings, block.line)
            entry = Entry(f"{page} block {number}", page, anchor, heading, f"output of block {number}",
                          block.machine_dependent)  # fmt: skip
            if observe:
                run = run_block(block)
                found[entry.key] = (entry, run.stdout)
                for line in unproven_error_lines(run):  # e.g. "RuntimeError: ..." when this torch raises another type
                    problems.append(f"docs/{page}:{block.line}: prints {line!r}, which this torch did not raise")
            else:
                found[entry.key] = (entry, block.expected_output or "")
        text = path.read_text(encoding="utf-8")
        for match in GENERATED_REGION.finditer(text):
            if match["name"] in NOT_TORCH_BEHAVIOUR:
                continue
            _, heading, anchor = heading_above(page_headings, text.count("\n", 0, match.start()) + 1)
            table = f"{match['name']}{match['arguments']}"
            if observe:
                body = GENERATORS[match["name"]](*match["arguments"].split())
            else:
                body = text[match.end("start") : match.start("end")]
            for what, cell in _cells(body):
                entry = Entry(f"{page} {table} {what}", page, anchor, heading, f"{table}: {what}")
                found[entry.key] = (entry, cell)
    return found


def _cells(body: str) -> list[tuple[str, str]]:
    """A generated region as (name, text) pairs: each table cell named by its row's first cell and its
    column's header, and the region's other lines as one text."""
    cells, other = [], []
    header: list[str] = []
    seen: dict[str, int] = {}
    for line in (line.strip() for line in body.strip().splitlines()):
        if not line.startswith("|"):
            header = []
            other.append(line)
            continue
        row = [cell.strip() for cell in line.strip("|").split(" | ")]
        if not header:
            header = row
        elif not all(set(cell) <= set(":- ") for cell in row):
            name = row[0]
            seen[name] = seen.get(name, 0) + 1
            name += f" ({seen[name]})" if seen[name] > 1 else ""
            cells += [(f"{name}, {column}", cell) for column, cell in zip(header[1:], row[1:], strict=False)]
    text = "\n".join(other).strip()
    return cells + ([("text", text)] if text else [])


def differences(before: dict, after: dict) -> list[dict]:
    found = []
    for key in [*before, *(key for key in after if key not in before)]:
        entry = (before.get(key) or after[key])[0]
        old, new = before.get(key, (None, ""))[1], after.get(key, (None, ""))[1]
        if not entry.same(old, new):
            found.append({"page": entry.page, "anchor": entry.anchor, "heading": entry.heading,
                          "what": entry.what, "before": old, "after": new})  # fmt: skip
    return found


def counts(before: dict, after: dict, changed: list[dict]) -> dict[str, dict[str, int]]:
    """How many outputs and table cells there are (after), and how many of them did not change."""
    changed_keys = {(change["page"], change["what"]) for change in changed}
    result = {}
    for kind in ("outputs", "cells"):
        entries = [
            entry
            for key, (entry, text) in after.items()
            if entry.what.startswith("output") == (kind == "outputs") and (text or before.get(key, (None, ""))[1])
        ]  # a block that prints nothing on either version shows no output
        same = [entry for entry in entries if (entry.page, entry.what) not in changed_keys]
        result[kind] = {"total": len(entries), "unchanged": len(same)}
    return result


# --- The pin ---------------------------------------------------------------------------------------------


def pinned() -> str:
    match = re.search(r"^torch==(\S+)", REQUIREMENTS.read_text(encoding="utf-8"), re.MULTILINE)
    return match[1]


def _minor(version: str) -> str:
    return ".".join(version.split(".")[:2])


# A torch version as the site's prose and pins name it: "torch==2.13.0", "torch 2.13.0", "PyTorch 2.13",
# "torch.nn 2.13" (not any other number).
NAMED_VERSION = re.compile(r"(?P<before>\b(?:torch|PyTorch|torch\.nn)(?:==| )`?)(?P<version>\d+\.\d{1,2}(?:\.\d+)?)(?!\d|\.\d)")


def named_versions(text: str) -> list[re.Match]:
    """Where ``text`` names a torch version as the current one (history, "new in PyTorch 2.13", is left out)."""
    return [
        match
        for match in NAMED_VERSION.finditer(text)
        if not HISTORY.search(text[max(0, match.start() - 40) : match.end("before")])
    ]


def repinned(text: str, old: str, new: str) -> str:
    """``text`` with each place that names torch ``old`` (or its minor version) as the current one naming
    ``new`` instead."""
    for match in reversed(named_versions(text)):
        if match["version"] in (old, _minor(old)):
            version = new if match["version"] == old else _minor(new)
            text = text[: match.start("version")] + version + text[match.end("version") :]
    return text


def pin_files() -> list[Path]:
    return sorted({path for pattern in PINNED_IN for path in PROJECT_ROOT.glob(pattern) if path != CHANGES_PAGE})


def install(python: str | Path, version: str) -> None:
    """pip installs requirements.txt with torch at ``version`` into ``python``'s environment (the pin itself is
    not touched)."""
    with tempfile.TemporaryDirectory() as folder:
        requirements = Path(folder) / "requirements.txt"
        requirements.write_text(re.sub(r"^torch==\S+", f"torch=={version}", REQUIREMENTS.read_text(), flags=re.M))
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", "-r", str(requirements)], check=True)


# --- The record of an upgrade and its page -------------------------------------------------------------


def latest_upgrade() -> dict | None:
    """The record of the upgrade to the pinned torch, if the pin was moved by ``upgrade``."""
    path = UPGRADES_DIR / f"to-{pinned()}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


def torch_changes_markdown() -> str:
    """The changes page's body, from the record of the last upgrade (``<!-- generated: torch-changes -->``)."""
    record = latest_upgrade()
    if record is None:
        return f"torch {pinned()} is the first version this site was built on: nothing to compare yet."
    old, new = record["from"], record["to"]
    outputs, cells = record["counts"]["outputs"], record["counts"]["cells"]
    changes = record["differences"]
    lines = [
        f"From torch {old} to torch {new}: **{outputs['unchanged']} of {outputs['total']}** outputs shown on "
        f"this site are unchanged, and **{cells['unchanged']} of {cells['total']}** cells of its generated "
        f"tables (the cheat sheet, the reference index, the Keras table, signatures and shapes). "
        f"{len(changes)} {'thing differs' if len(changes) == 1 else 'things differ'}:",
        "",
    ]
    from tools.loss_links import headings

    for change in changes:
        link = os.path.relpath(change["page"], CHANGES_PAGE.parent.relative_to(DOCS_DIR))
        target = f"{link}#{change['anchor']}" if change["anchor"] else link
        title = headings(DOCS_DIR / change["page"])[0][1]
        section = f"{title}: {change['heading']}" if change["heading"] != title else title
        lines += [
            f"## {section}",
            "",
            f"In [{change['heading']}]({target}), the {change['what']} of the page:",
            "",
            '<div class="torch-versions">',
            *_side(f"torch {old}", change["before"]),
            *_side(f"torch {new}", change["after"]),
            "</div>",
            "",
        ]
    return "\n".join(lines)


def _side(title: str, text: str) -> list[str]:
    shown = html.escape(text.rstrip("\n")) or "(nothing)"
    return [f"<figure><figcaption>{title}</figcaption><pre><code>{shown}</code></pre></figure>"]


# --- Commands --------------------------------------------------------------------------------------------


def observe_in(python: str | Path) -> tuple[dict[str, tuple[Entry, str]], list[str]]:
    """The snapshot another interpreter observes (with its own torch), and its problems, read back here."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "snapshot.json"
        subprocess.run([str(python), "-m", "tools.torch_versions", "observe", "--out", str(out)], cwd=PROJECT_ROOT,
                       check=True)  # fmt: skip
        raw = json.loads(out.read_text(encoding="utf-8"))
    return {key: (Entry(**entry), text) for key, (entry, text) in raw["snapshot"].items()}, raw["problems"]


def report(changes: list[dict], numbers: dict, old: str, new: str) -> str:
    lines = []
    for change in changes:
        where = f"docs/{change['page']}#{change['anchor']}" if change["anchor"] else f"docs/{change['page']}"
        lines += [f"--- {where}: {change['what']}", f"  torch {old}:"]
        lines += [f"    {line}" for line in change["before"].splitlines() or ["(nothing)"]]
        lines += [f"  torch {new}:"]
        lines += [f"    {line}" for line in change["after"].splitlines() or ["(nothing)"]]
    outputs, cells = numbers["outputs"], numbers["cells"]
    lines.append(
        f"torch {old} -> {new}: {len(changes)} difference(s); {outputs['unchanged']} of {outputs['total']} outputs "
        f"and {cells['unchanged']} of {cells['total']} table cells unchanged."
    )
    return "\n".join(lines)


def drift(version: str, record: bool = False) -> int:
    venv = PROJECT_ROOT / ".cache" / f"torch-{version}"
    python = venv / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    install(python, version)
    shown, (observed, problems) = snapshot(), observe_in(python)
    if record:  # the pin moved from ``version``: record that upgrade again with the pages as they are now
        changes = differences(observed, shown)
        print(report(changes, write_record(version, pinned(), observed, shown, changes), version, pinned()))
    else:
        changes = differences(shown, observed)
        print(report(changes, counts(shown, observed, changes), pinned(), version))
    for problem in problems:
        print(f"torch {version}: {problem}")
    return 0


def write_record(old: str, new: str, before: dict, after: dict, changes: list[dict]) -> dict:
    """Write the record of the upgrade from torch ``old`` to ``new`` and the changes page made from it."""
    numbers = counts(before, after, changes)
    UPGRADES_DIR.mkdir(parents=True, exist_ok=True)
    record = {"from": old, "to": new, "counts": numbers, "differences": changes}
    (UPGRADES_DIR / f"to-{new}.json").write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
    subprocess.run([sys.executable, "-m", "tools.update_outputs", str(CHANGES_PAGE)], cwd=PROJECT_ROOT, check=True)
    return numbers


def upgrade(version: str) -> int:
    old = pinned()
    if version == old:
        print(f"torch=={old} is already pinned: nothing to do.")
        return 0
    before = snapshot()
    for path in pin_files():
        text = path.read_text(encoding="utf-8")
        if (new_text := repinned(text, old, version)) != text:
            path.write_text(new_text, encoding="utf-8")
    install(sys.executable, version)
    # A new interpreter imports the new torch (this one still holds the old one); the timings shown were
    # measured on the old torch, so they are measured again.
    subprocess.run([sys.executable, "-m", "tools.update_outputs", "--remeasure"], cwd=PROJECT_ROOT, check=True)
    after = snapshot()
    changes = differences(before, after)
    print(report(changes, write_record(old, version, before, after, changes), old, version))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    drift_command = commands.add_parser("drift", help="what another torch would change; changes nothing")
    drift_command.add_argument("version")
    drift_command.add_argument(
        "--record",
        action="store_true",
        help="VERSION was the previous pin: record the upgrade from it again, from the pages as they are now",
    )
    commands.add_parser("upgrade", help="move the pin to another torch and regenerate").add_argument("version")
    observe = commands.add_parser("observe", help="(for drift) write the snapshot the installed torch prints")
    observe.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    if args.command == "observe":
        problems: list[str] = []
        observed = {key: (dataclasses.asdict(entry), text) for key, (entry, text) in snapshot(True, problems).items()}
        args.out.write_text(json.dumps({"snapshot": observed, "problems": problems}), encoding="utf-8")
        return 0
    return drift(args.version, args.record) if args.command == "drift" else upgrade(args.version)


if __name__ == "__main__":
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    sys.exit(main())
