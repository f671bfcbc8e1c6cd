"""docs/architecture.md is true: every file it names exists, and its two recipes (a toy
export format, a toy importer) work as written, through the real command line, touching
only the files it counts.

Each recipe's module is the doc's own code block, run as the module it names; its registry
line is the doc's own line, evaluated in the registry's module and added to the registry,
as the line added to that file would be.
"""

from __future__ import annotations

import re
import sys
import types
from pathlib import Path
from typing import Any

import pytest

from recovery_journal.importers import registry
from recovery_journal.report import formats
from recovery_journal.tui.screens.export import format_choices, import_format_choices

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "architecture.md"
PACKAGE = ROOT / "src" / "recovery_journal"


def doc_text() -> str:
    return DOC.read_text(encoding="utf-8")


def code_blocks() -> list[str]:
    return re.findall(r"```python\n(.*?)```", doc_text(), flags=re.S)


def block(first_line: str) -> str:
    """The doc's Python block that starts with this comment line."""
    found = [code for code in code_blocks() if code.startswith(first_line + "\n")]
    assert len(found) == 1, f"docs/architecture.md has no one block starting {first_line!r}"
    return found[0]


def add_module(monkeypatch: pytest.MonkeyPatch, name: str) -> types.ModuleType:
    """The doc's module block, run as module `name` (as the new file would be imported)."""
    module = types.ModuleType(name)
    module.__file__ = f"<docs/architecture.md: {name}>"
    monkeypatch.setitem(sys.modules, name, module)
    exec(compile(block(f"# module: {name}"), module.__file__, "exec"), module.__dict__)
    return module


def add_registry_line(monkeypatch: pytest.MonkeyPatch, module: Any, name: str) -> Any:
    """The doc's registry line, evaluated in the registry's module, appended to it."""
    code = block(f"# registry line: {module.__name__} {name}").splitlines()[1:]
    assert len(code) == 1, "the recipe is one registry line"
    entry = eval(code[0].rstrip().rstrip(","), vars(module))  # the doc's own line
    monkeypatch.setattr(module, name, (*getattr(module, name), entry))
    return entry


def files_row(what: str) -> str:
    """The 'Which files to touch' row for `what`."""
    for line in doc_text().splitlines():
        if line.startswith(f"| {what} |"):
            return line
    raise AssertionError(f"no row for {what!r} in docs/architecture.md")


@pytest.mark.parametrize(
    ("what", "module", "registry_file"),
    [
        ("an export format", "report/NAME.py", "report/formats.py"),
        ("an importer", "importers/NAME.py", "importers/registry.py"),
    ],
)
def test_the_counted_files_are_the_recipes_files(
    what: str, module: str, registry_file: str
) -> None:
    row = files_row(what)
    assert "| 2: " in row
    assert f"`{module}` *(new)*" in row and f"`{registry_file}`" in row


def test_every_file_the_doc_names_exists() -> None:
    named = re.findall(r"`([\w./-]+\.(?:py|md|toml|tcss))`( \*\(new\)\*)?", doc_text())
    assert len(named) > 40  # the tables, not an empty match
    missing = []
    for path, new in named:
        if new or "NAME" in path:
            continue
        at_root = path.startswith(("tests/", "docs/")) or path == "pyproject.toml"
        if not (ROOT / path if at_root else PACKAGE / path).exists():
            missing.append(path)
    assert missing == []


def test_the_new_files_are_new() -> None:
    """A recipe's module is a file to create, not one that already exists."""
    new = re.findall(r"`([\w./-]+\.py)` \*\(new\)\*", doc_text())
    assert "report/toy_text.py" in new and "importers/toy.py" in new
    assert not [path for path in new if "NAME" not in path and (PACKAGE / path).exists()]


def test_a_toy_export_format_following_the_doc(
    monkeypatch: pytest.MonkeyPatch, cli: Any, tmp_path: Path
) -> None:
    add_module(monkeypatch, "recovery_journal.report.toy_text")
    entry = add_registry_line(monkeypatch, formats, "FORMATS")
    assert entry.name == "txt"
    assert cli("log", "--mood", "6", "--date", "2026-11-25").code == 0
    assert cli("log", "--mood", "8").code == 0

    shown = cli("export", "--format", "txt")
    assert shown.code == 0, shown.err
    assert shown.out == "2026-11-25 mood 6\n2026-11-27 mood 8\n"
    target = tmp_path / "report.txt"
    written = cli("export", "--format", "txt", "--since", "2026-11-26", "-o", str(target))
    assert written.code == 0, written.err
    assert target.read_text(encoding="utf-8") == "2026-11-27 mood 8\n"
    assert "txt" in cli("export", "--help").out
    assert ("Plain text (a line a day)", "txt") in format_choices()


def test_a_toy_importer_following_the_doc(
    monkeypatch: pytest.MonkeyPatch, cli: Any, tmp_path: Path
) -> None:
    add_module(monkeypatch, "recovery_journal.importers.toy")
    entry = add_registry_line(monkeypatch, registry, "IMPORTERS")
    assert entry.name == "toy"
    path = tmp_path / "toy.csv"
    path.write_text("date,mood\n2026-11-20,4\n2026-11-21,7\n", encoding="utf-8")
    assert registry.detect(path) is entry

    dry = cli("import", str(path), "--dry-run")
    assert dry.code == 0, dry.err
    assert "Read 2 rows (2 days) from toy.csv." in dry.out
    assert not cli.db.exists()  # a dry run creates no journal
    refused = cli("import", str(path), "--scale-map", "Sleep=sleep")
    assert refused.code == 2
    assert refused.err == "error: --scale-map goes with --format daylio only\n"
    done = cli("import", str(path), "--format", "toy")
    assert done.code == 0, done.err
    shown = cli("show", "--since", "2026-11-20", "--format", "csv")
    assert shown.code == 0, shown.err
    assert "2026-11-20,4" in shown.out and "2026-11-21,7" in shown.out
    assert ("Toy app (CSV export)", "toy") in import_format_choices()

    bad = tmp_path / "bad.csv"
    bad.write_text("date,mood\n2026-11-22,11\n", encoding="utf-8")
    failed = cli("import", str(bad))
    assert failed.code == 2 and failed.err.startswith("error: line 2: the mood")
    assert "2026-11-22" not in cli("show", "--since", "2026-11-20", "--format", "csv").out


def test_which_options_an_importer_takes_is_its_registry_lines_word(
    monkeypatch: pytest.MonkeyPatch, cli: Any, tmp_path: Path
) -> None:
    """No caller knows which format takes which map: an importer whose line says it takes
    `mood_map_file` is handed it, and one whose line does not has it refused."""
    import dataclasses

    add_module(monkeypatch, "recovery_journal.importers.toy")
    entry = add_registry_line(monkeypatch, registry, "IMPORTERS")
    taking = dataclasses.replace(entry, name="toy2", takes=frozenset({"mood_map_file"}))
    monkeypatch.setattr(registry, "IMPORTERS", (*registry.IMPORTERS, taking))
    path = tmp_path / "toy.csv"
    path.write_text("date,mood\n2026-11-20,4\n", encoding="utf-8")
    moods = tmp_path / "moods.txt"
    moods.write_text("good=7\n", encoding="utf-8")

    refused = cli("import", str(path), "--format", "toy", "--mood-map-file", str(moods))
    assert refused.err == "error: --mood-map-file goes with --format daylio or toy2 only\n"
    taken = cli("import", str(path), "--format", "toy2", "--mood-map-file", str(moods))
    assert taken.code == 0, taken.err
    assert "Read 1 row (1 day) from toy.csv." in taken.out
