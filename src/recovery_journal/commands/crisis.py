"""`crisis`, `help crisis` and `settings`: the crisis line for the patient's country.

`crisis` prints the line for the current country (crisis_lines.resolve) and then the whole
table; `settings set|get|unset country` keeps the country in the settings file beside the
journal (0600). Standard library only.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from recovery_journal.errors import InvalidInput, JournalUnusable

if TYPE_CHECKING:
    from pathlib import Path

    from recovery_journal.context import Context
    from recovery_journal.crisis_lines import CrisisLine

SETTINGS = ("country",)  # what `settings` can set (the theme is the app's own)
HELP_TOPICS = ("crisis",)


def register(commands: Any) -> None:
    """Add `crisis`, `help` and `settings` to the CLI."""
    crisis = commands.add_parser(
        "crisis",
        help="the crisis line for your country, and the list of all countries",
        description="The country comes from 'settings set country CC', else "
        "RECOVERY_JOURNAL_COUNTRY, else your locale (LANG=en_GB.UTF-8 is GB). Without one, "
        "the US line is named, and elsewhere your local emergency number applies.",
    )
    crisis.add_argument("--sources", action="store_true", help="the page each line was checked at")
    crisis.set_defaults(handler=run_crisis)

    helper = commands.add_parser("help", help="help on a topic: 'help crisis'")
    helper.add_argument("topic", nargs="?", metavar="TOPIC", help="crisis")
    helper.set_defaults(handler=run_help)

    settings = commands.add_parser(
        "settings",
        help="settings kept beside the journal: 'settings set country GB'",
        description="Settings live in a private file beside the journal "
        "(journal.settings.json, 0600). 'country' chooses the crisis line the safety "
        "message names; 'recovery-journal crisis' lists the countries.",
    )
    actions = settings.add_subparsers(dest="action", metavar="ACTION", parser_class=type(settings))
    setter = actions.add_parser("set", help="set one: 'settings set country GB'")
    setter.add_argument("name", choices=SETTINGS)
    setter.add_argument("value", metavar="VALUE")
    setter.set_defaults(handler=run_set)
    getter = actions.add_parser("get", help="show one: 'settings get country'")
    getter.add_argument("name", choices=SETTINGS)
    getter.set_defaults(handler=run_get)
    unsetter = actions.add_parser("unset", help="remove one: 'settings unset country'")
    unsetter.add_argument("name", choices=SETTINGS)
    unsetter.set_defaults(handler=run_unset)
    settings.set_defaults(handler=run_settings_usage)


def _settings_file(context: Context) -> Path:
    from recovery_journal.settings import settings_path

    return settings_path(context.path)


# ---------------------------------------------------------------- crisis


def current_line_text(context: Context) -> str:
    """What `crisis` says first: the current country's line, and where the country came
    from; without one, the US line and the local emergency number elsewhere."""
    from recovery_journal.assessments import crisis_line_item
    from recovery_journal.crisis_lines import LINES, line_for, resolve_with_source

    country, source = resolve_with_source(_settings_file(context))
    line = line_for(country)
    if line is None:
        us = LINES["US"]
        return (
            "Your country is not known here, so this is the US line: "
            f"{crisis_line_item(us)}\n"
            "Elsewhere, call your local emergency number or a local crisis line.\n"
            "Say where you live with 'recovery-journal settings set country CC' "
            "(CC from the list below)."
        )
    where = {
        "setting": "your setting",
        "environment": "RECOVERY_JOURNAL_COUNTRY",
        "locale": "your locale",
    }[source]
    return (
        f"{crisis_line_item(line)}\n"
        f"If you are in danger now, call {line.emergency}.\n"
        f"(Country {line.country}, from {where}.)"
    )


WIDTH = 80  # the list fits a standard terminal; a narrower one gets it wrapped to fit


def _width() -> int:
    import shutil

    return max(40, min(WIDTH, shutil.get_terminal_size((WIDTH, 24)).columns))


_KEEP = "\u00a0"  # holds a number's digit groups together while wrapping


def _wrapped(text: str, width: int, indent: str = "") -> str:
    """`text` wrapped to `width`, its later lines indented; a phone number (`0800 567 567`)
    and a web address are never split across lines."""
    import re
    import textwrap

    held = re.sub(r"(?<=\d) (?=\d)", _KEEP, text)
    filled = textwrap.fill(
        held, width, subsequent_indent=indent, break_long_words=False, break_on_hyphens=False
    )
    return filled.replace(_KEEP, " ")


def _country_block(line: CrisisLine, width: int) -> str:
    """`GB  the UK: Samaritans`, then indented how to reach it (with its caveat) and the
    emergency number."""
    indent = " " * 4
    reach = line.how_to_reach() + (f"; {line.note}" if line.note else "")
    return "\n".join(
        (
            _wrapped(f"{line.country}  {line.name}: {line.service}", width, indent),
            _wrapped(indent + reach, width, indent),
            _wrapped(f"{indent}in danger now: {line.emergency}", width, indent),
        )
    )


def crisis_text(context: Context, sources: bool = False) -> str:
    """The current line, then every country, each as a short block that fits 80 columns."""
    from recovery_journal.crisis_lines import CHECKED, LINES

    width = _width()
    ordered = sorted(LINES.values(), key=lambda entry: entry.country)
    if sources:
        # A web address is never split: on its own line it stays whole, to copy or click.
        return "\n".join(
            f"{line.country}  checked {line.checked}\n    {line.source}" for line in ordered
        )
    current = "\n".join(
        _wrapped(paragraph, width) for paragraph in current_line_text(context).splitlines()
    )
    heading = _wrapped(
        f"Crisis lines by country (checked {CHECKED}; 'crisis --sources' lists where):", width
    )
    blocks = "\n".join(_country_block(line, width) for line in ordered)
    return f"{current}\n\n{heading}\n\n{blocks}"


def run_crisis(args: argparse.Namespace, context: Context) -> int:
    """`crisis`: the crisis line for this country, then every country's."""
    print(crisis_text(context, args.sources))
    return 0


