"""Export: a report or data file for the therapist; and bringing data in, with a preview.

It calls the same functions as the CLI: `service.transfer.export_to` and `import_file`.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Input, Label, Select, Static, Switch

from recovery_journal.errors import RecoveryJournalError
from recovery_journal.tui.screens.base import JournalScreen
from recovery_journal.tui.widgets.text import literal

RANGE_CHOICES = [
    ("Everything", "all"),
    ("Last 30 days", "30"),
    ("Last 90 days", "90"),
    ("Last year", "365"),
]
REDACT_CHOICES = [
    ("Everything, notes included", "none"),
    ("All but notes, intentions and insights", "notes"),
    ("Numbers only (no words of yours)", "text"),
]
# The therapist's review: a report of the file, in words about the patient.
REVIEW_INTRO = (
    "[b]A report of this file[/b] — written where you choose. The patient's file and your "
    "own journal are not changed."
)
REVIEW_REDACT_CHOICES = [
    ("Everything the file holds", "none"),
    ("All but notes, intentions and insights", "notes"),
    ("Numbers only (no words of the patient's)", "text"),
]
SEALABLE = ("json", "html")  # the formats a sealed file may hold (`sealed.CONTENT_TYPES`)
SEALED_DONE = (
    "✓ Written to {where}, sealed: it opens only with the passphrase.\n"
    "Send the passphrase another way than the file (say it, or by text message)."
)


class ExportScreen(JournalScreen):
    """Choose range, format and redaction; write the file; say where it went."""

    CSS_PATH = "export.tcss"

    BINDINGS = [Binding("ctrl+e", "export", "Export", priority=True)]

    def compose_body(self) -> ComposeResult:
        """The export form (range, format, what to include, where), then
        the import form below it."""
        with VerticalScroll(id="export-form", can_focus=False):
            yield Static(
                REVIEW_INTRO
                if self.reviewing
                else "[b]A report for your therapist[/b] — it stays on this computer until you "
                "share it yourself.",
                classes="intro",
            )
            with Horizontal(classes="row tall"):
                yield Label("Range", classes="field-label")
                yield Select(RANGE_CHOICES, value="all", allow_blank=False, id="range")
            with Horizontal(classes="row tall"):
                yield Label("Format", classes="field-label")
                yield Select(format_choices(), value="html", allow_blank=False, id="format")
            with Horizontal(classes="row tall"):
                yield Label("Include", classes="field-label")
                yield Select(
                    REVIEW_REDACT_CHOICES if self.reviewing else REDACT_CHOICES,
                    value="none",
                    allow_blank=False,
                    id="redact",
                )
            with Horizontal(classes="row tall", id="seal-row"):
                yield Label("Seal", classes="field-label")
                yield Switch(False, id="seal")
                yield Label("with a passphrase (json and html only)", id="seal-hint")
            with Horizontal(classes="row seal-pass"):
                yield Label("Passphrase", classes="field-label")
                yield Input("", id="seal-pass", password=True, classes="wide")
            with Horizontal(classes="row seal-pass"):
                yield Label("Again", classes="field-label")
                yield Input("", id="seal-again", password=True, classes="wide")
            with Horizontal(classes="row"):
                yield Label("Save to", classes="field-label")
                yield Input("", id="output", classes="wide")
            with Horizontal(classes="row tall"):
                yield Button("Export (ctrl+e)", id="do-export", variant="primary")
            yield Static("", id="export-result", classes="result", markup=False)
            yield Static(
                "[b]Bring data in[/b] — an exported JSON file, or your history from Daylio, "
                "Loop, Bearable, Pixels, iMoodJournal or jrnl.",
                classes="section-label",
                id="import-title",
            )
            with Horizontal(classes="row"):
                yield Label("File", classes="field-label")
                yield Input(
                    "",
                    id="import-path",
                    placeholder="path to the file (or Loop's folder)",
                    classes="wide",
                )
            with Horizontal(classes="row tall"):
                yield Label("From", classes="field-label")
                yield Select(
                    import_format_choices(), value="auto", allow_blank=False, id="import-format"
                )
            with Horizontal(classes="row"):
                yield Label("Mood map", classes="field-label")
                yield Input(
                    "",
                    id="mood-map",
                    placeholder="Daylio, e.g. great=8,so-so=4; Pixels, e.g. 5=10",
                    classes="wide",
                )
            with Horizontal(classes="row"):
                yield Label("Activity map", classes="field-label")
                yield Input(
                    "",
                    id="activity-map",
                    placeholder="Daylio only, e.g. sport=exercise:30,no news=news_avoided",
                    classes="wide",
                )
            with Horizontal(classes="row tall"):
                yield Button("Preview", id="preview")
                yield Button("Import", id="do-import", variant="warning")
            yield ImportSummary("", id="import-result", classes="result", markup=False)

    def on_mount(self) -> None:
        """Suggest a file name; read-only, the import is locked, and in a
        review it is not shown at all."""
        self.suggestion = str(self.suggested_path())
        self.query_one("#output", Input).value = self.suggestion
        self.show_seal()
        if self.read_only:
            for widget_id in (
                "#import-path",
                "#import-format",
                "#mood-map",
                "#activity-map",
                "#preview",
                "#do-import",
            ):
                self.query_one(widget_id).disabled = True
        if self.reviewing:  # nothing comes into a review: the import part is not shown
            self.query_one("#import-title").display = False
            self.query_one("#import-result").display = False
            for widget_id in ("#import-path", "#import-format", "#mood-map", "#activity-map"):
                self.query_one(widget_id).parent.display = False  # type: ignore[union-attr]
            self.query_one("#preview").parent.display = False  # type: ignore[union-attr]

    # ------------------------------------------------------------ export

    def choices(self) -> tuple[str, str, date | None, date | None]:
        """The format, the redaction and the range chosen ("Everything": no ends given)."""
        from recovery_journal.service.ranges import last_days

        fmt = str(self.query_one("#format", Select).value)
        redact = str(self.query_one("#redact", Select).value)
        span = str(self.query_one("#range", Select).value)
        since, until = (None, None) if span == "all" else last_days(self.clock.today(), int(span))
        return fmt, redact, since, until

    def suggested_path(self) -> Path:
        """A file in the home folder, named by the format, range and
        redaction chosen."""
        from recovery_journal.report import default_filename
        from recovery_journal.sealed import SUFFIX
        from recovery_journal.service.ranges import resolve

        fmt, redact, since, until = self.choices()
        first, last = resolve(self.journal, since, until)
        path = Path.home() / default_filename(fmt, first, last, redact)
        return path.with_suffix(SUFFIX) if self.sealing() else path

    def sealing(self) -> bool:
        """True when "Seal with a passphrase" is on."""
        return self.query_one("#seal", Switch).value

    def show_seal(self) -> None:
        """The seal is usable for json and html only; the passphrase fields show when it
        is on. (Switched on, then csv chosen: it stays on, and export says why not.)"""
        fmt = str(self.query_one("#format", Select).value)
        self.query_one("#seal", Switch).disabled = fmt not in SEALABLE and not self.sealing()
        for row in self.query(".seal-pass"):
            row.display = self.sealing()

    def follow_choices(self) -> None:
        """A new suggested name, unless a path was typed by hand."""
        output = self.query_one("#output", Input)
        if output.value == self.suggestion:  # a path typed by hand stays as it is
            self.suggestion = str(self.suggested_path())
            output.value = self.suggestion

    def on_select_changed(self, event: Select.Changed) -> None:
        """Follow the choices with a new suggested name."""
        if event.select.id in ("format", "redact", "range"):
            self.follow_choices()
            self.show_seal()

    def on_switch_changed(self, event: Switch.Changed) -> None:
        """Sealing on or off: the passphrase fields, and the name's ending (.rjx)."""
        if event.switch.id == "seal":
            self.show_seal()
            self.follow_choices()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Export, Preview (a dry run of the import) or Import."""
        event.stop()
        actions = {
            "do-export": self.action_export,
            "preview": lambda: self.run_import(True),
            "do-import": lambda: self.run_import(False),
        }
        action = actions.get(event.button.id or "")
        if action:
            action()

    def action_export(self) -> None:
        """ctrl+e: write the report to a new file (an existing one is refused), sealed
        when asked, and say where it went."""
        from recovery_journal.service.transfer import ExportOptions, check_seal, export_to

        fmt, redact, since, until = self.choices()
        output = Path(self.query_one("#output", Input).value.strip()).expanduser()
        result = self.query_one("#export-result", Static)
        result.update("")
        if not output.name:
            self.show_error("Choose a file to save to.", title="Not exported")
            return
        try:
            check_seal(self.sealing(), fmt, output, in_app=True)  # the CLI's rules
            if output.exists():
                self.show_error(
                    f"{output} exists already; choose another name.", title="Not exported"
                )
                return
            seal = self.seal_passphrase()
            written = export_to(
                self.journal, fmt, since, until, ExportOptions(redact=redact, seal=seal), output
            )
        except RecoveryJournalError as error:
            self.show_error(error, title="Not exported")  # never holds a passphrase
            return
        except OSError as error:
            self.show_error(f"could not write {output} ({error.strerror})", title="Not exported")
            return
        where = str(written)  # with `output`, export returns the path it wrote
        if seal is None:
            result.update(literal(f"✓ Written to {where}\nOnly you can read it (file mode 0600)."))
            self.notify(f"Written to {where}", title="Exported", timeout=6)
            return
        for field_id in ("#seal-pass", "#seal-again"):
            self.query_one(field_id, Input).value = ""  # not kept on screen once used
        result.update(literal(SEALED_DONE.format(where=where)))
        self.call_after_refresh(result.scroll_visible, animate=False)
        self.notify(f"Written to {where}, sealed", title="Exported", timeout=6)

    def seal_passphrase(self) -> str | None:
        """The passphrase typed twice for the seal (None: not sealing), checked as the CLI
        checks it: the same twice, 8 characters or more, not the journal's own."""
        if not self.sealing():
            return None
        from recovery_journal import passphrase
        from recovery_journal.service.transfer import refuse_the_journals_passphrase

        first = passphrase.as_text(self.query_one("#seal-pass", Input).value)
        second = passphrase.as_text(self.query_one("#seal-again", Input).value)
        passphrase.check_new(first)
        passphrase.check_same(first, second)
        refuse_the_journals_passphrase(self.journal, first)
        return first

    # ------------------------------------------------------------ import

    def show_result(self, result: Static) -> None:
        """The summary is below the buttons: on a small screen, scroll it into view."""
        result.scroll_visible(animate=False)

    def run_import(self, dry_run: bool) -> None:
        """Import the file named (or, `dry_run`, only preview what it would
        change) and show the summary or the error."""
        if self.read_only:
            return
        path_text = self.query_one("#import-path", Input).value.strip()
        result = self.query_one("#import-result", Static)
        if not path_text:
            self.show_error("Give the path of the file to bring in.", title="Nothing imported")
            return
        path = Path(path_text).expanduser()
        mood_map = self.query_one("#mood-map", Input).value.strip() or None
        activity_map = self.query_one("#activity-map", Input).value.strip() or None
        try:
            from recovery_journal.service.transfer import ImportOptions, import_file

            chosen = str(self.query_one("#import-format", Select).value)
            options = ImportOptions(
                dry_run=dry_run, mood_map=mood_map, activity_map=activity_map, progress=False
            )
            report = import_file(
                self.journal,
                path,
                None if chosen == "auto" else chosen,
                options,
                today=self.clock.today(),
            )
        except RecoveryJournalError as error:
            self.show_error(error, title="Nothing imported")
            result.update(literal(f"✗ {error}"))
            self.call_after_refresh(self.show_result, result)
            return
        result.update(literal(report.summary() if dry_run else "✓ " + report.summary()))
        self.call_after_refresh(self.show_result, result)


class ImportSummary(Static):
    """The import's summary, below the buttons: when it grows (a longer summary than the
    last), it scrolls itself into view again, so a small screen shows all of it."""

    def on_resize(self) -> None:
        """Grown to hold a summary: scroll it into view."""
        if self.size.height > 1:  # a summary (an empty one is one blank line)
            self.scroll_visible(animate=False)


def format_choices() -> list[tuple[str, str]]:
    """Every export format, by its label (their registry, `report.formats`)."""
    from recovery_journal.report.formats import FORMATS

    return [(fmt.label, fmt.name) for fmt in FORMATS]


def import_format_choices() -> list[tuple[str, str]]:
    """ "Recognise from the file", then every format the importers read (their registry)."""
    from recovery_journal.importers.registry import IMPORTERS

    return [("Recognise from the file", "auto")] + [(i.label, i.name) for i in IMPORTERS]
