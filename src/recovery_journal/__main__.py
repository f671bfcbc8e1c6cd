"""`python -m recovery_journal` and the `recovery-journal` / `rj` entry points."""

import sys


def main() -> None:
    """`python -m recovery_journal`: run the CLI and exit with its code."""
    from recovery_journal.cli import main as run

    sys.exit(run())


if __name__ == "__main__":
    main()
