"""The three-way merge of a saved form: only what the person changed is applied."""

from __future__ import annotations

import pytest

from recovery_journal.merge3 import merge_mapping, merge_set, merge_text, merge_value

MARK = "— your words from the app, 09:30 —"


@pytest.mark.parametrize(
    ("base", "mine", "theirs", "merged"),
    [
        ("a", "a", "a\n\nX", "a\n\nX"),  # I changed nothing: theirs
        ("a", "a b", "a", "a b"),  # they changed nothing: mine
        (None, "typed", "X", "X\n\ntyped"),  # both added to nothing: theirs first
        ("morning", "morning\nfelt ok", "morning\n\nX", "morning\n\nX\n\nfelt ok"),
        ("morning", "morning, a walk", "morning\n\nX", "morning, a walk\n\nX"),
        ("a b c", "a XX b c", "a b c YY", "a XX b c YY"),  # in different places
        ("a\r\nb", "a\nb more", "a\r\nb\r\n\r\nX", "a\nb more\n\nX"),  # line endings
    ],
)
def test_additions_on_both_sides_merge_without_asking(
    base: str | None, mine: str, theirs: str, merged: str
) -> None:
    result = merge_text(base, mine, theirs, MARK)
    assert (result.value, result.conflict) == (merged, False)


def test_a_true_conflict_keeps_both_texts_theirs_first_then_mine_marked() -> None:
    result = merge_text("first", "from the app", "from the CLI", MARK)
    assert result.conflict
    assert result.value == f"from the CLI\n\n{MARK}\nfrom the app"


def test_emptying_a_note_that_was_added_to_elsewhere_keeps_the_other_words() -> None:
    result = merge_text("first", "", "first\n\nX", MARK)
    assert (result.value, result.conflict) == ("first\n\nX", True)


def test_values_mine_when_i_changed_it_and_a_conflict_when_both_did() -> None:
    assert merge_value(6, 6, 3).value == 3
    assert merge_value(6, 8, 6).value == 8
    both = merge_value(6, 8, 3)
    assert (both.value, both.conflict) == (8, True)
    assert not merge_value(6, 8, 8).conflict


def test_sets_and_mappings_merge_three_ways() -> None:
    assert merge_set(["a", "b"], ["a", "c"], ["a", "b", "d"]) == ["a", "d", "c"]
    merged, conflicts = merge_mapping(
        {"walk": 10, "news": True}, {"walk": 20}, {"walk": 10, "news": True, "yoga": 5}
    )
    assert merged == {"walk": 20, "yoga": 5} and conflicts == []
    merged, conflicts = merge_mapping({"walk": 10}, {"walk": 20}, {"walk": 30})
    assert merged == {"walk": 20} and conflicts == ["walk"]
