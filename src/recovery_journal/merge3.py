"""Three-way merge of one saved form: never lose a word (PRODUCT.md §12).

A form (the app's Today, a session) is saved against the value it loaded (`base`), what the
person has now (`mine`) and what the journal holds at the moment of saving (`theirs`, read in
the same write transaction). Only what the person changed is applied:

- text: unchanged by me → theirs; unchanged by them → mine. When both only *added* text, both
  additions are kept without asking, each where it was made; two additions at the same place
  are joined by a blank line, in the order they were saved (theirs first, then mine), unless
  mine carries on the line it was typed on and theirs starts a new paragraph (then mine
  first, so a sentence is not cut in two). Anything else is a true
  conflict: both texts are kept in full, theirs first, then a marker line, then mine.
- other values (numbers, yes/no, a kind): mine when I changed it, else theirs; both changed
  to different values → mine, reported as a conflict so the person is told.
- sets (tags, side effects): my additions and removals applied to theirs.

Pure functions over plain values; nothing here knows about the app or the database.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, fields, replace
from difflib import SequenceMatcher
from typing import Any, TypeVar

T = TypeVar("T")
K = TypeVar("K", bound=Hashable)

_MISSING: Any = object()


@dataclass(frozen=True)
class Merged:
    """A merged value and whether it needed both sides' words kept (a true conflict)."""

    value: Any
    conflict: bool = False


def merge_text(base: str | None, mine: str | None, theirs: str | None, marker: str) -> Merged:
    """Merge one free-text field. `marker` is the line put before my words in a conflict.

    Empty and None are the same text; the result is None when empty.
    """
    b, m, t = base or "", mine or "", theirs or ""
    if m == b:
        return Merged(theirs)
    if t in (b, m):
        return Merged(mine)
    # Line endings are not words: the app's text area may show \r\n as \n.
    nb, nm, nt = (_newlines(text) for text in (b, m, t))
    if nm == nb:
        return Merged(theirs)
    if nt in (nb, nm):
        return Merged(mine)
    mine_added, theirs_added = _additions(nb, nm), _additions(nb, nt)
    if mine_added is not None and theirs_added is not None:
        return Merged(_apply_additions(nb, theirs_added, mine_added))
    if not nm.strip():  # I emptied it while they wrote: their words stay
        return Merged(theirs, conflict=True)
    if not nt.strip():  # they emptied it while I wrote: my words stay
        return Merged(mine, conflict=True)
    return Merged(f"{nt.rstrip()}\n\n{marker}\n{nm.lstrip()}", conflict=True)


def merge_value(base: T, mine: T, theirs: T) -> Merged:
    """Merge one non-text value: mine when I changed it (a conflict if they did too)."""
    if mine == base:
        return Merged(theirs)
    return Merged(mine, conflict=theirs != base and theirs != mine)


def merge_set(base: Sequence[K], mine: Sequence[K], theirs: Sequence[K]) -> list[K]:
    """Theirs, in its order, with my removals taken out and my additions put at the end."""
    removed = set(base) - set(mine)
    kept = [item for item in theirs if item not in removed]
    return list(dict.fromkeys([*kept, *(item for item in mine if item not in base)]))


def merge_mapping(
    base: Mapping[K, Any], mine: Mapping[K, Any], theirs: Mapping[K, Any]
) -> tuple[dict[K, Any], list[K]]:
    """Per key (absent = not logged): the merged mapping and the keys in conflict."""
    merged: dict[K, Any] = {}
    conflicts: list[K] = []
    for key in dict.fromkeys([*theirs, *mine, *base]):
        result = merge_value(
            base.get(key, _MISSING), mine.get(key, _MISSING), theirs.get(key, _MISSING)
        )
        if result.value is not _MISSING:
            merged[key] = result.value
        if result.conflict:
            conflicts.append(key)
    return merged, conflicts


def merge_record(
    base: T,
    mine: T,
    theirs: T,
    marker: str,
    text_fields: Sequence[str] = (),
    set_fields: Sequence[str] = (),
    mapping_fields: Sequence[str] = (),
    fixed: Sequence[str] = (),
) -> tuple[T, list[str]]:
    """Merge two dataclass records field by field; returns the record and the names of the
    fields (or `field.key` for mapping entries) where both sides changed."""
    merged: dict[str, Any] = {}
    conflicts: list[str] = []
    for item in fields(base):  # type: ignore[arg-type]
        name = item.name
        if name in fixed:
            continue
        b, m, t = getattr(base, name), getattr(mine, name), getattr(theirs, name)
        if name in text_fields:
            result = merge_text(b, m, t, marker)
            merged[name] = result.value or None
            if result.conflict:
                conflicts.append(name)
        elif name in set_fields:
            merged[name] = merge_set(b, m, t)
        elif name in mapping_fields:
            merged[name], keys = merge_mapping(b, m, t)
            conflicts += [f"{name}.{key}" for key in keys]
        else:
            result = merge_value(b, m, t)
            merged[name] = result.value
            if result.conflict:
                conflicts.append(name)
    return replace(theirs, **merged), conflicts  # type: ignore[type-var]


# ---------------------------------------------------------------- additions

Insertions = list[tuple[int, str]]  # (position in the base, text inserted there), in order


def _newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _additions(base: str, changed: str) -> Insertions | None:
    """How `changed` is `base` with text inserted, or None when something was removed."""
    limit = min(len(base), len(changed))
    start = 0
    while start < limit and base[start] == changed[start]:
        start += 1
    end = 0
    while end < limit - start and base[-1 - end] == changed[-1 - end]:
        end += 1
    if start + end == len(base):  # one insertion (the usual case: typed in one place)
        return [(start, changed[start : len(changed) - end])]
    # Several places: align what lies between the common start and end.
    base_mid, changed_mid = base[start : len(base) - end], changed[start : len(changed) - end]
    insertions: Insertions = []
    matcher = SequenceMatcher(None, base_mid, changed_mid, autojunk=False)
    for tag, i1, _i2, j1, j2 in matcher.get_opcodes():
        if tag == "insert":
            insertions.append((start + i1, changed_mid[j1:j2]))
        elif tag != "equal":
            return None
    return insertions


def _apply_additions(base: str, theirs: Insertions, mine: Insertions) -> str:
    """The base with both sides' insertions. At the same place they are joined by a blank
    line, theirs first, except when mine carries on the line it was typed on while theirs
    starts a new one (words typed at the end of a sentence stay on that sentence)."""
    pieces: dict[int, str] = dict(theirs)
    for position, text in mine:
        there = pieces.get(position, "")
        if there.strip() and text.strip():
            mine_first = there[0] in "\r\n" and text[0] not in "\r\n"
            first, second = (text, there) if mine_first else (there, text)
            pieces[position] = first.rstrip() + "\n\n" + second.lstrip()
        else:
            pieces[position] = there + text
    out: list[str] = []
    last = 0
    for position in sorted(pieces):
        out += [base[last:position], pieces[position]]
        last = position
    out.append(base[last:])
    return "".join(out)
