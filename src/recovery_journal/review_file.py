"""What an export file says about itself, for `review`: its label, range, redaction and
export time, and the clock review runs on (the file's, never the therapist's today).

Standard library only; no terminal code. The file's days, sessions and questionnaires are
read by `importers.json_import`; this reads only the top-level keys around them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from recovery_journal.clock import Clock, FixedClock

LABEL_MAX = 80  # characters; a longer label is cut when shown
REDACTION_WORDS = {"none": "", "notes": "notes left out", "text": "numbers only"}
REDACTION_SENTENCES = {
    "none": "Complete: notes, intentions and insights are all in this file.",
    "notes": "Notes left out: no day notes, intentions or insights in this file.",
    "text": "Numbers only: no notes, tags, providers, blood pressure, free side-effect words "
    "or names of the patient's own habits in this file.",
}


@dataclass(frozen=True)
class ExportInfo:
    """The export file's own metadata (docs/export-format.md)."""

    name: str  # the file's name
    label: str | None  # `export --label`, when the patient gave one
    exported_at: datetime | None
    since: date | None
    until: date | None
    redaction: str

    @property
    def title(self) -> str:
        """How the file is named on screen: its label, else its file name."""
        return self.label or self.name

    @property
    def redaction_words(self) -> str:
        """`notes left out`, `numbers only`, or empty for a full file."""
        return REDACTION_WORDS.get(self.redaction, "")


def info_from_object(data: Any, name: str) -> ExportInfo:
    """The metadata of an export file's parsed JSON; odd values are read as absent."""
    data = data if isinstance(data, dict) else {}
    span = data.get("range") if isinstance(data.get("range"), dict) else {}
    label = data.get("label")
    label = label.strip()[:LABEL_MAX] if isinstance(label, str) and label.strip() else None
    redaction = data.get("redaction", "none")
    return ExportInfo(
        name=name,
        label=label,
        exported_at=_moment(data.get("exported_at")),
        since=_date(span.get("since")),
        until=_date(span.get("until")),
        redaction=redaction if redaction in REDACTION_WORDS else "none",
    )


def read_export_info(path: Path) -> ExportInfo:
    """The metadata of an export file that `json_import.read_export` has already accepted."""
    text = Path(path).read_bytes().decode("utf-8-sig")
    return info_from_object(json.loads(text), Path(path).name)


def review_clock(info: ExportInfo, data_range: tuple[date, date] | None) -> Clock | None:
    """The clock review runs on: the file's last date (its range's end, else its last day
    with data), at the export time when it was exported that day, else at 23:59. None when
    the file says nothing of its time (an empty file of an old version)."""
    end = info.until or (data_range[1] if data_range else None)
    exported = info.exported_at
    if end is None:
        return FixedClock(exported) if exported is not None else None
    if exported is not None and exported.date() == end:
        return FixedClock(exported)
    zone = exported.tzinfo if exported is not None else None
    moment = datetime.combine(end, time(23, 59))
    return FixedClock(moment.replace(tzinfo=zone) if zone is not None else moment)


def range_text(since: date | None, until: date | None) -> str:
    """`01 Aug – 27 Nov 2026`, `12 Dec 2025 – 27 Nov 2026`, or `no dates` for an empty file."""
    if since is None or until is None:
        return "no dates"
    if since == until:
        return f"{until:%d %b %Y}"
    start = f"{since:%d %b}" if since.year == until.year else f"{since:%d %b %Y}"
    return f"{start} – {until:%d %b %Y}"


def _moment(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def _date(value: Any) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None
