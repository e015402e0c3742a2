"""The one way coachdesk writes a file for the user: PDFs, exports, backups, charts, texts.

A file is written to a new temporary file in the target's own folder — created 0600 with
``O_EXCL`` and ``O_NOFOLLOW``, so nothing existing is reused or followed — flushed,
``fsync``-ed, *verified* by the caller's check, renamed over the target, and then the
folder is ``fsync``-ed so the rename itself survives a power cut. A target that is a
symbolic link is refused. Whatever fails, no partial file is left behind and the old
target (if any) is untouched; the failure is a :class:`~coachdesk.store.errors.WriteFailed`
that says what happened and what to do.

No Qt here: a PDF or an image is produced into memory by the caller and handed over as
bytes, or written into the temporary path :func:`replacing` yields.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import re
import secrets
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

from coachdesk.store import faults
from coachdesk.store.errors import KnownProblem, WriteFailed

PARTIAL_SUFFIX = ".partial"
# ``.NAME.RANDOM.partial`` beside the target: what a crash mid-write can leave behind
# (with SQLite's own companions, when the file being written was a database).
PARTIAL_PATTERN = re.compile(r"^\..+\.[0-9a-f]{16}\.partial(-journal|-wal|-shm)?$")

Verify = Callable[[Path], None]
Explain = Callable[[BaseException], KnownProblem | None]


class NotVerified(Exception):
    """A written file failed its check; the message says what was wrong."""


def temporary_name(target: Path) -> Path:
    """A fresh, unpredictable name for a file being written beside ``target``."""
    return target.with_name(f".{target.name}.{secrets.token_hex(8)}{PARTIAL_SUFFIX}")


def _refuse_link(target: Path, what: str) -> None:
    try:
        info = os.lstat(target)
    except FileNotFoundError:
        return
    except OSError:
        return  # unreadable: the write itself will say what is wrong
    if stat.S_ISLNK(info.st_mode):
        raise WriteFailed(
            f"{what} was not written: {target} is a link to another file.",
            "coachdesk does not write through links. Choose the real file, or another name.",
        )
    if stat.S_ISDIR(info.st_mode):
        raise WriteFailed(
            f"{what} was not written: {target} is a folder.", "Choose a file name inside it."
        )


def _create(path: Path) -> int:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    flags |= getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    return os.open(path, flags, 0o600)


def sync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX; elsewhere a rename is enough)."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@contextlib.contextmanager
def replacing(
    target: Path, *, what: str, verify: Verify | None = None, explain: Explain | None = None
) -> Iterator[Path]:
    """Yield a new private file beside ``target`` to write; on success it replaces ``target``.

    The block writes the temporary path (it exists, empty, 0600). When the block ends
    without an error the file is ``fsync``-ed, checked with ``verify`` (which raises
    :class:`NotVerified` or an ``OSError``), renamed over ``target`` and the folder synced.
    ``what`` names the file in messages ("The PDF", "The export"); ``explain`` may turn
    a failure into a message of the caller's own (``None`` for the usual one).
    """
    target = Path(target)
    _refuse_link(target, what)
    partial = temporary_name(target)
    try:
        os.close(_create(partial))
    except OSError as exc:
        problem = explain(exc) if explain is not None else None
        raise (problem or _failed(exc, target, what)) from exc
    try:
        yield partial
        faults.fail_write_if_asked(partial)
        fd = os.open(partial, os.O_RDONLY | getattr(os, "O_BINARY", 0))
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        if verify is not None:
            verify(partial)
        os.chmod(partial, 0o600)  # whatever wrote into it may have changed the mode
        _refuse_link(target, what)  # nothing was swapped in meanwhile
        os.replace(partial, target)
    except NotVerified as bad:
        _remove(partial)
        raise WriteFailed(
            f"{what} was not written to {target}: the file came out incomplete ({bad}).",
            "Nothing was replaced. Check the free space and try again.",
        ) from bad
    except Exception as exc:
        _remove(partial)
        problem = explain(exc) if explain is not None else None
        if problem is not None:
            raise problem from exc
        if isinstance(exc, OSError):
            raise _failed(exc, target, what) from exc
        raise
    except BaseException:
        _remove(partial)
        raise
    sync_folder(target.parent)


def write_file(target: Path, data: bytes, *, what: str, verify: Verify | None = None) -> Path:
    """Write ``data`` to ``target`` the one safe way (see the module docstring)."""
    with replacing(target, what=what, verify=verify) as partial:
        fd = os.open(partial, os.O_WRONLY | os.O_TRUNC | getattr(os, "O_BINARY", 0))
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
    return Path(target)


def _remove(path: Path) -> None:
    for leftover in (path, *(path.with_name(path.name + s) for s in ("-journal", "-wal", "-shm"))):
        with contextlib.suppress(OSError):
            leftover.unlink()


def leftovers(folder: Path) -> list[Path]:
    """Temporary files a crash left in ``folder`` (never a finished file)."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if PARTIAL_PATTERN.match(p.name))


