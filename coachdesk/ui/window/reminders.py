"""A reminder a few minutes before a scheduled 1:1, when the user has asked for one.

Off by default (Settings → Teams). Checked every half minute and at once when the
clock jumps (the laptop slept): a 1:1 that started while it slept is not announced
late. Nothing is shown while the screen is shared with a rep or the journal is locked.
A desktop notification can outlive the window and stay in the system's list, so for a
protected journal it names no rep; the line in the window (where the desktop offers no
notifications) names them, as the window does.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from coachdesk.assembled import settings_schema
from coachdesk.dates import iso_moment, parse_moment
from coachdesk.store import meetings, reps
from coachdesk.store.db import Journal

TICK_MS = 30_000
# A 1:1 that started more than this long ago is past reminding (the laptop woke late).
GRACE = dt.timedelta(minutes=1)


class Reminders(QObject):
    """Say ``remind(title, text, names_rep)`` once for each scheduled 1:1 coming up."""

    remind = Signal(str, str, bool)  # title, text, whether the text names the rep

    def __init__(
        self,
        journal: Callable[[], Journal | None],
        *,
        now: Callable[[], dt.datetime],
        quiet: Callable[[], bool],
        tick_ms: int = TICK_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._journal = journal
        self._now = now
        self._quiet = quiet  # sharing or locked: nothing is said
        self._told: set[tuple[int, str]] = set()  # (meeting id, its start) already said
        self._timer = QTimer(self)
        self._timer.setInterval(tick_ms)
        self._timer.timeout.connect(self.check)
        self._timer.start()

    def stop(self) -> None:
        """No more reminders (the window is closing)."""
        self._timer.stop()

    def check(self) -> int:
        """Remind of each 1:1 starting within the chosen minutes; return how many."""
        journal = self._journal()
        if journal is None or self._quiet():
            return 0
        minutes = settings_schema.read(journal, settings_schema.REMINDER_MINUTES)
        if minutes is None:
            return 0
        now = self._now().replace(tzinfo=None)
        soon = meetings.scheduled_meetings(
            journal,
            start=iso_moment(now - GRACE)[:16],
            end=iso_moment(now + dt.timedelta(minutes=minutes, seconds=1))[:16] + "~",
        )
        said = 0
        for meeting in soon:
            key = (meeting.id, meeting.held_at)
            if key in self._told or len(meeting.held_at) <= 10:
                continue  # already said, or a day with no time to count down to
            self._told.add(key)
            start = parse_moment(meeting.held_at)
            left = max(0, round((start - now).total_seconds() / 60))
            names = not journal.protected
            rep = reps.get_rep(journal, meeting.rep_id) if names else None
            self.remind.emit(*reminder_text(start, left, rep.name if rep else None), names)
            said += 1
        return said


def reminder_text(start: dt.datetime, minutes_left: int, rep_name: str | None) -> tuple[str, str]:
    """The reminder's title and text; without ``rep_name`` it names nobody."""
    from PySide6.QtCore import QCoreApplication

    def tr(text: str, n: int = -1) -> str:
        return QCoreApplication.translate("Reminders", text, None, n)

    from coachdesk.ui.widgets.qdates import time_text

    at = time_text(start)
    when = tr("in %n min", minutes_left) if minutes_left else tr("now")
    if rep_name:
        title = tr("1:1 with %s") % rep_name
        text = tr("Your 1:1 with %1 starts at %2 (%3).").replace("%1", rep_name)
    else:
        title = tr("A 1:1 is coming up")
        text = tr("Your next 1:1 starts at %2 (%3).")
    return title, text.replace("%2", at).replace("%3", when)
