"""Text helpers for the Daylio importer: localized dates, HTML in notes, map items, scales.

Standard library only at import time; the month names come from pendulum's locales, loaded
the first time a file in Daylio's oldest format (a `year` column and the date in words) is read.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from html.entities import html5

from recovery_journal.errors import InvalidInput

# ---------------------------------------------------------------- dates written in words

# Words that may stand between the day and the month (`16 de octubre`, `June the 22`).
_FILLERS = frozenset({"de", "del", "of", "the", "d"})
_DATE_TOKEN_RE = re.compile(r"\d+|[^\W\d_]+", re.UNICODE)
# `6月22日` (Chinese, Japanese) and `6월 22일` (Korean).
_CJK_DATE_RE = re.compile(r"(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]?")


def _fold_word(word: str) -> str:
    return unicodedata.normalize("NFC", word).casefold().strip(" .")


@cache
def month_names() -> dict[str, int]:
    """Every month name pendulum knows (wide and abbreviated, all its locales) → 1–12."""
    import importlib
    import pkgutil

    import pendulum.locales

    names: dict[str, int] = {}
    for module in sorted(pkgutil.iter_modules(pendulum.locales.__path__), key=lambda m: m.name):
        if not module.ispkg:
            continue
        locale = importlib.import_module(f"pendulum.locales.{module.name}.locale").locale
        months = locale["translations"]["months"]
        for width in ("wide", "abbreviated"):
            for number, name in months[width].items():
                folded = _fold_word(name)
                if folded and not folded.isdigit():
                    names.setdefault(folded, number)
    return names


def month_locales() -> list[str]:
    """The pendulum locales whose month names are read (for docs and messages)."""
    import pkgutil

    import pendulum.locales

    return sorted(m.name for m in pkgutil.iter_modules(pendulum.locales.__path__) if m.ispkg)


def month_and_day(text: str) -> tuple[int, int] | None:
    """`June 22`, `22 Jun`, `7 września`, `16 de octubre`, `22. Juni`, `6月22日` → (6, 22).

    None when the text holds no month name pendulum knows, no day, or more than that.
    """
    cjk = _CJK_DATE_RE.fullmatch(text.strip())
    if cjk:
        return int(cjk[1]), int(cjk[2])
    names = month_names()
    month: int | None = None
    day: int | None = None
    for token in _DATE_TOKEN_RE.findall(text):
        if token.isdigit():
            if day is not None or len(token) > 2:
                return None
            day = int(token)
            continue
        folded = _fold_word(token)
        number = names.get(folded)
        if number is not None and month is None:
            month = number
        elif folded not in _FILLERS:
            return None
    if month is None or day is None:
        return None
    return month, day


# ---------------------------------------------------------------- HTML in notes

_BREAK_RE = re.compile(r"<br\s*/?>", re.IGNORECASE)
# Block ends and list items start a new line; a list item is written as a Markdown bullet.
_BLOCK_END_RE = re.compile(r"</(?:p|div|h[1-6]|ul|ol)\s*>", re.IGNORECASE)
_LIST_ITEM_RE = re.compile(r"<li(?:\s[^<>]*)?>", re.IGNORECASE)
# Only these tags are removed; any other `<...>` (`<3`, `a < b`, `<not a tag>`) is kept.
_TAG_RE = re.compile(
    r"</?(?:b|strong|i|em|u|s|strike|del|ins|mark|small|big|sub|sup|span|font|p|div|ul|ol|li"
    r"|h[1-6]|a|blockquote|code|pre)(?:\s[^<>]*)?/?>",
    re.IGNORECASE,
)
# Only complete entities with their semicolon (`&amp;`, `&#233;`, `&#x1F33F;`): `AT&T` and
# `&notes` stay as written.
_ENTITY_RE = re.compile(r"&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{1,31}));")


def _entity(match: re.Match[str]) -> str:
    decimal, hexadecimal, name = match.groups()
    if name is not None:
        if name == "nbsp":
            return " "
        return html5.get(name + ";", match[0])
    code = int(decimal) if decimal is not None else int(hexadecimal, 16)
    if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        return match[0]
    return " " if code == 0xA0 else chr(code)


def html_to_text(text: str) -> str:
    """Daylio's rich-text notes as plain text: `<br>` → a new line, entities decoded
    (`&nbsp;` → a space), formatting tags removed; everything else exactly as written."""
    if "<" not in text and "&" not in text:
        return text
    text = _BREAK_RE.sub("\n", text)
    text = _BLOCK_END_RE.sub("\n", text)
    text = _LIST_ITEM_RE.sub("\n- ", text)
    text = _TAG_RE.sub("", text)
    text = _ENTITY_RE.sub(_entity, text)
    return text


def looks_like_html(text: str) -> bool:
    """True when html_to_text would change the text."""
    return html_to_text(text) != text


# ---------------------------------------------------------------- `L=N,...` map items


def split_items(text: str, option: str, example: str) -> list[tuple[str, str]]:
    """`a=1, "b, c"=2` → [("a", "1"), ("b, c", "2")]: items split on commas; a label in
    double quotes may hold commas, `=` and `""` (a quote); the value follows the last `=`."""
    items: list[tuple[str, str]] = []
    position, length = 0, len(text)
    while position < length:
        while position < length and text[position] in " \t":
            position += 1
        if position >= length:
            break
        if text[position] == '"':
            label, position = _quoted(text, position, option)
            rest_end = _next_comma(text, position)
            rest = text[position:rest_end].strip()
            if not rest.startswith("=") or not rest[1:].strip():
                raise InvalidInput(
                    f'{option} item "{label}"{rest} must look like {example} '
                    "(a label in double quotes, then =)"
                )
            items.append((label, rest[1:].strip()))
            position = rest_end + 1
            continue
        end = _next_comma(text, position)
        item = text[position:end]
        position = end + 1
        if not item.strip():
            continue  # a trailing comma
        items.append(split_item(item, option, example))
    return items


def split_item(item: str, option: str, example: str) -> tuple[str, str]:
    """One unquoted `label=value` (the value after the last `=`), or a quoted label."""
    stripped = item.strip()
    if stripped.startswith('"'):
        label, end = _quoted(stripped, 0, option)
        rest = stripped[end:].strip()
        if rest.startswith("=") and rest[1:].strip():
            return label, rest[1:].strip()
    else:
        label, sep, value = stripped.rpartition("=")
        if sep and label.strip() and value.strip():
            return label, value.strip()
    raise InvalidInput(
        f"{option} item {stripped!r} must look like {example}; put a label that holds a "
        "comma in double quotes, e.g. '\"ok, but tired\"=6'"
    )


def _quoted(text: str, start: int, option: str) -> tuple[str, int]:
    """The label in double quotes at `start` (`""` is a quote) and the position after it."""
    pieces: list[str] = []
    position = start + 1
    while True:
        close = text.find('"', position)
        if close < 0:
            raise InvalidInput(f"{option}: a label's closing double quote is missing")
        pieces.append(text[position:close])
        if text.startswith('"', close + 1):
            pieces.append('"')
            position = close + 2
            continue
        return "".join(pieces), close + 1


def _next_comma(text: str, start: int) -> int:
    comma = text.find(",", start)
    return len(text) if comma < 0 else comma


def quote_label(label: str) -> str:
    """A label as a map item writes it: in double quotes when it needs them."""
    if set(label) & set(",=\"'") or label != label.strip() or not label:
        return '"' + label.replace('"', '""') + '"'
    return label


# ---------------------------------------------------------------- scales

_POINTS_RE = re.compile(r"(-?\d+(?:[.,]\d+)?)\s*/\s*(\d+(?:[.,]\d+)?)(?:\s*[^\W\d_]+\.?)?")
_DURATION_RE = re.compile(r"(\d{1,3}):([0-5]\d)")
_NUMBER_RE = re.compile(r"(-?\d+(?:[.,]\d+)?)(?:\s*[^\W\d_]+\.?)?")


@dataclass(frozen=True)
class ScaleValue:
    """One scale reading: `8/10 points` (points 8 of 10), `8:00` (480 minutes), `5` (5)."""

    text: str
    number: float | None = None  # the points or the plain number
    of: float | None = None  # the scale's top (`/10`)
    minutes: int | None = None  # a duration `H:MM`

    @property
    def whole(self) -> int | None:
        """The whole number it holds (points or number), else None."""
        if self.number is not None and self.number.is_integer():
            return int(self.number)
        return None


def parse_scales(cell: str) -> tuple[list[tuple[str, str]], list[str]]:
    """`Sleep Quality: 8/10 points | Sleep Time: 8:00` → named values, and the parts that
    have no `name: value` form."""
    named: list[tuple[str, str]] = []
    unreadable: list[str] = []
    for part in cell.split("|"):
        part = part.strip()
        if not part:
            continue
        name, sep, value = part.partition(": ")
        if not sep:
            name, sep, value = part.partition(":")
        if not sep or not name.strip() or not value.strip():
            unreadable.append(part)
            continue
        named.append((" ".join(name.split()), value.strip()))
    return named, unreadable


def scale_value(text: str) -> ScaleValue | None:
    """The number a scale's value holds, or None when it holds none."""
    text = text.strip()
    match = _DURATION_RE.fullmatch(text)
    if match:
        return ScaleValue(text, minutes=int(match[1]) * 60 + int(match[2]))
    match = _POINTS_RE.fullmatch(text)
    if match:
        top = float(match[2].replace(",", "."))
        if top > 0:
            return ScaleValue(text, number=float(match[1].replace(",", ".")), of=top)
        return None
    match = _NUMBER_RE.fullmatch(text)
    if match:
        return ScaleValue(text, number=float(match[1].replace(",", ".")))
    return None
