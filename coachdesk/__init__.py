"""coachdesk: a sales manager's private coaching journal."""

from __future__ import annotations

APP_NAME = "coachdesk"

# The one place the version is written; pyproject.toml reads it from here, so the
# installed metadata always agrees, and start-up does not scan package metadata.
__version__ = "0.1.0"


def version() -> str:
    """Return coachdesk's version."""
    return __version__
