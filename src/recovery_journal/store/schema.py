"""The journal's schema, defined once (standard library only).

Both paths share it: the quick `log` path reads `SCHEMA_VERSION` to know whether the file is
current, and the sqlite-utils migrations (`store/migrations.py`) execute these statements to
create or upgrade a file. The version lives in `PRAGMA user_version`.
"""

from __future__ import annotations

SCHEMA_VERSION = 2

# Version 1: the first schema. Each entry is one statement; migrations run them in order.
V1_STATEMENTS = (
    """
    CREATE TABLE habits (
        key TEXT PRIMARY KEY,
        label TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('minutes', 'count', 'done', 'avoided')),
        target REAL,
        archived INTEGER NOT NULL DEFAULT 0,
        built_in INTEGER NOT NULL DEFAULT 0,
        position INTEGER NOT NULL DEFAULT 0
    )
    """,
    """
    CREATE TABLE days (
        date TEXT PRIMARY KEY,
        mood INTEGER CHECK (mood BETWEEN 1 AND 10),
        anxiety INTEGER CHECK (anxiety BETWEEN 0 AND 10),
        energy INTEGER CHECK (energy BETWEEN 1 AND 10),
        sleep_hours REAL CHECK (sleep_hours BETWEEN 0 AND 24),
        note TEXT,
        updated_at TEXT NOT NULL
    )
    """,
    """
    CREATE TABLE habit_values (
        date TEXT NOT NULL REFERENCES days(date) ON DELETE CASCADE,
        habit TEXT NOT NULL REFERENCES habits(key) ON UPDATE CASCADE,
        value REAL NOT NULL,
        PRIMARY KEY (date, habit)
    ) WITHOUT ROWID
    """,
    """
    CREATE TABLE day_tags (
        date TEXT NOT NULL REFERENCES days(date) ON DELETE CASCADE,
        tag TEXT NOT NULL,
        position INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (date, tag)
    ) WITHOUT ROWID
    """,
    "CREATE INDEX day_tags_by_tag ON day_tags(tag)",
    """
    CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        at TEXT NOT NULL,
        date TEXT NOT NULL,
        kind TEXT NOT NULL,
        dose_mg REAL,
        provider TEXT,
        mood_before INTEGER,
        mood_after INTEGER,
        dissociation INTEGER,
        bp_before TEXT,
        bp_after TEXT,
        side_effects TEXT NOT NULL DEFAULT '[]',
        aftercare TEXT NOT NULL DEFAULT '{}',
        intention TEXT,
        insights TEXT,
        updated_at TEXT NOT NULL
    )
    """,
    "CREATE INDEX sessions_by_date ON sessions(date, at)",
    """
    CREATE TABLE assessments (
        id TEXT PRIMARY KEY,
        instrument TEXT NOT NULL CHECK (instrument IN ('phq9', 'gad7')),
        date TEXT NOT NULL,
        answers TEXT NOT NULL,
        total INTEGER NOT NULL,
        severity TEXT NOT NULL,
        created_at TEXT NOT NULL
    )
    """,
    "CREATE INDEX assessments_by_date ON assessments(instrument, date)",
    """
    CREATE TABLE drafts (
        name TEXT PRIMARY KEY,
        text TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )
    """,
)

# Version 2: appointments (therapy, prescriber, TMS) and the treatment plans that `plan` will
# use (reserved, unused for now).
V2_STATEMENTS = (
    """
    CREATE TABLE appointments (
        id TEXT PRIMARY KEY,
        at TEXT NOT NULL,
        date TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('therapy', 'prescriber', 'tms', 'other')),
        provider TEXT,
        note TEXT,
        updated_at TEXT NOT NULL
    )
    """,
    "CREATE INDEX appointments_by_date ON appointments(date, at)",
    """
    CREATE TABLE plans (
        id TEXT PRIMARY KEY,
        start TEXT NOT NULL,
        template TEXT,
        every_days INTEGER,
        count INTEGER,
        kind TEXT,
        dates TEXT NOT NULL DEFAULT '[]',
        created_at TEXT NOT NULL
    )
    """,
)

# Every table the app owns; a file holding other tables and no version is not a journal.
TABLES = (
    "habits",
    "days",
    "habit_values",
    "day_tags",
    "sessions",
    "assessments",
    "drafts",
    "appointments",
    "plans",
)
