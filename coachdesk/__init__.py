"""coachdesk: a sales manager's private coaching journal."""

from __future__ import annotations

from typing import TYPE_CHECKING, Generic, TypeVar

if TYPE_CHECKING:
    from collections.abc import Iterator

APP_NAME = "coachdesk"

# The one place the version is written; pyproject.toml reads it from here, so the
# installed metadata always agrees, and start-up does not scan package metadata.
__version__ = "0.1.0"


def version() -> str:
    """Return coachdesk's version."""
    return __version__


_Entry = TypeVar("_Entry")


class Registry(Generic[_Entry]):
    """Where the parts of one extension point register: flag sources, rep-page tabs…

    A subject's module registers its entry with a call when it is loaded, and the code
    that uses the entries imports those modules first (a plain import, inside a function
    where start-up should not pay for them). It lives here, below every layer, so any
    layer can offer an extension point without importing the code that extends it.

    Modules load in whatever order the program happens to import them, so where the
    order of the entries matters (flags, tabs, menus, the sample's parts) each says its
    place with ``order``: entries come out by ``order``, then in the order registered.
    """

    def __init__(self, what: str) -> None:
        self.what = what  # e.g. "flag source", for messages
        self._entries: list[tuple[int, int, _Entry]] = []

    def register(self, entry: _Entry, *, order: int = 0) -> _Entry:
        """Add ``entry`` and return it, so this also works as a decorator.

        Registering the same entry twice is a mistake (a module loaded twice under two
        names, or a copied line) and raises ``ValueError``.
        """
        if any(known is entry for _, _, known in self._entries):
            raise ValueError(f"{entry!r} is already registered as a {self.what}")
        self._entries.append((order, len(self._entries), entry))
        self._entries.sort(key=lambda item: item[:2])
        return entry

    def __iter__(self) -> Iterator[_Entry]:
        # A copy: an entry registered while the registry is being read waits for the next.
        return iter([entry for _, _, entry in self._entries])

    def __len__(self) -> int:
        return len(self._entries)

    def __repr__(self) -> str:
        return f"<Registry {self.what!r}: {len(self._entries)} entries>"
