"""`open-sealed FILE.rjx -o FILE`: a sealed export written out, decrypted (the therapist's
side of `export --seal`). The target is checked as `export -o` checks it; a wrong
passphrase or a changed byte writes nothing. Standard library only at import time.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from recovery_journal.errors import InvalidInput

if TYPE_CHECKING:
    from recovery_journal.context import Context


def register(commands: Any) -> None:
    """Add `open-sealed` to the CLI."""
    opener = commands.add_parser(
        "open-sealed",
        help="write out a sealed export (.rjx) with its passphrase: the HTML report or JSON",
        description="Asks for the passphrase (or reads RECOVERY_JOURNAL_SEAL_PASSPHRASE) and "
        "writes the report inside to PATH (0600). A sealed JSON export opens directly with "
        "'review FILE.rjx' or 'import FILE.rjx' as well.",
    )
    opener.add_argument("path", metavar="FILE.rjx")
    opener.add_argument("-o", "--output", metavar="PATH", required=True, help="the file to write")
    opener.set_defaults(handler=run_open_sealed)


def run_open_sealed(args: argparse.Namespace, context: Context) -> int:
    """Decrypt a sealed file with its passphrase and write what it holds to -o."""
    from recovery_journal.files import read_input_file
    from recovery_journal.report.output import check_target, write_atomic
    from recovery_journal.sealed import SUFFIX, read_header, unseal_asking

    source = Path(args.path).expanduser()
    output = Path(args.output).expanduser()
    data = read_input_file(source, "a sealed file")
    header = read_header(data, source.name)  # not sealed, or newer: refused before asking
    if output.suffix.lower() == SUFFIX:
        wanted = "report.html" if header.content == "html" else "export.json"
        raise InvalidInput(
            f"{output} would be a readable file named like a sealed one; give -o {wanted}"
        )
    resolved, replaced = check_target(output, context.path)
    if os.path.realpath(source) == str(resolved):
        raise InvalidInput(f"{output} is the sealed file itself; choose another -o")
    content, plain = unseal_asking(data, source.name)
    written = write_atomic(output, plain, journal=context.path)
    what = "the HTML report" if content == "html" else "the JSON export"
    verb = "replaced" if replaced else "wrote"
    print(f"{verb} {written}: {what}, no longer encrypted — keep it private", file=sys.stderr)
    return 0
