"""Finding the app's own resources (icons, styles, fonts, templates).

The top-level ``resources/`` folder is installed as the package ``coachdesk.resources``
(see pyproject.toml), so one lookup works from a source checkout (editable install), an
installed wheel and a frozen bundle.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def resource(relative: str) -> Path:
    """Return the path of a resource, e.g. ``resource("icons/coachdesk.svg")``."""
    return Path(str(files("coachdesk.resources").joinpath(relative)))


def read_text(relative: str) -> str:
    """Return a text resource's content."""
    return resource(relative).read_text(encoding="utf-8")
