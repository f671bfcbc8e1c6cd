"""The questionnaires the journal knows, each defined once (PRODUCT.md §6).

One `Instrument` per questionnaire, in a module of its own (`phq9.py`, `gad7.py`), registered
once in `REGISTERED`; `assessments.py` scores and speaks about them, and the CLI's `assess`,
the app's Check-ins and questionnaire screens, the charts, the reports and the import check
all read them from here. Adding a questionnaire is its module, one line in `REGISTERED`, and a
migration that lets the journal's `assessments.instrument` CHECK constraint accept its key
(tests/unit/test_assessments.py stores one of each registered instrument to prove it).
Standard library only.
"""

from __future__ import annotations

from recovery_journal.instruments import gad7, phq9
from recovery_journal.instruments.base import ATTRIBUTION, RESPONSE_OPTIONS, Instrument

__all__ = ["ATTRIBUTION", "BY_KEY", "REGISTERED", "RESPONSE_OPTIONS", "Instrument"]

# One line per questionnaire, in the order lists, charts and reports show them.
REGISTERED: tuple[Instrument, ...] = (
    phq9.PHQ9,
    gad7.GAD7,
)
BY_KEY: dict[str, Instrument] = {instrument.key: instrument for instrument in REGISTERED}
