"""Listening to the journal from a widget, for as long as the widget lives."""

from __future__ import annotations

import weakref
from collections.abc import Callable

import shiboken6
from PySide6.QtWidgets import QWidget

from coachdesk.store.db import Journal


def listen(journal: Journal, widget: QWidget, on_change: Callable[[frozenset[str]], None]) -> None:
    """Call ``on_change(subjects)`` after journal writes while ``widget`` exists.

    The journal outlives windows in tests and at restore; the listener lets go of itself
    once the widget is gone, and never keeps it alive.
    """
    ref = weakref.ref(widget)

    def listener(subjects: frozenset[str]) -> None:
        alive = ref()
        if alive is None or not shiboken6.isValid(alive):
            journal.remove_listener(listener)
            return
        on_change(subjects)

    journal.add_listener(listener)
    widget.destroyed.connect(lambda *_: journal.remove_listener(listener))
