"""The crisis line where the patient lives: `crisis`, `help crisis`, `settings`, the CLI's
safety message and the reports' safety box (issue 18, item 3)."""

from __future__ import annotations

import json
import stat

from recovery_journal.crisis_lines import LINES

ITEM9 = "0,0,0,0,0,0,0,0,1"  # item 9 above 0: the safety message is shown


def test_the_safety_message_names_the_uk_line_for_gb(cli) -> None:
    result = cli("assess", "phq9", "--answers", ITEM9, RECOVERY_JOURNAL_COUNTRY="GB")
    assert result.code == 0, result.err
    assert "116 123 (Samaritans)" in result.out and "999 or 112" in result.out
    assert "988" not in result.out


def test_the_safety_message_follows_the_locale(cli) -> None:
    result = cli("assess", "phq9", "--answers", ITEM9, LANG="en_AU.UTF-8")
    assert result.code == 0, result.err
    assert "13 11 14" in result.out and "0477 13 11 14" in result.out
    assert "988" not in result.out


def test_an_unknown_country_gets_the_us_line_and_elsewhere(cli) -> None:
    result = cli("assess", "phq9", "--answers", ITEM9, RECOVERY_JOURNAL_COUNTRY="ZZ")
    assert result.code == 0, result.err
    assert "988" in result.out and "Elsewhere, your local emergency number" in result.out


def test_settings_set_get_unset_country(cli) -> None:
    assert cli("log", "--mood", "6").code == 0
    done = cli("settings", "set", "country", "gb")
    assert done.code == 0, done.err
    stored = cli.db.with_name("journal.settings.json")
    assert json.loads(stored.read_text(encoding="utf-8"))["country"] == "GB"
    assert stat.S_IMODE(stored.stat().st_mode) == 0o600
    assert cli("settings", "get", "country").out.strip() == "GB"
    # The setting wins over the locale.
    crisis = cli("crisis", LANG="en_AU.UTF-8")
    assert crisis.code == 0
    assert crisis.out.splitlines()[0].startswith("In the UK, you can call 116 123 (Samaritans)")
    assert cli("settings", "unset", "country").code == 0
    assert cli("settings", "get", "country").out.startswith("not set")
    assert "country" not in json.loads(stored.read_text(encoding="utf-8"))


def test_an_unknown_code_is_refused_and_says_where_the_list_is(cli) -> None:
    result = cli("settings", "set", "country", "Narnia")
    assert result.code == 2
    assert result.err.startswith("error: ") and "'recovery-journal crisis'" in result.err
    assert len(result.err.splitlines()) == 1
    assert not cli.db.with_name("journal.settings.json").exists()


def test_help_crisis_prints_the_line_then_every_country(cli) -> None:
    for words in (("crisis",), ("help", "crisis")):
        result = cli(*words, RECOVERY_JOURNAL_COUNTRY="AU")
        assert result.code == 0, result.err
        first = result.out.splitlines()[0]
        assert "13 11 14" in first
        table = result.out.split("Crisis lines by country", 1)[1]
        for code, line in LINES.items():
            assert f"\n{code}  " in table and line.service in table
    unknown = cli("crisis")
    assert "not known here, so this is the US line" in unknown.out
    assert "settings set country" in unknown.out


def test_every_report_names_the_line_of_the_country_at_export_time(cli, tmp_path) -> None:
    assert cli("assess", "phq9", "--answers", ITEM9).code == 0
    html = tmp_path / "r.html"
    md = tmp_path / "r.md"
    data = tmp_path / "r.json"
    for fmt, path in (("html", html), ("md", md), ("json", data)):
        done = cli("export", "--format", fmt, "-o", str(path), RECOVERY_JOURNAL_COUNTRY="AU")
        assert done.code == 0, done.err
    for path in (html, md):
        text = path.read_text(encoding="utf-8")
        assert "Lifeline (Australia, call 13 11 14 or text 0477 13 11 14)" in text
        assert "988" not in text
    assert json.loads(data.read_text(encoding="utf-8"))["crisis_country"] == "AU"
    plain = tmp_path / "plain.md"
    assert cli("export", "--format", "md", "-o", str(plain)).code == 0
    text = plain.read_text(encoding="utf-8")
    assert "988" in text and "elsewhere, local emergency numbers" in text


def test_the_crisis_list_fits_80_columns_with_every_number_whole(cli) -> None:
    """A person in crisis reads this in an ordinary terminal: no line runs past 80 columns,
    and no phone number is split across two lines; each country's caveat is kept."""
    for country in ("ZZ", "ZA", "GB"):
        result = cli("crisis", RECOVERY_JOURNAL_COUNTRY=country)
        assert result.code == 0, result.err
        lines = result.out.splitlines()
        assert max(len(line) for line in lines) <= 80, max(lines, key=len)
        table = result.out.split("Crisis lines by country", 1)[1]
        for code, line in LINES.items():
            block = table.split(f"\n{code}  ", 1)[1].split("\n\n", 1)[0]
            for number in (*line.numbers, line.emergency):
                assert any(number in row for row in block.splitlines()), (code, number)
            if line.note:
                assert " ".join(line.note.split()) in " ".join(block.split())
    sources = cli("crisis", "--sources")
    for code, line in LINES.items():
        assert f"{code}  checked {line.checked}\n    {line.source}\n" in sources.out + "\n"


def test_settings_get_of_a_hand_edited_country_says_it_is_not_used(cli) -> None:
    """A settings file edited by hand: an unknown code is said to be unused (the US line is
    named), and a control character in it is shown, never sent to the terminal."""
    stored = cli.db.with_name("journal.settings.json")
    stored.parent.mkdir(parents=True, exist_ok=True)
    stored.write_text(json.dumps({"country": "\x1b[31mXX"}), encoding="utf-8")
    result = cli("settings", "get", "country")
    assert result.code == 0, result.err
    assert "\x1b" not in result.out and "not in the list" in result.out
    assert "US line" in result.out
    stored.write_text(json.dumps({"country": "gb"}), encoding="utf-8")
    assert cli("settings", "get", "country").out.strip() == "GB"
