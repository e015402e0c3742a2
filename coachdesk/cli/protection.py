"""The command line and a journal protected with a passphrase.

A passphrase comes from a file named with ``--passphrase-file PATH`` or is typed at the
terminal without echo; never from an argument or an environment variable, where other
users and shell histories could read it. With neither a file nor a terminal, a command
on a protected journal stops with a clear message.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from coachdesk.dates import Clock
from coachdesk.paths import Paths
from coachdesk.store.db import Journal
from coachdesk.store.errors import KnownProblem, PassphraseNeeded, WrongPassphrase

T = TypeVar("T")

TYPED_TRIES = 3

FORGOTTEN = "A forgotten passphrase cannot be recovered: keep it somewhere safe."


def add_options(parser: argparse.ArgumentParser, *, default: object) -> None:
    """Add ``--passphrase-file`` (a global option, like ``--data-dir``)."""
    parser.add_argument(
        "--passphrase-file",
        metavar="PATH",
        default=default,
        help="read the journal's passphrase from this file (its first line); without it, "
        "a protected journal asks at the terminal",
    )


def read_passphrase_file(name: str) -> str:
    """Return the passphrase in a file: its first line, without the line ending."""
    path = Path(name).expanduser()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise KnownProblem(
            f"The passphrase file {path} cannot be read ({reason}).",
            "Check the path; it must be a UTF-8 text file.",
        ) from None
    passphrase = text.split("\n", 1)[0].removesuffix("\r")
    if not passphrase:
        raise KnownProblem(f"The passphrase file {path} is empty.", "Write the passphrase in it.")
    return passphrase


def _terminal() -> bool:
    return sys.stdin is not None and sys.stdin.isatty()


def _no_terminal(what: str) -> KnownProblem:
    return KnownProblem(
        f"{what}, and there is no terminal to type it in.",
        "Give --passphrase-file PATH (a file readable by you only).",
    )


def _typed(prompt: str) -> str:
    try:
        return getpass.getpass(prompt)
    except EOFError:
        raise KnownProblem("No passphrase was typed.") from None


def passphrase_for(args: argparse.Namespace, what: str) -> tuple[str, bool]:
    """Return the passphrase and whether it was typed (and so may be typed again)."""
    name = getattr(args, "passphrase_file", None)
    if name:
        return read_passphrase_file(name), False
    if not _terminal():
        raise _no_terminal(what)
    return _typed("Passphrase: "), True


def new_passphrase(file_name: str | None, what: str) -> str:
    """Return a new passphrase: from ``file_name``, or typed twice at the terminal."""
    if file_name:
        return read_passphrase_file(file_name)
    if not _terminal():
        raise _no_terminal(what)
    for _ in range(TYPED_TRIES):
        first = _typed("New passphrase: ")
        if not first:
            print("A passphrase cannot be empty.", file=sys.stderr)
            continue
        if _typed("Type it again: ") == first:
            return first
        print("The two did not match; once more.", file=sys.stderr)
    raise KnownProblem("The new passphrase was not typed the same way twice.")


def with_passphrase(args: argparse.Namespace, attempt: Callable[[str | None], T]) -> T:
    """Run ``attempt(None)``; if a passphrase is needed, get one and try again.

    A typed passphrase that does not fit may be typed again, up to three times.
    """
    try:
        return attempt(None)
    except PassphraseNeeded as needed:
        passphrase, typed = passphrase_for(args, f"{needed.path} is protected with a passphrase")
    return _retried(passphrase, typed, attempt)


def _retried(passphrase: str, typed: bool, attempt: Callable[[str], T]) -> T:
    """Run ``attempt(passphrase)``, letting a typed passphrase be typed again."""
    for tries_left in range(TYPED_TRIES - 1, -1, -1):
        try:
            return attempt(passphrase)
        except WrongPassphrase:
            if not typed or tries_left == 0:
                raise
            print("That passphrase doesn't open this journal; try again.", file=sys.stderr)
            passphrase = _typed("Passphrase: ")
    raise AssertionError("unreachable")


def open_journal(
    paths: Paths, args: argparse.Namespace, *, readonly: bool = False, clock: Clock | None = None
) -> Journal:
    """Open the journal as a command does, asking for its passphrase when it needs one."""
    return with_passphrase(
        args,
        lambda passphrase: Journal.open(
            paths, readonly=readonly, passphrase=passphrase, clock=clock
        ),
    )


# ----------------------------------------------------------------- the commands


def cmd_protect(paths: Paths, args: argparse.Namespace) -> None:
    """Encrypt the journal with a passphrase."""
    from coachdesk.store import protection

    with open_journal(paths, args) as journal:
        if journal.protected:
            raise KnownProblem(
                "This journal is already protected with a passphrase.",
                "Use `coachdesk change-passphrase` to change it.",
            )
        passphrase = new_passphrase(
            getattr(args, "passphrase_file", None), "A new passphrase is needed"
        )
        report = protection.protect(journal, passphrase)
    print(f"The journal at {paths.journal} is now protected with a passphrase.")
    print(FORGOTTEN)
    if report.wiped:
        print(
            f"Overwritten and deleted: the unprotected journal and "
            f"{len(report.wiped) - 1} unprotected backup(s). On solid-state disks "
            "overwriting does not guarantee the old data is gone."
        )
    for path in report.not_wiped:
        print(f"Could not delete {path}: delete it yourself.")
    for path in report.plain_copies:
        print(f"Not encrypted: {path}")
    print("Copies made elsewhere (exports, PDFs, backups you copied) are not encrypted by this.")


def _open_protected(paths: Paths, args: argparse.Namespace) -> tuple[Journal, str]:
    """Open a journal that must be protected; return it and its passphrase."""
    from coachdesk.store.cipher import looks_protected

    if not looks_protected(paths.journal):
        raise KnownProblem(
            f"The journal at {paths.journal} is not protected with a passphrase.",
            "Use `coachdesk protect` to protect it.",
        )
    given, typed = passphrase_for(args, f"{paths.journal} is protected with a passphrase")
    opened: list[str] = []

    def attempt(passphrase: str) -> Journal:
        journal = Journal.open(paths, passphrase=passphrase)
        opened.append(passphrase)
        return journal

    journal = _retried(given, typed, attempt)
    return journal, opened[-1]


def cmd_change_passphrase(paths: Paths, args: argparse.Namespace) -> None:
    """Change the passphrase of a protected journal and of its backups."""
    from coachdesk.store import protection

    journal, current = _open_protected(paths, args)
    with journal:
        new = new_passphrase(args.new_passphrase_file, "A new passphrase is needed")
        report = protection.change_passphrase(journal, current, new)
    print("The passphrase was changed, for the journal and its backups.")
    print(FORGOTTEN)
    for path in report.backups_left:
        print(f"Still under an older passphrase: {path}")


def cmd_unprotect(paths: Paths, args: argparse.Namespace) -> None:
    """Turn protection off: the journal becomes a plain SQLite file."""
    from coachdesk.store import protection

    journal, passphrase = _open_protected(paths, args)
    with journal:
        report = protection.unprotect(journal, passphrase)
    print(f"The journal at {paths.journal} is no longer protected: it is not encrypted.")
    if report.backups_left:
        print(
            f"{len(report.backups_left)} older backup(s) stay protected; restoring one "
            "asks for the passphrase."
        )


def register(
    command: Callable[[str, str], argparse.ArgumentParser],
) -> dict[str, Callable[[Paths, argparse.Namespace], None]]:
    """Add the protection commands to the parser; return them by name."""
    command("protect", "encrypt the journal with a passphrase (from --passphrase-file or typed)")
    p = command("change-passphrase", "change the passphrase of a protected journal")
    p.add_argument(
        "--new-passphrase-file",
        metavar="PATH",
        help="read the new passphrase from this file (default: type it twice)",
    )
    command("unprotect", "turn protection off: the journal becomes a plain SQLite file")
    return {
        "protect": cmd_protect,
        "change-passphrase": cmd_change_passphrase,
        "unprotect": cmd_unprotect,
    }