def _failed(exc: OSError, target: Path, what: str) -> KnownProblem:
    code = exc.errno
    if code in (errno.ENOSPC, errno.EDQUOT):
        return WriteFailed(
            f"{what} was not written to {target}: the disk is full.",
            "Nothing was replaced. Free some space or choose another disk.",
        )
    if code == errno.ENOENT:
        return WriteFailed(
            f"{what} was not written: the folder {target.parent} does not exist.",
            "Choose an existing folder.",
        )
    if code == errno.EROFS:
        return WriteFailed(
            f"{what} was not written to {target}: the disk is read-only.",
            "Choose a folder on another disk.",
        )
    if code in (errno.EACCES, errno.EPERM):
        if os.name == "nt" and target.exists():
            # Windows keeps a file that is open in a viewer (or being scanned) locked.
            return WriteFailed(
                f"{what} was not written: {target} is open in another program.",
                "Close the file (a PDF viewer?) and try again.",
            )
        if not os.access(target.parent, os.W_OK):
            return WriteFailed(
                f"{what} was not written: you cannot write to the folder {target.parent}.",
                "Choose a folder of your own.",
            )
        return WriteFailed(
            f"{what} was not written: {target} cannot be replaced (it may belong to "
            "another user, or be locked).",
            "Choose another name, or remove that file first.",
        )
    if code == errno.ELOOP:
        return WriteFailed(
            f"{what} was not written: {target} is a link to another file.",
            "coachdesk does not write through links. Choose the real file, or another name.",
        )
    if code == errno.EIO:
        return WriteFailed(
            f"{what} was not written to {target}: the disk reported an error.",
            "Nothing was replaced. Check the disk and try again.",
        )
    return WriteFailed(
        f"{what} was not written to {target}: {exc.strerror or exc}.", "Nothing was replaced."
    )


# ----------------------------------------------------------------- checks


def verify_pdf(pages: int | None = None) -> Verify:
    """A check that a file is a whole PDF: header, cross-reference, end mark, page count."""

    def check(path: Path) -> None:
        data = path.read_bytes()
        if not data.startswith(b"%PDF-"):
            raise NotVerified("it does not start like a PDF")
        tail = data[-2048:]
        if b"%%EOF" not in tail or b"startxref" not in tail:
            raise NotVerified("its end is missing")
        if b"xref" not in data and b"/XRef" not in data:
            raise NotVerified("it has no cross-reference table")
        if pages is not None:
            found = len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data))
            if found != pages:
                raise NotVerified(f"it has {found} pages instead of {pages}")

    return check


def verify_json(path: Path) -> None:
    """A check that a file is JSON that parses."""
    try:
        json.loads(path.read_bytes().decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise NotVerified("it is not whole JSON") from exc


def verify_digest(digest: hashlib._Hash) -> Verify:
    """A check that a file holds the bytes whose SHA-256 ``digest`` is (read when checked)."""

    def check(path: Path) -> None:
        found = hashlib.sha256()
        with open(path, "rb") as handle:
            while chunk := handle.read(1 << 20):
                found.update(chunk)
        if found.digest() != digest.digest():
            raise NotVerified("what was read back differs from what was written")

    return check


def verify_png(path: Path) -> None:
    """A check that a file is a PNG with its end chunk."""
    data = path.read_bytes()
    if not data.startswith(b"\x89PNG\r\n\x1a\n") or not data.endswith(b"IEND\xaeB`\x82"):
        raise NotVerified("it is not a whole PNG image")


def verify_text(expected: bytes) -> Verify:
    """A check that a file holds exactly ``expected``."""

    def check(path: Path) -> None:
        if path.read_bytes() != expected:
            raise NotVerified("what was read back differs from what was written")

    return check
