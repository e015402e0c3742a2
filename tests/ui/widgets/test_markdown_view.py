"""The note view shows Markdown, loads nothing from disk and opens only web and mail links."""

from __future__ import annotations

from array import array
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtGui import QColor, QDesktopServices, QImage, QTextCursor
from PySide6.QtWidgets import QTextBrowser
from pytestqt.qtbot import QtBot

from coachdesk.render.markdown import SafeDocument
from coachdesk.ui.widgets.markdown_view import MarkdownView

CANARY_NAME = "canary-9d2c.png"
# A colour nothing else on screen uses, so a painted canary is easy to spot.
CANARY_RGB = 0xFF00FF


class _RecordingView(MarkdownView):
    """A MarkdownView that notes every resource it or its document is asked for."""

    def __init__(self) -> None:
        super().__init__()
        self.asked: list[tuple[str, Any]] = []
        view = self

        class Document(SafeDocument):
            def loadResource(self, kind: int, name: QUrl) -> Any:
                result = super().loadResource(kind, name)
                view.asked.append((name.toString(), result))
                return result

        self.setDocument(Document(self))

    def loadResource(self, kind: int, name: QUrl) -> Any:
        result = super().loadResource(kind, name)
        self.asked.append((name.toString(), result))
        return result


def _shown(qtbot: QtBot, view: QTextBrowser) -> None:
    qtbot.addWidget(view)
    view.resize(700, 500)
    view.show()
    qtbot.waitExposed(view)


def _shows_canary(view: QTextBrowser) -> bool:
    image = view.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    return (0xFF000000 | CANARY_RGB) in array("I", bytes(image.constBits()))


