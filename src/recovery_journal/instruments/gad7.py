"""GAD-7 (anxiety), verbatim from the public form by Drs. Spitzer, Williams, Kroenke and
colleagues."""

from __future__ import annotations

from recovery_journal.instruments.base import Instrument

GAD7 = Instrument(
    key="gad7",
    label="GAD-7",
    title="GAD-7 Anxiety",
    about="anxiety",
    shortcut="g",
    recall="Over the last 2 weeks, how often have you been bothered by the following problems?",
    items=(
        "Feeling nervous, anxious or on edge",
        "Not being able to stop or control worrying",
        "Worrying too much about different things",
        "Trouble relaxing",
        "Being so restless that it is hard to sit still",
        "Becoming easily annoyed or irritable",
        "Feeling afraid as if something awful might happen",
    ),
    bands=((15, "severe"), (10, "moderate"), (5, "mild"), (0, "minimal")),
)
