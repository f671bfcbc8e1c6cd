"""Inline SVG charts for the HTML report, drawn by hand (no plotting library, no script).

Greyscale on purpose: they print the same on any printer, and line styles (solid, dashed,
dots) carry the meaning rather than colour. Every string that comes from the journal is
escaped; most labels here are numbers and dates anyway.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from html import escape

from recovery_journal import assessments as questionnaires
from recovery_journal.model import Day, Session

WIDTH = 720
LEFT, RIGHT, TOP, BOTTOM = 44, 16, 26, 34
INK, MID, LIGHT, FAINT = "#111", "#666", "#bbb", "#e6e6e6"
FONT = 'font-family="Helvetica, Arial, sans-serif" font-size="11"'


def _n(value: float) -> str:
    """Coordinates with one decimal, no trailing zeros (smaller, deterministic files)."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _open(height: int, title: str, desc: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'width="100%" role="img" aria-label="{escape(title)}" {FONT}>',
        f"<title>{escape(title)}</title><desc>{escape(desc)}</desc>",
        f'<rect x="0" y="0" width="{WIDTH}" height="{height}" fill="#fff"/>',
    ]


def _empty(height: int, title: str, message: str) -> str:
    parts = _open(height, title, message)
    parts.append(
        f'<text x="{WIDTH / 2}" y="{height / 2}" text-anchor="middle" fill="{MID}">'
        f"{escape(message)}</text></svg>"
    )
    return "".join(parts)


class _Dates:
    """Maps dates on the x axis and chooses readable ticks."""

    def __init__(self, since: date, until: date, left: float, right: float) -> None:
        self.since, self.until = since, until
        self.left, self.right = left, right
        self.span = max((until - since).days, 1)

    def x(self, day: date) -> float:
        return self.left + (day - self.since).days / self.span * (self.right - self.left)

    def ticks(self) -> list[tuple[date, str]]:
        days = self.span
        if days <= 45:
            step = 7 if days > 14 else 2 if days > 6 else 1
            result = []
            current = self.since
            while current <= self.until:
                result.append((current, f"{current.day} {current:%b}"))
                current += timedelta(days=step)
            return result
        result = []
        if days <= 800:
            step = 1 if days <= 240 else 3
            year, month = self.since.year, self.since.month
            while date(year, month, 1) <= self.until:
                first = date(year, month, 1)
                if first >= self.since and (month - 1) % step == 0:
                    wide = month == 1 or not result
                    result.append((first, f"{first:%b %Y}" if wide else f"{first:%b}"))
                year, month = (year + 1, 1) if month == 12 else (year, month + 1)
            return result
        step = 1 if days <= 3700 else 2
        for year in range(self.since.year, self.until.year + 1):
            first = date(year, 1, 1)
            if self.since <= first <= self.until and year % step == 0:
                result.append((first, str(year)))
        return result


def _x_axis(parts: list[str], dates: _Dates, bottom: float, top: float) -> None:
    parts.append(
        f'<line x1="{_n(dates.left)}" y1="{_n(bottom)}" x2="{_n(dates.right)}" '
        f'y2="{_n(bottom)}" stroke="{INK}"/>'
    )
    for day, label in dates.ticks():
        x = _n(dates.x(day))
        parts.append(
            f'<line x1="{x}" y1="{_n(bottom)}" x2="{x}" y2="{_n(bottom + 4)}" stroke="{INK}"/>'
            f'<text x="{x}" y="{_n(bottom + 16)}" text-anchor="middle">{escape(label)}</text>'
        )


def _y_axis(parts: list[str], values: Sequence[int], y: object, left: float, right: float) -> None:
    for value in values:
        pos = _n(y(value))  # type: ignore[operator]
        parts.append(
            f'<line x1="{_n(left)}" y1="{pos}" x2="{_n(right)}" y2="{pos}" stroke="{FAINT}"/>'
            f'<text x="{_n(left - 6)}" y="{pos}" dy="4" text-anchor="end">{value}</text>'
        )


