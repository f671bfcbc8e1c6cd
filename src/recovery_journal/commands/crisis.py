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


def crisis_text(context: Context, sources: bool = False) -> str:
    """The current line, then the table of every country."""
    from recovery_journal import tables
    from recovery_journal.crisis_lines import CHECKED, LINES

    if sources:
        listed = [(line.country, line.checked, line.source) for line in LINES.values()]
        return tables.text_table(["code", "checked", "source"], listed)
    body = [
        (
            line.country,
            line.name,
            line.service,
            " or ".join(line.numbers),
            line.text_number if line.texts else "no",
            line.emergency,
        )
        for line in sorted(LINES.values(), key=lambda entry: entry.country)
    ]
    table = tables.text_table(["code", "country", "service", "call", "text", "emergency"], body)
    return (
        f"{current_line_text(context)}\n\nCrisis lines by country (checked {CHECKED}; "
        f"'crisis --sources' lists where):\n\n{table}"
    )


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
        print(stored)
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
