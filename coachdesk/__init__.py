"""coachdesk: a sales manager's private coaching journal."""

from __future__ import annotations

APP_NAME = "coachdesk"


def version() -> str:
    """Return the installed version, read from the package metadata."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as _version

    try:
        return _version("coachdesk")
    except PackageNotFoundError:
        return "0.0.0+unknown"
