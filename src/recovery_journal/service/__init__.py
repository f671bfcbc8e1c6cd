"""One place per action, for every interface (issue 15): the CLI's `commands/*` and the
app's `tui/screens/*` call these, and nothing below them, to chart, analyse, export and
import. Each function loads what the pure code needs (the history days included), so two
interfaces asked the same thing give the same answer.

Standard library only at import time: the domain modules are imported when an action runs.

- `ranges`: the one range resolver (`parse_range`, `resolve`, `last_days`).
- `charts`: the chart registry, `chart_job` / `chart_text`.
- `analysis`: `insights_for`.
- `transfer`: `export`, `export_to` and `import_file`.
- `review`: `load_review`, `review_clock_of`, `open_caseload` (the therapist's `review`).
"""
