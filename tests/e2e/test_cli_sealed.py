"""Sealed exports (issue 18, item 2): `export --seal`, and the .rjx file read by `review`,
`import` and `open-sealed`; a wrong passphrase or a changed byte is refused, nothing written."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from recovery_journal import sealed
from recovery_journal.errors import InvalidInput
from recovery_journal.service.review import load_review
from support import Cli

PASS = {"RECOVERY_JOURNAL_SEAL_PASSPHRASE": "correct horse battery"}
WRONG = {"RECOVERY_JOURNAL_SEAL_PASSPHRASE": "incorrect horse battery"}
MARKER = "zebra-marker-note"


@pytest.fixture
def patient(cli):
    """A journal with a note holding the marker word and a PHQ-9."""
    assert cli("log", "--mood", "6", "--note", f"a day with {MARKER}").code == 0
    assert cli("assess", "phq9", "--answers", "1,1,1,1,0,0,0,0,0").code == 0
    return cli


@pytest.fixture
def cli_factory(tmp_path):
    """Another person's journal (the therapist's), in its own folder."""
    return lambda name: Cli(tmp_path / name / "journal.db", tmp_path / f"{name}-home")


def _sealed(cli, tmp_path: Path, fmt: str = "json") -> Path:
    path = tmp_path / f"for-therapist-{fmt}.rjx"
    done = cli("export", "--format", fmt, "--seal", "-o", str(path), **PASS)
    assert done.code == 0, done.err
    assert "sealed" in done.err
    return path


def test_a_sealed_export_is_private_and_unreadable(patient, tmp_path) -> None:
    path = _sealed(patient, tmp_path)
    data = path.read_bytes()
    assert data.startswith(b"RJX1")
    assert MARKER.encode() not in data and b"recovery-journal" not in data
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_import_of_a_sealed_export_round_trips(patient, tmp_path, cli_factory) -> None:
    path = _sealed(patient, tmp_path)
    other = cli_factory("other")
    done = other("import", str(path), **PASS)  # recognised without --format
    assert done.code == 0, done.err
    assert "Added 1 day" in done.out
    shown = other("export", "--format", "json")
    assert MARKER in shown.out


def test_review_reads_a_sealed_export_in_memory(patient, tmp_path, monkeypatch, clock) -> None:
    path = _sealed(patient, tmp_path)
    plain = tmp_path / "plain.json"
    assert patient("export", "--format", "json", "-o", str(plain)).code == 0
    monkeypatch.setenv("RECOVERY_JOURNAL_SEAL_PASSPHRASE", PASS["RECOVERY_JOURNAL_SEAL_PASSPHRASE"])
    review = load_review(path, clock)
    try:
        assert [d.note for d in review.days()] == [f"a day with {MARKER}"]
        assert len(review.assessments()) == 1
        assert review.export_info is not None and review.export_info.name == path.name
    finally:
        review.close()
    names = {p.name for p in tmp_path.iterdir()}
    assert names <= {path.name, plain.name, "data", "home"}  # nothing was written beside it


def test_a_wrong_passphrase_is_refused_and_nothing_is_written(patient, tmp_path, cli_factory):
    path = _sealed(patient, tmp_path)
    other = cli_factory("other")
    for words in (("import", str(path)), ("review", str(path))):
        result = other(*words, **WRONG)
        assert result.code == 2
        assert result.err.startswith("error: cannot open") and "passphrase is wrong" in result.err
        assert "changed" in result.err and len(result.err.splitlines()) == 1
    assert not other.db.exists()
    out = tmp_path / "report.json"
    assert patient("open-sealed", str(path), "-o", str(out), **WRONG).code == 2
    assert not out.exists()


@pytest.mark.parametrize(
    "where", ["magic", "version", "content", "kdf", "salt", "nonce", "body", "tag"]
)
def test_a_flipped_byte_anywhere_is_refused(patient, tmp_path, where: str) -> None:
    path = _sealed(patient, tmp_path)
    data = bytearray(path.read_bytes())
    position = {
        "magic": 1,
        "version": 4,
        "content": 5,
        "kdf": 6,
        "salt": 12,
        "nonce": 30,
        "body": len(data) // 2,
        "tag": len(data) - 1,
    }[where]
    data[position] ^= 0x01
    path.write_bytes(bytes(data))
    out = tmp_path / "export.json"
    result = patient("open-sealed", str(path), "-o", str(out), **PASS)
    assert result.code == 2, result.err
    assert result.err.startswith("error: ") and len(result.err.splitlines()) == 1
    assert not out.exists()


def test_a_changed_byte_is_refused_by_import_too(patient, tmp_path, cli_factory) -> None:
    path = _sealed(patient, tmp_path)
    data = bytearray(path.read_bytes())
    data[100] ^= 0x80
    path.write_bytes(bytes(data))
    other = cli_factory("other")
    result = other("import", str(path), **PASS)
    assert result.code == 2 and "passphrase is wrong, or the file was changed" in result.err
    assert not other.db.exists()


def test_a_sealed_html_report_opens_with_open_sealed(patient, tmp_path) -> None:
    path = _sealed(patient, tmp_path, "html")
    plain = tmp_path / "plain.html"
    assert patient("export", "--format", "html", "-o", str(plain)).code == 0
    out = tmp_path / "report.html"
    done = patient("open-sealed", str(path), "-o", str(out), **PASS)
    assert done.code == 0, done.err
    assert out.read_bytes() == plain.read_bytes()
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    review = patient("review", str(path), **PASS)  # not for the app: says what to do
    assert review.code == 2 and "open-sealed" in review.err


def test_open_sealed_keeps_the_export_targets_rules(patient, tmp_path) -> None:
    path = _sealed(patient, tmp_path, "html")
    before = patient.db.read_bytes()
    for target in (patient.db, path, tmp_path / "again.rjx"):
        result = patient("open-sealed", str(path), "-o", str(target), **PASS)
        assert result.code == 2 and result.err.startswith("error: ")
    assert patient.db.read_bytes() == before


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("--format", "json", "--seal"), "give -o FILE.rjx"),
        (("--format", "md", "--seal", "-o", "{x.rjx}"), "--format json or --format html"),
        (("--format", "csv", "--seal", "-o", "{x.rjx}"), "--format json or --format html"),
        (("--format", "json", "--seal", "-o", "{x.json}"), "give -o x.rjx"),
        (("--format", "json", "-o", "{x.rjx}"), "add --seal"),
    ],
)
def test_seal_needs_a_file_and_a_format_that_opens(patient, tmp_path, args, words) -> None:
    given = [str(tmp_path / a[1:-1]) if a.startswith("{") else a for a in args]
    result = patient("export", *given, **PASS)
    assert result.code == 2 and words in result.err
    assert not (tmp_path / "x.rjx").exists() and not (tmp_path / "x.json").exists()


def test_the_header_records_the_key_settings_and_the_content() -> None:
    box = sealed.seal(json.dumps({"a": 1}).encode(), "a long passphrase", "json")
    header = sealed.read_header(box)
    assert (header.version, header.content, header.log2_n, header.r, header.p) == (
        1,
        "json",
        17,
        8,
        1,
    )
    assert sealed.unseal(box, "a long passphrase") == ("json", b'{"a": 1}')


def test_the_journals_own_passphrase_cannot_seal_an_export(patient, tmp_path) -> None:
    """The sealed file is shared with the therapist: sealing it with the encrypted
    journal's own passphrase would hand over the key to the journal, so it is refused."""
    journal_pass = {"RECOVERY_JOURNAL_PASSPHRASE": PASS["RECOVERY_JOURNAL_SEAL_PASSPHRASE"]}
    assert patient("encrypt", **journal_pass).code == 0
    target = tmp_path / "same.rjx"
    result = patient(
        "export", "--format", "json", "--seal", "-o", str(target), **PASS, **journal_pass
    )
    assert result.code == 2, (result.out, result.err)
    assert result.err.startswith("error: ") and result.err.count("\n") == 1
    assert "not the journal's" in result.err
    assert not target.exists()
    other = {"RECOVERY_JOURNAL_SEAL_PASSPHRASE": "a different one for the therapist"}
    done = patient(
        "export", "--format", "json", "--seal", "-o", str(target), **other, **journal_pass
    )
    assert done.code == 0, done.err