def mood_chart(
    days: Sequence[Day],
    rolling: Sequence[tuple[date, float]],
    sessions: Sequence[Session],
    numbers: dict[str, int],
    since: date | None,
    until: date | None,
) -> str:
    """Daily mood (dots), the 7-day rolling mean (line) and sessions (dashed, #n)."""
    title = "Mood over time"
    height = 260
    moods = [(d.date, d.mood) for d in days if d.mood is not None]
    if since is None or until is None or not moods:
        return _empty(height, title, "No mood logged in this range.")
    bottom, top = height - BOTTOM, TOP + 8
    dates = _Dates(since, until, LEFT, WIDTH - RIGHT)

    def y(mood: float) -> float:
        return bottom - (mood - 1) / 9 * (bottom - top)

    parts = _open(
        height,
        title,
        "Daily mood from 1 (worst) to 10 (best) as dots, the 7-day rolling mean as a line, "
        "and treatment sessions as dashed vertical lines labelled with their number.",
    )
    _y_axis(parts, (1, 4, 7, 10), y, LEFT, WIDTH - RIGHT)
    in_range = [s for s in sessions if since <= s.date <= until]
    crowded = len(in_range) > 40
    style = (
        f'stroke="{LIGHT}" stroke-width="0.6"'
        if crowded
        else f'stroke="{MID}" stroke-width="1" stroke-dasharray="3 3"'
    )
    # Thinned by room, not by count: a marker at least 4 units after the last one drawn, a
    # label only where it clears the last label drawn by a gap (9-unit text, ~5.4 a character).
    last_line = last_label = float("-inf")
    last_half = 0.0
    for index, session in enumerate(in_range):
        at = dates.x(session.date)
        if at - last_line >= 4:
            x = _n(at)
            parts.append(f'<line x1="{x}" y1="{_n(top - 4)}" x2="{x}" y2="{_n(bottom)}" {style}/>')
            last_line = at
        label = f"#{numbers.get(session.id, index + 1)}"
        half = len(label) * 2.9 + 4
        if at - last_label >= last_half + half and at + half <= WIDTH:
            parts.append(
                f'<text x="{_n(at)}" y="{_n(top - 8)}" text-anchor="middle" font-size="9">'
                f"{label}</text>"
            )
            last_label, last_half = at, half
    dots = "".join(f"M{_n(dates.x(d))} {_n(y(m))}h0" for d, m in moods)
    dot = 4.5 if dates.span <= 120 else 3 if dates.span <= 400 else 1.6
    parts.append(
        f'<path d="{dots}" stroke="{MID}" stroke-width="{dot}" stroke-linecap="round" fill="none"/>'
    )
    segments: list[list[str]] = []
    previous: date | None = None
    for day, value in rolling:
        if day < since or day > until:
            continue
        if previous is None or (day - previous).days > 1:
            segments.append([])
        segments[-1].append(f"{_n(dates.x(day))},{_n(y(value))}")
        previous = day
    for points in segments:
        if len(points) > 1:
            parts.append(
                f'<polyline points="{" ".join(points)}" fill="none" stroke="{INK}" '
                f'stroke-width="{2 if dates.span <= 400 else 1}" stroke-linejoin="round"/>'
            )
    _x_axis(parts, dates, bottom, top)
    parts.append(
        f'<text x="{LEFT}" y="13" font-weight="bold">Mood (1–10)</text>'
        f'<text x="{WIDTH - RIGHT}" y="13" text-anchor="end" fill="{MID}">'
        "● daily   ━ 7-day mean   ┆ session #</text></svg>"
    )
    return "".join(parts)


_BAND_GREYS = ("#ffffff", "#f2f2f2", "#e4e4e4", "#d4d4d4", "#c4c4c4")


def questionnaire_chart(
    items: Sequence[questionnaires.Assessment] | Sequence[object],
    instrument: str,
    since: date | None,
    until: date | None,
) -> str:
    """PHQ-9 or GAD-7 totals over time on their severity bands (shaded, labelled)."""
    label = questionnaires.INSTRUMENT_LABELS[instrument]
    title = f"{label} totals with severity bands"
    height = 220
    scores = [a for a in items if a.instrument == instrument]  # type: ignore[attr-defined]
    if since is None or until is None or not scores:
        return _empty(height, title, f"No {label} in this range.")
    maximum = questionnaires.MAX_TOTAL[instrument]
    bottom, top = height - BOTTOM, TOP
    right = WIDTH - RIGHT - 110
    dates = _Dates(since, until, LEFT, right)

    def y(total: float) -> float:
        return bottom - total / maximum * (bottom - top)

    parts = _open(
        height,
        title,
        f"{label} total scores (0–{maximum}) by date; the shaded bands are the severity "
        "ranges, darker for more severe.",
    )
    for index, (low, high, word) in enumerate(questionnaires.bands(instrument)):
        y_high, y_low = y(high + 1 if high < maximum else maximum), y(low)
        parts.append(
            f'<rect x="{LEFT}" y="{_n(y_high)}" width="{_n(right - LEFT)}" '
            f'height="{_n(y_low - y_high)}" fill="{_BAND_GREYS[index % 5]}" stroke="{FAINT}"/>'
            f'<text x="{_n(right + 6)}" y="{_n((y_high + y_low) / 2)}" dy="4" font-size="10">'
            f"{low}–{high} {escape(word)}</text>"
        )
    for value in (0, 5, 10, 15, 20, 25):
        if value <= maximum:
            parts.append(
                f'<text x="{LEFT - 6}" y="{_n(y(value))}" dy="4" text-anchor="end">{value}</text>'
            )
    points = [(dates.x(a.date), y(a.total), a.total) for a in scores]  # type: ignore[attr-defined]
    if len(points) > 1:
        line = " ".join(f"{_n(px)},{_n(py)}" for px, py, _ in points)
        parts.append(f'<polyline points="{line}" fill="none" stroke="{INK}" stroke-width="1.5"/>')
    for px, py, total in points:
        parts.append(
            f'<circle cx="{_n(px)}" cy="{_n(py)}" r="3.5" fill="#fff" stroke="{INK}" '
            f'stroke-width="1.5"/>'
        )
        if len(points) <= 24:
            parts.append(
                f'<text x="{_n(px)}" y="{_n(py - 7)}" text-anchor="middle" font-size="9">'
                f"{total}</text>"
            )
    _x_axis(parts, dates, bottom, top)
    parts.append(f'<text x="{LEFT}" y="14" font-weight="bold">{label} total</text></svg>')
    return "".join(parts)


