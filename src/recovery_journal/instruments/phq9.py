"""PHQ-9 (depression), verbatim from the public form by Drs. Spitzer, Williams, Kroenke and
colleagues."""

from __future__ import annotations

from recovery_journal.instruments.base import Instrument

PHQ9 = Instrument(
    key="phq9",
    label="PHQ-9",
    title="Patient Health Questionnaire-9 (PHQ-9)",
    about="mood",
    shortcut="p",
    recall="Over the last 2 weeks, how often have you been bothered by any of the "
    "following problems?",
    items=(
        "Little interest or pleasure in doing things",
        "Feeling down, depressed, or hopeless",
        "Trouble falling or staying asleep, or sleeping too much",
        "Feeling tired or having little energy",
        "Poor appetite or overeating",
        "Feeling bad about yourself — or that you are a failure or have let yourself or your "
        "family down",
        "Trouble concentrating on things, such as reading the newspaper or watching television",
        "Moving or speaking so slowly that other people could have noticed? Or the opposite — "
        "being so fidgety or restless that you have been moving around a lot more than usual",
        "Thoughts that you would be better off dead or of hurting yourself in some way",
    ),
    bands=(
        (20, "severe"),
        (15, "moderately severe"),
        (10, "moderate"),
        (5, "mild"),
        (0, "minimal"),
    ),
    safety_item=9,
    remission_below=5,
)