def test_a_sealed_file_without_its_passphrase_and_no_terminal_is_bad_input(
    tmp_path: Path,
) -> None:
    """No seal passphrase and nobody to ask: exit 2 (the input cannot be used), one line,
    nothing written — for sealing and for opening."""
    cli = Cli(tmp_path / "journal.db", tmp_path)
    assert cli("log", "--mood", "6").code == 0
    target = tmp_path / "out.rjx"
    sealing = cli("export", "--format", "json", "--seal", "-o", str(target))
    assert sealing.code == 2, sealing
    assert sealing.err.startswith("error: ") and sealing.err.count("\n") == 1
    assert "RECOVERY_JOURNAL_SEAL_PASSPHRASE" in sealing.err
    assert not target.exists()
    assert cli("export", "--format", "json", "--seal", "-o", str(target), **PASS).code == 0
    opening = cli("open-sealed", str(target), "-o", str(tmp_path / "plain.json"))
    assert opening.code == 2, opening
    assert not (tmp_path / "plain.json").exists()


def _typed(monkeypatch: pytest.MonkeyPatch, answers: list[str]) -> list[str]:
    """A terminal on stdin whose person types `answers`, one per question; the prompts
    asked are recorded."""
    import getpass
    import io
    import sys

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    asked: list[str] = []

    def fake_getpass(prompt: str = "") -> str:
        asked.append(prompt)
        return answers[len(asked) - 1]

    monkeypatch.delenv("RECOVERY_JOURNAL_SEAL_PASSPHRASE", raising=False)
    monkeypatch.setattr(sys, "stdin", Terminal())
    monkeypatch.setattr(getpass, "getpass", fake_getpass)
    return asked


def test_a_mistyped_passphrase_may_be_typed_again_at_a_terminal(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data = sealed.seal(b'{"version": 1}', "correct horse battery", "json")
    asked = _typed(monkeypatch, ["correct hrose battery", "correct horse battery"])
    assert sealed.open_export(data, "alex.rjx") == b'{"version": 1}'
    assert len(asked) == 2
    assert "does not open alex.rjx; try again (2 left)" in capsys.readouterr().err


def test_three_wrong_passphrases_at_a_terminal_are_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = sealed.seal(b'{"version": 1}', "correct horse battery", "json")
    asked = _typed(monkeypatch, ["one wrong", "two wrong", "three wrong", "never asked"])
    with pytest.raises(InvalidInput):
        sealed.open_export(data, "alex.rjx")
    assert len(asked) == 3


def test_a_wrong_passphrase_from_the_environment_is_tried_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = sealed.seal(b'{"version": 1}', "correct horse battery", "json")
    asked = _typed(monkeypatch, [])
    monkeypatch.setenv("RECOVERY_JOURNAL_SEAL_PASSPHRASE", "not the one")
    with pytest.raises(InvalidInput):
        sealed.open_export(data, "alex.rjx")
    assert asked == []
