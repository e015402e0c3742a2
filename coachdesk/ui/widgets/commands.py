"""Changes that can be undone: closing commitments, archiving and deleting reps.

Text edits have their own undo inside each editor, which autosave never disturbs.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand, QUndoStack

from coachdesk.store import commitments, reps
from coachdesk.store.db import Journal
from coachdesk.store.records import CommitmentStatus


def _tr(text: str) -> str:
    return QCoreApplication.translate("commands", text)


class _StatusCommand(QUndoCommand):
    def __init__(
        self,
        journal: Journal,
        commitment_id: int,
        status: CommitmentStatus,
        meeting_id: int | None,
        text: str,
    ) -> None:
        super().__init__(text)
        self.journal = journal
        self.commitment_id = commitment_id
        self.status = status
        self.meeting_id = meeting_id
        before = commitments.get_commitment(journal, commitment_id)
        assert before is not None
        self.before = before

    def redo(self) -> None:
        commitments.set_status(
            self.journal, self.commitment_id, self.status, in_meeting_id=self.meeting_id
        )

    def undo(self) -> None:
        commitments.restore_state(self.journal, self.before)


class _DueCommand(QUndoCommand):
    def __init__(self, journal: Journal, commitment_id: int, due: str | None) -> None:
        super().__init__(_tr("Keep commitment"))
        self.journal = journal
        self.commitment_id = commitment_id
        self.due = due
        before = commitments.get_commitment(journal, commitment_id)
        assert before is not None
        self.before = before

    def redo(self) -> None:
        commitments.update_commitment(self.journal, self.commitment_id, due_date=self.due or "")

    def undo(self) -> None:
        commitments.restore_state(self.journal, self.before)


class _ArchiveCommand(QUndoCommand):
    def __init__(self, journal: Journal, rep_id: int, archive: bool) -> None:
        super().__init__(_tr("Archive rep") if archive else _tr("Unarchive rep"))
        self.journal, self.rep_id, self.archive = journal, rep_id, archive

    def redo(self) -> None:
        (reps.archive_rep if self.archive else reps.unarchive_rep)(self.journal, self.rep_id)

    def undo(self) -> None:
        (reps.unarchive_rep if self.archive else reps.archive_rep)(self.journal, self.rep_id)


class _DeleteRepCommand(QUndoCommand):
    def __init__(self, journal: Journal, rep_id: int) -> None:
        super().__init__(_tr("Delete rep"))
        self.journal, self.rep_id = journal, rep_id
        from coachdesk.store import transfer

        # Kept in memory only, for as long as the app is open.
        self.snapshot: dict[str, Any] = transfer.export_data(
            journal, include_private=True, rep_id=rep_id
        )

    def redo(self) -> None:
        reps.delete_rep(self.journal, self.rep_id)

    def undo(self) -> None:
        from coachdesk.store import transfer

        transfer.restore_person(self.journal, self.snapshot)


class Commands:
    """The undoable changes, all going through one :class:`QUndoStack`."""

    def __init__(self, journal: Journal, stack: QUndoStack) -> None:
        self.journal = journal
        self.stack = stack

    def set_status(
        self, commitment_id: int, status: CommitmentStatus, meeting_id: int | None = None
    ) -> None:
        """Mark a commitment done, dropped or open again."""
        label = {
            CommitmentStatus.DONE: _tr("Mark commitment done"),
            CommitmentStatus.DROPPED: _tr("Drop commitment"),
            CommitmentStatus.OPEN: _tr("Reopen commitment"),
        }[CommitmentStatus(status)]
        self.stack.push(_StatusCommand(self.journal, commitment_id, status, meeting_id, label))

    def keep(self, commitment_id: int, due: str | None) -> None:
        """Keep a commitment open with a new due date."""
        self.stack.push(_DueCommand(self.journal, commitment_id, due))

    def archive(self, rep_id: int, archive: bool = True) -> None:
        """Archive (or bring back) a rep."""
        self.stack.push(_ArchiveCommand(self.journal, rep_id, archive))

    def delete_rep(self, rep_id: int) -> None:
        """Delete a rep and everything held on them; undoable until the app closes."""
        self.stack.push(_DeleteRepCommand(self.journal, rep_id))