def _middle_of(view: QTextBrowser, text: str) -> QPoint:
    """Where the first occurrence of ``text`` sits in the view's viewport."""
    found = view.document().find(text)
    assert not found.isNull(), text
    cursor = QTextCursor(view.document())
    cursor.setPosition(found.selectionStart() + len(text) // 2)
    return view.cursorRect(cursor).center()


def _click(qtbot: QtBot, view: QTextBrowser, text: str) -> None:
    """Click a link by its text, as a user would."""
    point = _middle_of(view, text)
    assert view.anchorAt(point), f"no link under {text!r}"
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every URL handed to the desktop, instead of really opening it."""
    urls: list[str] = []

    def open_url(url: QUrl) -> bool:
        urls.append(url.toString())
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", open_url)
    return urls


def test_view_is_read_only_named_and_renders_into_a_safe_document(qtbot: QtBot) -> None:
    view = MarkdownView()
    _shown(qtbot, view)
    view.set_markdown("# Week 47\n\nCall *Acme* on **Friday**.\n\n- one\n- two")
    assert view.isReadOnly()
    assert view.accessibleName() == "Note"
    assert not view.openLinks()
    assert not view.openExternalLinks()
    assert isinstance(view.document(), SafeDocument)
    assert view.toPlainText() == "Week 47\nCall Acme on Friday.\none\ntwo"
    assert view.document().firstBlock().blockFormat().headingLevel() == 1


def test_scripts_and_raw_html_are_not_shown(qtbot: QtBot) -> None:
    view = MarkdownView()
    _shown(qtbot, view)
    view.set_markdown(
        "Hello <script>alert('x')</script><style>p{display:none}</style>"
        '<iframe src="https://evil.example">frame</iframe> there'
    )
    assert view.toPlainText() == "Hello there"


def test_clicking_links_opens_only_web_and_mail_links(
    qtbot: QtBot, opened: list[str], tmp_path: Path
) -> None:
    view = MarkdownView()
    _shown(qtbot, view)
    clicked: list[str] = []
    view.anchorClicked.connect(lambda url: clicked.append(url.toString()))
    # Unsanitised HTML: the view's own check must hold even if a link got this far.
    targets = {
        "Web page": "https://example.com/plan",
        "Mail Ana": "mailto:ana@example.com",
        "Run script": "javascript:alert(1)",
        "Local file": (tmp_path / "journal.sqlite").as_uri(),
        "Data link": "data:text/html,hi",
        "Relative one": "notes.md",
    }
    view.setHtml("".join(f'<p><a href="{href}">{text}</a></p>' for text, href in targets.items()))
    for text in targets:
        _click(qtbot, view, text)

    assert len(clicked) == len(targets)  # every click landed on its link
    assert opened == ["https://example.com/plan", "mailto:ana@example.com"]
    assert view.toPlainText().startswith("Web page")  # the view itself went nowhere


def test_markdown_links_open_only_when_safe(qtbot: QtBot, opened: list[str]) -> None:
    view = MarkdownView()
    _shown(qtbot, view)
    view.set_markdown(
        "[Good site](https://example.com)\n\n[Bad script](javascript:alert(1))\n\n"
        "[Bad file](file:///etc/passwd)\n\n[Bad path](../secret.md)"
    )
    _click(qtbot, view, "Good site")
    assert opened == ["https://example.com"]
    # The others lost their target when sanitised: plain text, nothing to click.
    for text in ("Bad script", "Bad file", "Bad path"):
        assert view.anchorAt(_middle_of(view, text)) == ""
        assert view.document().find(text).charFormat().anchorHref() == ""


def test_navigation_is_refused(qtbot: QtBot, tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text("<p>from disk</p>", encoding="utf-8")
    view = MarkdownView()
    _shown(qtbot, view)
    view.setSearchPaths([str(tmp_path)])
    view.set_markdown("the note")
    view.setSource(QUrl.fromLocalFile(str(page)))
    view.setSource(QUrl("page.html"))
    view.reload()
    assert view.toPlainText() == "the note"


def test_view_never_shows_the_canary(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "notes-folder"
    (folder / "sub").mkdir(parents=True)
    canary = QImage(16, 16, QImage.Format.Format_RGB32)
    canary.fill(QColor(CANARY_RGB))
    assert canary.save(str(folder / CANARY_NAME))
    # A naive view would find relative names through any of these.
    monkeypatch.chdir(folder)
    base = QUrl.fromLocalFile(f"{folder}/")
    absolute = folder / CANARY_NAME
    markdown = (
        f"![a]({absolute}) ![b]({CANARY_NAME}) ![c](sub/../{CANARY_NAME}) "
        f"![d]({absolute.as_uri()}) <img src='{CANARY_NAME}'>"
    )
    html = (
        f'<p><img src="{absolute}"><img src="{CANARY_NAME}"><img src="sub/../{CANARY_NAME}">'
        f'<img src="../{folder.name}/{CANARY_NAME}"><img src="{absolute.as_uri()}"></p>'
        f'<table background="{CANARY_NAME}"><tr><td width="40" height="40">cell</td></tr></table>'
    )

    # The control shows the test can see a read: a plain QTextBrowser paints the canary.
    naive = QTextBrowser()
    _shown(qtbot, naive)
    naive.setSearchPaths([str(folder)])
    naive.setHtml(html)
    assert _shows_canary(naive)

    view = _RecordingView()
    _shown(qtbot, view)
    view.document().setBaseUrl(base)
    view.setSearchPaths([str(folder)])
    view.set_markdown(markdown)
    assert not _shows_canary(view)
    assert view.asked == []  # sanitised Markdown asks for nothing at all
    assert "[image: a]" in view.toPlainText()

    view.setHtml(html)
    view.document().setBaseUrl(base)
    assert not _shows_canary(view)
    assert view.asked, "the unsanitised images never reached the policy"
    for url, result in view.asked:
        assert url.endswith(CANARY_NAME)
        assert isinstance(result, QImage) and result.width() == 1
        assert result.pixelColor(0, 0).alpha() == 0


def test_a_long_note_renders_without_blocking_and_shows_when_ready(qtbot: QtBot) -> None:
    from coachdesk.ui.widgets.markdown_view import BACKGROUND_FROM_CHARS, MarkdownView

    view = MarkdownView()
    qtbot.addWidget(view)
    text = "## Acme renewal\n\n" + ("- a point about pricing\n" * (BACKGROUND_FROM_CHARS // 10))
    view.set_markdown(text)
    assert "Rendering a long note" in view.toPlainText()
    qtbot.waitUntil(lambda: "Acme renewal" in view.toPlainText(), timeout=20000)
    view.set_markdown("short **note**")
    assert view.toPlainText().strip() == "short note"
