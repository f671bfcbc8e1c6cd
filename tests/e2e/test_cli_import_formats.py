"""`import PATH` for every app's format, recognised from the file or named by --format."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent.parent / "fixtures"
FILES = {
    "imoodjournal": FIXTURES / "imoodjournal" / "entries.csv",
    "bearable": FIXTURES / "bearable" / "export.csv",
    "pixels": FIXTURES / "pixels" / "current.json",
    "jrnl": FIXTURES / "jrnl" / "journal.json",
    "loop": FIXTURES / "loop" / "new",
    "daylio": FIXTURES / "daylio" / "modern.csv",
}


def show(cli) -> dict[str, dict]:
    result = cli("show", "--format", "json")
    assert result.code == 0, result.err
    return {day["date"]: day for day in result.json()}


def assert_clean_error(result, *words: str) -> None:
    assert result.code == 2, result
    assert result.out == ""
    assert result.err.startswith("error: ") and result.err.count("\n") == 1, result.err
    assert "Traceback" not in result.err
    for word in words:
        assert word in result.err, result.err


@pytest.mark.parametrize("name", sorted(FILES))
def test_each_format_is_recognised_and_a_second_import_changes_nothing(cli, name) -> None:
    first = cli("import", str(FILES[name]))
    assert first.code == 0, first.err
    assert f"from {FILES[name].name}." in first.out and "Added " in first.out
    named = cli("import", str(FILES[name]), "--format", name)
    assert named.code == 0, named.err
    assert "Added nothing; replaced nothing; skipped nothing;" in named.out


def test_our_own_export_is_recognised(cli, tmp_path) -> None:
    exported = tmp_path / "export.dat"  # not named .json: recognised by its content
    demo = tmp_path / "demo.db"
    assert cli("--db", str(demo), "demo", "--days", "20", "--seed", "3", "--no-tui").code == 0
    assert cli("--db", str(demo), "export", "--format", "json", "-o", str(exported)).code == 0
    result = cli("import", str(exported))
    assert result.code == 0, result.err
    assert "Added " in result.out and "sessions" in result.out


def test_dry_run_creates_no_journal_and_import_brings_the_values(cli) -> None:
    dry = cli("import", str(FILES["bearable"]), "--dry-run")
    assert dry.code == 0 and dry.out.startswith("Read 10 readings (3 days)")
    assert "Dry run, nothing written: would have added 3 days" in dry.out
    assert not cli.db.exists()
    assert cli("import", str(FILES["bearable"])).code == 0
    day = show(cli)["2026-11-22"]
    assert (day["mood"], day["energy"], day["sleep_hours"]) == (8, 5, 7.5)
    assert day["tags"] == ["exercise", "social-media", "coffee"]


def test_on_conflict_replace_takes_the_files_values(cli) -> None:
    cli("log", "--date", "2026-11-20", "--mood", "2", "--anxiety", "7")
    skipped = cli("import", str(FILES["pixels"]))
    assert "skipped 1 day" in skipped.out and show(cli)["2026-11-20"]["mood"] == 2
    replaced = cli("import", str(FILES["pixels"]), "--on-conflict", "replace")
    assert "replaced 1 day" in replaced.out
    day = show(cli)["2026-11-20"]
    assert (day["mood"], day["anxiety"]) == (7, 7)


def test_loop_zip(cli, tmp_path) -> None:
    archive = tmp_path / "Loop Habits CSV 2026-11-27.zip"
    with zipfile.ZipFile(archive, "w") as out:
        for path in sorted(FILES["loop"].rglob("*.csv")):
            out.write(path, path.relative_to(FILES["loop"]).as_posix())
    result = cli("import", str(archive))
    assert result.code == 0, result.err
    assert "Loop habits (3): Meditate → meditate (done), Running → running (count)" in result.out
    assert show(cli)["2026-11-22"]["habits"] == {"meditate": True, "running": 6}
    habits = {h["key"]: h for h in cli("habits", "list", "--format", "json").json()}
    assert habits["reading_time"]["archived"] is True


def test_loop_export_zipped_again_from_its_unzipped_folder(cli, tmp_path) -> None:
    """Unzipping Loop's zip and zipping the folder again (as macOS's Compress does, with
    its `__MACOSX/` copies) puts every file one folder down; the parent folder of the
    unzipped export is the same."""
    parent = tmp_path / "Downloads"
    shutil.copytree(FILES["loop"], parent / "Loop Habits CSV 2026-11-27")
    archive = tmp_path / "Loop Habits CSV 2026-11-27.zip"
    with zipfile.ZipFile(archive, "w") as out:
        for path in sorted(parent.rglob("*.csv")):
            name = path.relative_to(parent).as_posix()
            out.write(path, name)
            out.writestr(f"__MACOSX/{name.rsplit('/', 1)[0]}/._{path.name}", b"\x00\x05\x16\x07")
    for given in (archive, parent):
        result = cli("import", str(given), "--dry-run")
        assert result.code == 0, result.err
        assert "Loop habits (3): Meditate → meditate (done)" in result.out
        assert "would have added 5 days, 3 habits" in result.out
    assert not cli.db.exists()


def test_a_bad_item_is_one_line_exit_2_and_changes_nothing(cli, tmp_path) -> None:
    cli("log", "--mood", "5")
    before = cli.db.read_bytes()
    bad = tmp_path / "moods.csv"
    bad.write_text(
        'Date,Hour,Minute,Level,Comment\n"November 1, 2026",9,0,5,ok\n'
        '"November 2, 2026",9,0,12,too high\n',
        encoding="utf-8",
    )
    assert_clean_error(cli("import", str(bad)), "line 3", "level '12'", "nothing was imported")
    folder = tmp_path / "loop"
    shutil.copytree(FILES["loop"], folder)
    (folder / "002 Running" / "Checkmarks.csv").write_text(
        "Date,Value,Notes\n2026-11-22,99999999,\n", encoding="utf-8"
    )
    assert_clean_error(cli("import", str(folder)), "002 Running/Checkmarks.csv line 2")
    assert cli.db.read_bytes() == before


def test_an_unknown_file_and_a_flag_for_another_format(cli, tmp_path) -> None:
    other = tmp_path / "shopping.csv"
    other.write_text("item,count\nmilk,2\n", encoding="utf-8")
    assert_clean_error(
        cli("import", str(other)),
        "cannot tell which app wrote shopping.csv",
        "loop, bearable, pixels, imoodjournal, jrnl",
    )
    assert_clean_error(
        cli("import", str(FILES["jrnl"]), "--mood-map", "5=10"),
        "--mood-map goes with --format daylio or pixels only",
    )
    mapped = cli("import", str(FILES["pixels"]), "--mood-map", "4=8", "--dry-run")
    assert mapped.code == 0 and "4→8" in mapped.out
    assert not cli.db.exists()


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_a_progress_bar_over_1000_rows_only_on_a_terminal(cli, tmp_path) -> None:
    import pty

    rows = "".join(f'"November {1 + i % 26}, 2026",{i % 24},{i % 60},5,x\n' for i in range(1200))
    big = tmp_path / "big.csv"
    big.write_text("Date,Hour,Minute,Level,Comment\n" + rows, encoding="utf-8")
    piped = cli("import", str(big), "--dry-run")
    assert piped.code == 0 and "\x1b" not in piped.err and piped.err == ""
    main, child = pty.openpty()
    done = subprocess.run(
        [sys.executable, "-m", "recovery_journal", "import", str(big), "--dry-run"],
        stdout=subprocess.PIPE,
        stderr=child,
        env={**cli.env, "COLUMNS": "80"},
        timeout=60,
    )
    os.close(child)
    seen = b""
    try:
        while chunk := os.read(main, 65536):
            seen += chunk
    except OSError:
        pass
    os.close(main)
    assert done.returncode == 0
    assert b"Reading big.csv" in seen


@pytest.mark.parametrize(
    "fixture",
    sorted(p.name for p in (Path(__file__).parents[1] / "fixtures" / "daylio").glob("*.csv")),
)
def test_every_daylio_variant_is_recognised_without_format(fixture) -> None:
    from recovery_journal.importers import registry

    path = Path(__file__).parents[1] / "fixtures" / "daylio" / fixture
    assert registry.detect(path).name == "daylio"


@pytest.mark.parametrize("fmt", [None, "pixels", "loop", "jrnl"])
def test_a_fifo_is_refused_at_once_whatever_the_format(cli, tmp_path, fmt) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    args = ["import", str(fifo)] + (["--format", fmt] if fmt else [])
    result = cli(*args)  # a read on the FIFO would hang past the runner's timeout
    assert result.code == 2
    assert result.err.startswith("error: ") and "FIFO" in result.err


def test_an_empty_file_is_called_empty(cli, tmp_path) -> None:
    empty = tmp_path / "export.csv"
    empty.write_bytes(b"")
    result = cli("import", str(empty))
    assert result.code == 2
    assert result.err == "error: export.csv is empty; there is nothing in it to import\n"
    assert not cli.db.exists()
