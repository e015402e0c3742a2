"""The journal's change notices as one Qt signal.

The journal tells its listeners after every committed write (a
:class:`~coachdesk.store.changes.Change`: the subjects touched and who made the write).
Views do not listen to the journal themselves: one :class:`JournalChanges` per journal
turns each notice into its ``changed`` signal, and a view connects a bound method of its
own to it::

    changes(journal).changed.connect(self._journal_changed)

Qt drops such a connection when the view is destroyed, so a closed view is never called
again and nothing keeps it alive. (A lambda or a ``partial`` would not be dropped: it is
not the view's method. ``tests/ui/widgets/test_changes.py`` checks the source for them.)

A view shows what changed by reading the journal again; it never refreshes another view.
To skip the notice of its own save, a view makes the write inside
``journal.made_by(self)`` and ignores changes for which ``change.made_by(self)``.
"""

from __future__ import annotations

import weakref

from PySide6.QtCore import QObject, Signal

from coachdesk.store.changes import Change
from coachdesk.store.db import Journal


class JournalChanges(QObject):
    """The one bridge from a journal's notices to Qt; see :func:`changes`."""

    # Carries the Change.
    changed = Signal(object)

    def __init__(self, journal: Journal) -> None:
        super().__init__()
        journal.add_listener(self._tell)

    def _tell(self, change: Change) -> None:
        self.changed.emit(change)


# One bridge per open journal, for as long as the journal lives. The journal holds its
# bridge through the listener; the bridge holds nothing of the journal.
_BRIDGES: weakref.WeakKeyDictionary[Journal, JournalChanges] = weakref.WeakKeyDictionary()


def changes(journal: Journal) -> JournalChanges:
    """Return the journal's change signal, made on first use."""
    bridge = _BRIDGES.get(journal)
    if bridge is None:
        bridge = _BRIDGES[journal] = JournalChanges(journal)
    return bridge