def run_help(args: argparse.Namespace, context: Context) -> int:
    """`help`: the commands, or `help crisis` for the crisis lines."""
    if args.topic is None:
        from recovery_journal.cli import build_parser

        build_parser().print_help()
        return 0
    if args.topic.lower() not in HELP_TOPICS:
        raise InvalidInput(
            f"there is no help topic {args.topic!r}; try 'help crisis', or --help for the commands"
        )
    print(crisis_text(context))
    return 0


# ---------------------------------------------------------------- settings


def run_settings_usage(args: argparse.Namespace, context: Context) -> int:
    """`settings` alone: say which actions there are (exit 2)."""
    raise InvalidInput(
        "say what to do: 'settings set country GB', 'settings get country' or "
        "'settings unset country'"
    )


def run_set(args: argparse.Namespace, context: Context) -> int:
    """Store a known country code in the settings file, and name its crisis line."""
    from recovery_journal.crisis_lines import LINES, known
    from recovery_journal.settings import write_setting

    code = known(args.value)
    if code is None:
        raise InvalidInput(
            f"{args.value!r} is not a country in the list of crisis lines; "
            "'recovery-journal crisis' lists the two-letter codes (such as GB, AU, US)"
        )
    path = _settings_file(context)
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as error:
        raise JournalUnusable(f"cannot create {path.parent} ({error.strerror})") from None
    if not write_setting(path, args.name, code):
        raise JournalUnusable(f"could not write {path}; nothing was changed")
    line = LINES[code]
    print(f"country: {code} ({line.name}); the crisis line is {line.service}")
    return 0


def run_get(args: argparse.Namespace, context: Context) -> int:
    """Print the stored setting, or where the crisis line's country comes from instead."""
    from recovery_journal.crisis_lines import line_for, resolve
    from recovery_journal.settings import read_settings

    stored = read_settings(_settings_file(context)).get(args.name)
    if isinstance(stored, str) and stored:
        from recovery_journal.crisis_lines import known
        from recovery_journal.terminal import visible

        if known(stored) is None:  # the file was edited by hand: say it is not used
            print(
                f"{visible(stored)!r} is not in the list of crisis lines, so the US line is "
                "named; 'recovery-journal settings set country CC' sets a known one"
            )
            return 0
        print(known(stored))
        return 0
    found = line_for(resolve(None))
    following = (
        f"the crisis line follows RECOVERY_JOURNAL_COUNTRY or the locale: {found.country}"
        if found is not None
        else "no country is known, so the US line is named"
    )
    print(f"not set ({following})")
    return 0


def run_unset(args: argparse.Namespace, context: Context) -> int:
    """Remove a setting from the settings file."""
    from recovery_journal.settings import remove_setting

    path = _settings_file(context)
    if not remove_setting(path, args.name):
        raise JournalUnusable(f"could not write {path}; nothing was changed")
    print(f"{args.name}: not set")
    return 0
