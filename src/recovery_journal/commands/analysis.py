"""Placeholder: filled by its issue (this module registers no command yet)."""

from __future__ import annotations

from typing import Any


def register(commands: Any) -> None:
    """Add this module's commands to the CLI (none yet)."""