def habits_chart(
    weeks: Sequence[date],
    shares: dict[str, list[tuple[float | None, int]]],
    labels: dict[str, str],
) -> str:
    """One row per habit; per week a bar as tall as the share of logged days done."""
    title = "Habits per week"
    row_h, label_w = 30, 160
    keys = list(shares)
    height = TOP + BOTTOM + max(1, len(keys)) * row_h
    if not weeks or not keys:
        return _empty(max(height, 120), title, "No habits logged in this range.")
    parts = _open(
        height,
        title,
        "For each habit and each week, a bar as tall as the share of the days it was logged "
        "on which it was done; an empty slot means not logged that week.",
    )
    left, right = label_w, WIDTH - RIGHT
    slot = (right - left) / len(weeks)
    bar = max(slot * 0.8, 0.6)
    for row, key in enumerate(keys):
        base = TOP + (row + 1) * row_h - 6
        full = row_h - 10
        parts.append(
            f'<text x="{left - 8}" y="{_n(base - 4)}" text-anchor="end">'
            f"{escape(labels.get(key, key)[:26])}</text>"
            f'<line x1="{left}" y1="{_n(base)}" x2="{right}" y2="{_n(base)}" stroke="{LIGHT}"/>'
        )
        path = []
        for index, (share, n) in enumerate(shares[key]):
            if share is None or n == 0:
                continue
            h = max(share * full, 0.8)
            x = left + index * slot + (slot - bar) / 2
            path.append(f"M{_n(x)} {_n(base)}v{_n(-h)}h{_n(bar)}v{_n(h)}z")
        if path:
            parts.append(f'<path d="{"".join(path)}" fill="{MID}"/>')
    dates = _Dates(weeks[0], weeks[-1], left + slot / 2, right - slot / 2)
    _x_axis(parts, dates, height - BOTTOM + 2, TOP)
    parts.append(
        f'<text x="{LEFT}" y="14" font-weight="bold">Habits per week</text>'
        f'<text x="{right}" y="14" text-anchor="end" fill="{MID}">'
        "bar height = share of logged days done (full = every day)</text></svg>"
    )
    return "".join(parts)


def response_chart(curve: Sequence[dict[str, object]]) -> str:
    """Mean mood by day after a session (0 = session day … 14), with n under each bar."""
    title = "Mood by day after a session"
    height = 230
    if not curve:
        return _empty(height, title, "No mood logged after a session in this range.")
    bottom, top = height - BOTTOM - 12, TOP + 6
    left, right = LEFT, WIDTH - RIGHT
    slot = (right - left) / 15

    def y(mood: float) -> float:
        return bottom - mood / 10 * (bottom - top)

    parts = _open(
        height,
        title,
        "For each day after a session (0 = the session day), the mean mood of the logged "
        "days with that index; n is the number of days behind each mean.",
    )
    _y_axis(parts, (0, 2, 4, 6, 8, 10), y, left, right)
    by_day = {int(p["day"]): p for p in curve}  # type: ignore[call-overload]
    for index in range(15):
        x = left + index * slot
        centre = _n(x + slot / 2)
        point = by_day.get(index)
        if point is not None:
            mean = float(point["mean_mood"])  # type: ignore[arg-type]
            parts.append(
                f'<rect x="{_n(x + slot * 0.15)}" y="{_n(y(mean))}" width="{_n(slot * 0.7)}" '
                f'height="{_n(bottom - y(mean))}" fill="{"#444" if index < 3 else "#999"}"/>'
                f'<text x="{centre}" y="{_n(y(mean) - 4)}" text-anchor="middle" font-size="9">'
                f"{mean:.1f}</text>"
                f'<text x="{centre}" y="{_n(bottom + 26)}" text-anchor="middle" font-size="9" '
                f'fill="{MID}">n={point["n"]}</text>'
            )
        parts.append(
            f'<text x="{centre}" y="{_n(bottom + 14)}" text-anchor="middle">{index}</text>'
        )
    parts.append(
        f'<line x1="{left}" y1="{_n(bottom)}" x2="{right}" y2="{_n(bottom)}" stroke="{INK}"/>'
        f'<text x="{LEFT}" y="14" font-weight="bold">Mean mood by day after a session</text>'
        f'<text x="{right}" y="14" text-anchor="end" fill="{MID}">'
        "dark bars: integration window (days 0–2)</text></svg>"
    )
    return "".join(parts)
