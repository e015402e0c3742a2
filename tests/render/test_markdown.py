"""Notes in Markdown become safe HTML, and rendering them never reads another file."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from array import array
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QByteArray, Qt, QUrl
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QTextDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication

from coachdesk.render.markdown import (
    ALLOWED_ATTRIBUTE_VALUES,
    ALLOWED_ATTRIBUTES,
    ALLOWED_TAGS,
    SafeDocument,
    link_is_openable,
    make_document,
    resolve_resource,
    resource_allowed,
    to_safe_html,
)

HERE = Path(__file__).resolve().parent
CANARY_NAME = "canary-5b1e.png"
# A colour nothing else on screen uses, so a painted canary is easy to spot.
CANARY_RGB = 0xFF00FF
IMAGE = QTextDocument.ResourceType.ImageResource.value


# -- helpers -----------------------------------------------------------------------------


class _Tags(HTMLParser):
    """Every start tag and its attributes, as the browser would see them."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def hrefs(self) -> list[str | None]:
        return [attrs.get("href") for tag, attrs in self.tags if tag == "a"]


def _assert_within_allow_list(html: str) -> None:
    for tag, attrs in _Tags(html).tags:
        assert tag in ALLOWED_TAGS, tag
        # nh3 adds rel="noopener noreferrer" to every link itself.
        allowed = set(ALLOWED_ATTRIBUTES.get(tag, ())) | ({"rel"} if tag == "a" else set())
        for name, value in attrs.items():
            if name in ALLOWED_ATTRIBUTE_VALUES.get(tag, {}):
                assert value in ALLOWED_ATTRIBUTE_VALUES[tag][name]
            else:
                assert name in allowed, (tag, name)
            if name == "href":
                assert value is not None and link_is_openable(value), value


def _canary_folder(tmp_path: Path) -> Path:
    """A notes folder holding a bright canary image and a control image."""
    folder = tmp_path / "notes-folder"
    (folder / "sub").mkdir(parents=True)
    image = QImage(16, 16, QImage.Format.Format_RGB32)
    image.fill(QColor(CANARY_RGB))
    assert image.save(str(folder / CANARY_NAME))
    assert image.save(str(folder / "control.png"))
    return folder


def _canary_markdown(folder: Path) -> str:
    """A note that names the canary every way a naive renderer would follow."""
    absolute = folder / CANARY_NAME
    return "\n\n".join(
        [
            f"![absolute]({absolute})",
            f"![relative]({CANARY_NAME})",
            f"![traversal](sub/../{CANARY_NAME}) ![up](../{folder.name}/{CANARY_NAME})",
            f"![file url]({absolute.as_uri()})",
            f"[absolute link]({absolute}) [relative link]({CANARY_NAME})",
            f"[file link]({absolute.as_uri()}) [up link](../{folder.name}/{CANARY_NAME})",
            f'<img src="{CANARY_NAME}"> <img src="{absolute.as_uri()}">',
            f'<table background="{CANARY_NAME}"><tr><td>cell</td></tr></table>',
            f'<p style="background-image: url({CANARY_NAME})">styled</p>',
            f'<link rel="stylesheet" href="{CANARY_NAME}">',
        ]
    )


def _canary_html(folder: Path) -> str:
    """Unsanitised HTML naming the canary, to test the document's own policy."""
    absolute = folder / CANARY_NAME
    return (
        f'<p>images <img src="{absolute}"> <img src="{CANARY_NAME}">'
        f' <img src="sub/../{CANARY_NAME}"> <img src="../{folder.name}/{CANARY_NAME}">'
        f' <img src="{absolute.as_uri()}"></p>'
        f'<table background="{CANARY_NAME}"><tr>'
        f'<td background="{absolute.as_uri()}" width="40" height="40">cell</td></tr></table>'
        f'<p style="background-image: url({CANARY_NAME})">styled</p>'
        f'<p><a href="{absolute.as_uri()}">file link</a></p>'
    )


def _painted(document: QTextDocument) -> QImage:
    image = QImage(800, 600, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    document.setTextWidth(image.width())
    painter = QPainter(image)
    document.drawContents(painter)
    painter.end()
    return image


def _shows_canary(image: QImage) -> bool:
    pixels = image.convertToFormat(QImage.Format.Format_RGB32)
    words = array("I", bytes(pixels.constBits()))
    return (0xFF000000 | CANARY_RGB) in words


def _print_pdf(document: QTextDocument, path: Path) -> None:
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    document.print_(printer)


def _pdf_image_sizes(path: Path) -> list[tuple[int, int]]:
    """The pixel size of every image embedded anywhere in a PDF."""
    data = path.read_bytes()
    sizes = []
    for match in re.finditer(rb"<<(?:(?!>>).)*?/Subtype\s*/Image(?:(?!>>).)*>>", data, re.S):
        entry = match.group(0)
        width = re.search(rb"/Width\s+(\d+)", entry)
        height = re.search(rb"/Height\s+(\d+)", entry)
        if width and height:
            sizes.append((int(width.group(1)), int(height.group(1))))
    return sizes


def _is_blank(result: Any) -> bool:
    if isinstance(result, QImage):
        return result.size().width() <= 1 and result.pixelColor(0, 0).alpha() == 0
    if isinstance(result, QByteArray):
        return result.isEmpty()
    return result == ""


class _RecordingDocument(SafeDocument):
    """A SafeDocument that notes every resource it is asked for, and its answer."""

    def __init__(self) -> None:
        super().__init__()
        self.asked: list[tuple[int, str, Any]] = []

    def loadResource(self, kind: int, name: QUrl) -> Any:
        result = super().loadResource(kind, name)
        self.asked.append((int(getattr(kind, "value", kind)), name.toString(), result))
        return result


# -- Markdown to safe HTML -----------------------------------------------------------------


def test_everyday_markdown_survives() -> None:
    html = to_safe_html(
        "# Week 47 with Ana\n\n"
        "Some *emphasis*, **strong words**, ~~dropped idea~~ and `code`.\n"
        "A second line.\n\n"
        "- first\n- second\n  - nested\n\n"
        "3. three\n4. four\n\n"
        "| Deal | Amount |\n|:-----|-------:|\n| Acme | 40,000 |\n\n"
        "```\nif deal.slips:\n    call()\n```\n\n"
        "> I'll send it Thursday.\n\n"
        "---\n\n"
        'See [the plan](https://example.com/plan "Plan") or <mailto:ana@example.com>.\n\n'
        "Term\n: its definition\n"
    )
    for expected in (
        "<h1>Week 47 with Ana</h1>",
        "<em>emphasis</em>",
        "<strong>strong words</strong>",
        "<del>dropped idea</del>",
        "<code>code</code>",
        "<br>",
        "<li>nested</li>",
        '<ol start="3">',
        '<th align="left">Deal</th>',
        '<td align="right">40,000</td>',
        "<pre><code>if deal.slips:",
        "<blockquote>",
        "<hr>",
        '<a href="https://example.com/plan" title="Plan" rel="noopener noreferrer">the plan</a>',
        "<dt>Term</dt>",
    ):
        assert expected in html
    _assert_within_allow_list(html)


@pytest.mark.parametrize(
    ("markdown", "gone"),
    [
        ("<script>alert('x')</script>", ["<script", "alert"]),
        ("before <script>alert('x')</script> after", ["<script", "alert"]),
        ('<iframe src="https://evil.example/">inside</iframe>', ["<iframe", "evil", "inside"]),
        ("<img src=x onerror=alert(1)>", ["<img", "onerror", "alert"]),
        ('<b onclick="alert(1)">bold</b>', ["onclick", "alert"]),
        ('<p style="color:red" onclick="alert(1)">raw</p>', ["style", "onclick", "alert"]),
        ('<div onmouseover="alert(1)">hover</div>', ["onmouseover", "<div"]),
        ("[click](javascript:alert(1))", ["javascript", "href"]),
        ("[click](JaVaScRiPt:alert(1))", ["avascript", "href"]),
        ('<a href="java&#x09;script:alert(1)">tab</a>', ["script", "href"]),
        ('<a href="  javascript:alert(1)">spaces</a>', ["javascript", "href"]),
        ("[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)", ["data:", "href"]),
        ('<a href="data:text/html,hi">data</a>', ["data:", "href"]),
        ("![pic](data:image/png;base64,iVBORw0KGgo=)", ["data:", "<img", "src"]),
        ('<object data="x.swf">o</object><embed src="x.swf">', ["<object", "<embed", "x.swf"]),
        ('<form action="https://evil.example"><input name="q"></form>', ["<form", "<input"]),
        ('<svg onload="alert(1)"><circle/></svg>', ["<svg", "onload"]),
        ("<style>body { display: none }</style>", ["<style", "display"]),
        ('<link rel="stylesheet" href="https://evil.example/x.css">', ["<link", "evil"]),
        ('<meta http-equiv="refresh" content="0;url=https://evil.example">', ["<meta", "evil"]),
        ('<base href="https://evil.example/">', ["<base", "evil"]),
        ('<span style="background-image:url(x.png)">s</span>', ["style", "x.png", "<span"]),
        ('<table background="x.png"><tr><td>c</td></tr></table>', ["background", "x.png"]),
        ("text {: onclick=alert(1) style=color:red }", ["<p onclick", 'style="']),
    ],
)
def test_dangerous_markup_is_inert(markdown: str, gone: list[str]) -> None:
    html = to_safe_html(markdown)
    for fragment in gone:
        assert fragment.lower() not in html.lower(), (fragment, html)
    _assert_within_allow_list(html)


def test_images_show_as_their_alt_text_and_are_never_loaded() -> None:
    html = to_safe_html(
        "![Team photo](photo.png) ![](https://example.com/tracker.gif)\n\n"
        '![Ref image][pic] [![Badge](badge.svg)](https://example.com)\n\n[pic]: "/etc/x.png"\n'
    )
    assert "[image: Team photo]" in html
    assert "[image]" in html
    assert "[image: Ref image]" in html
    assert '<a href="https://example.com" rel="noopener noreferrer">[image: Badge]</a>' in html
    for fragment in ("<img", "src", "photo.png", "tracker.gif", "/etc/x.png", "badge.svg"):
        assert fragment not in html


@pytest.mark.parametrize(
    "target",
    [
        "/etc/passwd",
        "../secret.md",
        "notes/other.md",
        "file:///etc/passwd",
        "FILE:///C:/Users/me/journal.sqlite",
        "#heading",
        "//evil.example/x",
        "C:\\Users\\me\\journal.sqlite",
        "javascript:alert(1)",
        "vbscript:msgbox(1)",
        "data:text/plain,hi",
        "ftp://example.com/file",
        "coachdesk-resource:icons/coachdesk.svg",
        "https:example.com",
        "http://",
    ],
)
def test_links_to_local_or_scripted_places_keep_their_text_only(target: str) -> None:
    html = to_safe_html(f"Read [the file]({target}) and <a href='{target}'>this</a>.")
    assert _Tags(html).hrefs() == [None, None]
    assert "the file" in html
    assert "this" in html


def test_web_and_mail_links_keep_their_target() -> None:
    html = to_safe_html(
        "[site](https://example.com/a?b=1&c=2#d) [plain](http://example.com) "
        "<https://auto.example/x> <ana@example.com> [mail](mailto:bo@example.com)"
    )
    assert _Tags(html).hrefs() == [
        "https://example.com/a?b=1&c=2#d",
        "http://example.com",
        "https://auto.example/x",
        "mailto:ana@example.com",
        "mailto:bo@example.com",
    ]
    assert html.count('rel="noopener noreferrer"') == 5


@pytest.mark.parametrize(
    ("url", "openable"),
    [
        ("https://example.com", True),
        ("HTTPS://EXAMPLE.COM/path", True),
        ("http://example.com:8080/x?y=1", True),
        ("mailto:ana@example.com", True),
        (QUrl("https://example.com/q?x=1"), True),
        (QUrl("mailto:ana@example.com"), True),
        ("", False),
        ("https://", False),
        ("https:example.com", False),
        ("javascript:alert(1)", False),
        ("java\tscript:alert(1)", False),
        ("https://exa\nmple.com", False),
        ("data:text/html,hi", False),
        ("file:///etc/passwd", False),
        (QUrl.fromLocalFile("/etc/passwd"), False),
        ("/etc/passwd", False),
        ("../x", False),
        ("relative.html", False),
        ("//host/x", False),
        ("mailto:", False),
        ("ftp://example.com", False),
        ("coachdesk-resource:icons/coachdesk.svg", False),
        (QUrl("javascript:alert(1)"), False),
    ],
)
def test_link_is_openable(url: QUrl | str, openable: bool) -> None:
    assert link_is_openable(url) is openable


@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        ("coachdesk-resource:icons/coachdesk.svg", True),
        ("COACHDESK-RESOURCE:icons/coachdesk.svg", True),
        (QUrl("coachdesk-resource:icons/coachdesk.svg"), True),
        ("coachdesk-resource:styles/notes.css", True),
        ("coachdesk-resource:../pyproject.toml", False),
        ("coachdesk-resource:icons/../../pyproject.toml", False),
        ("coachdesk-resource:icons/%2e%2e/%2e%2e/pyproject.toml", False),
        ("coachdesk-resource:icons%2f..%2f..%2fpyproject.toml", False),
        ("coachdesk-resource:./icons/coachdesk.svg", False),
        ("coachdesk-resource:icons//coachdesk.svg", False),
        ("coachdesk-resource:/etc/passwd", False),
        ("coachdesk-resource:///etc/passwd", False),
        ("coachdesk-resource://host/icons/coachdesk.svg", False),
        ("coachdesk-resource:C:/Windows/win.ini", False),
        ("coachdesk-resource:icons\\..\\..\\pyproject.toml", False),
        ("coachdesk-resource:icons/coachdesk.svg?x=1", False),
        ("coachdesk-resource:icons/coachdesk.svg#frag", False),
        ("coachdesk-resource:", False),
        ("file:///etc/passwd", False),
        (QUrl.fromLocalFile("/etc/passwd"), False),
        ("/etc/passwd", False),
        ("icons/coachdesk.svg", False),
        ("../icons/coachdesk.svg", False),
        ("qrc:/icons/coachdesk.svg", False),
        (":/icons/coachdesk.svg", False),
        ("https://example.com/x.png", False),
        ("data:image/png;base64,iVBORw0KGgo=", False),
    ],
)
def test_resource_allowed(url: QUrl | str, allowed: bool) -> None:
    assert resource_allowed(url) is allowed


def test_own_resources_load_and_everything_else_is_blank(qapp: QApplication) -> None:
    icon = resolve_resource(IMAGE, QUrl("coachdesk-resource:icons/coachdesk.svg"))
    assert isinstance(icon, QImage)
    assert icon.width() > 1

    stylesheet = QTextDocument.ResourceType.StyleSheetResource.value
    html = QTextDocument.ResourceType.HtmlResource.value
    for url in ("coachdesk-resource:../pyproject.toml", "file:///etc/passwd", "/etc/passwd"):
        assert _is_blank(resolve_resource(IMAGE, QUrl(url)))
        assert resolve_resource(stylesheet, QUrl(url)) == ""
        assert _is_blank(resolve_resource(html, QUrl(url)))
    # Allowed syntax but no such file: still blank, never an error.
    assert _is_blank(resolve_resource(IMAGE, QUrl("coachdesk-resource:icons/none.png")))


def test_own_resource_image_is_shown(qapp: QApplication) -> None:
    # The icon is 256 px square; a refused image would be a 1 px blank.
    document = make_document('<p><img src="coachdesk-resource:icons/coachdesk.svg"></p>')
    document.setTextWidth(400)
    assert document.size().height() >= 256


def test_make_document_is_safe_and_uses_the_base_font(qapp: QApplication) -> None:
    font = QFont("Sans Serif", 17)
    document = make_document(to_safe_html("Hello **there**"), base_font=font)
    assert isinstance(document, SafeDocument)
    assert document.defaultFont().pointSize() == 17
    assert document.toPlainText() == "Hello there"
    assert not document.isUndoRedoEnabled()


def test_emoji_and_right_to_left_text_render(qapp: QApplication) -> None:
    arabic = "سارة تحتاج إلى مزيد من التدريب"
    hebrew = "שלום עולם"
    emoji = "👍🏽 🎯 👨‍👩‍👧 🇳🇴"
    html = to_safe_html(f"## {arabic}\n\n{hebrew}\n\n**{emoji}**\n")
    for text in (arabic, hebrew, emoji):
        assert text in html
    document = make_document(html)
    plain = document.toPlainText()
    for text in (arabic, hebrew, emoji):
        assert text in plain
    arabic_block = document.find(arabic).block()
    assert arabic_block.textDirection() == Qt.LayoutDirection.RightToLeft
    assert document.find(hebrew).block().textDirection() == Qt.LayoutDirection.RightToLeft
    _painted(document)


def _one_megabyte_note() -> str:
    chunk = (
        "## Week {i} one-on-one\n\n"
        "- Pipeline: **3 deals** in *commit*, one ~~slipping~~.\n"
        "- Agreed: call [Acme](https://acme.example/deal/{i}) before Friday.\n"
        "  - Follow up on pricing with `CFO`.\n\n"
        "| Deal | Stage | Amount |\n|------|:-----:|-------:|\n"
        "| Acme | Commit | 40,000 |\n| Globex | Best case | 12,500 |\n\n"
        '> "I\'ll have the proposal out by Thursday."\n\n'
        "سارة تحتاج إلى مزيد من التدريب 👍🏽 🎯 [x] done [ ] todo\n"
        "Plain notes about objection handling, discovery questions and next steps.\n\n"
    )
    text, i = [], 0
    size = 0
    while size < 1_000_000:
        part = chunk.format(i=i)
        text.append(part)
        size += len(part.encode())
        i += 1
    return "".join(text)


def test_a_one_megabyte_note_renders_in_reasonable_time(
    qapp: QApplication, record_property: Any
) -> None:
    note = _one_megabyte_note()
    started = time.perf_counter()
    html = to_safe_html(note)
    converted = time.perf_counter()
    document = make_document(html)
    document.setTextWidth(800)
    height = document.size().height()
    laid_out = time.perf_counter()

    record_property("to_safe_html_seconds", round(converted - started, 3))
    record_property("document_and_layout_seconds", round(laid_out - converted, 3))
    print(
        f"1 MB note: to_safe_html {converted - started:.2f} s, "
        f"document + layout {laid_out - converted:.2f} s"
    )
    assert height > 10_000
    assert "Week 0 one-on-one" in html and "Week 700 one-on-one" in html
    # Python-Markdown is pure Python: about 2 s per rich megabyte on one core. The
    # bound is loose for shared CI machines; it exists to catch super-linear blow-ups,
    # which take minutes.
    assert converted - started < 20
    assert laid_out - converted < 20


@pytest.mark.parametrize(
    "note",
    [
        pytest.param("[" * 100_000, id="unmatched-brackets"),
        pytest.param("[a](" * 25_000, id="unclosed-links"),
        pytest.param("[[]" * 30_000 + "\n\n[a](b)", id="nested-unbalanced"),
        pytest.param("".join("  " * i + "- x\n" for i in range(1000)), id="deep-list"),
        pytest.param(">" * 5000 + " deep", id="deep-quote"),
        pytest.param("*a " * 30_000, id="stars"),
        pytest.param("`" * 100_000, id="backticks"),
        pytest.param("<" * 100_000, id="angles"),
    ],
)
def test_pathological_notes_render_quickly(note: str) -> None:
    # Before the linear link parsing, 16,000 "[" took 46 s and the deep list minutes.
    started = time.perf_counter()
    html = to_safe_html(note)
    assert time.perf_counter() - started < 10
    _assert_within_allow_list(html)


def test_links_still_parse_after_many_open_brackets() -> None:
    html = to_safe_html("[" * 2000 + " [ok](https://example.com) [[nested]](https://e.example)")
    assert _Tags(html).hrefs() == ["https://example.com", "https://e.example"]
    assert ">[nested]</a>" in html


def test_a_note_that_is_too_deep_still_shows_its_text() -> None:
    note = "".join("    " * i + f"- level {i} <b>\n" for i in range(100))
    html = to_safe_html(note)
    assert "level 99 &lt;b&gt;" in html
    _assert_within_allow_list(html)


def test_empty_note() -> None:
    assert to_safe_html("") == ""


def test_importing_the_module_loads_neither_markdown_nor_nh3() -> None:
    # Start-up speed: the converters load when the first note is rendered.
    probe = (
        "import sys, coachdesk.render.markdown\n"
        "print(sorted({'markdown', 'nh3'} & set(sys.modules)))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


# -- the canary: rendering never reads a file the note names ------------------------------


def test_sanitised_canary_markdown_names_no_file(tmp_path: Path) -> None:
    folder = _canary_folder(tmp_path)
    html = to_safe_html(_canary_markdown(folder))
    assert CANARY_NAME not in html
    assert str(folder) not in html
    _assert_within_allow_list(html)
    assert all(href is None for href in _Tags(html).hrefs())
    assert "[image: absolute]" in html


def test_safe_document_never_reads_the_canary_on_screen_or_in_pdf(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _canary_folder(tmp_path)
    # Base URL and working directory both point at the canary: a renderer that
    # followed relative names from either would find it.
    monkeypatch.chdir(folder)
    base = QUrl.fromLocalFile(f"{folder}/")
    html = _canary_html(folder)

    # The control shows the test can see a read: a plain document paints the canary.
    naive = QTextDocument()
    naive.setBaseUrl(base)
    naive.setHtml(html)
    assert _shows_canary(_painted(naive))
    _print_pdf(naive, tmp_path / "naive.pdf")
    assert (16, 16) in _pdf_image_sizes(tmp_path / "naive.pdf")

    for content in (html, to_safe_html(_canary_markdown(folder))):
        document = _RecordingDocument()
        document.setBaseUrl(base)
        document.setHtml(content)
        assert not _shows_canary(_painted(document))
        pdf = tmp_path / "safe.pdf"
        _print_pdf(document, pdf)
        assert (16, 16) not in _pdf_image_sizes(pdf)
        text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
        assert "cell" in text  # the PDF was really printed
        for _kind, url, result in document.asked:
            assert _is_blank(result), url

    # The unsanitised HTML did reach the policy (sanitised Markdown never does), and
    # every answer, on screen and in print, was blank.
    raw = _RecordingDocument()
    raw.setBaseUrl(base)
    raw.setHtml(html)
    _painted(raw)
    _print_pdf(raw, tmp_path / "again.pdf")
    asked = {url for _kind, url, _result in raw.asked}
    assert (folder / CANARY_NAME).as_uri() in asked
    assert all(url.endswith(CANARY_NAME) for url in asked)
    assert all(_is_blank(result) for _kind, _url, result in raw.asked)


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="strace exists on Linux only")
@pytest.mark.skipif(
    shutil.which("strace") is None,
    reason="strace is not installed (CI installs it; locally: apt-get install strace)",
)
def test_canary_is_never_opened_by_a_real_screen_and_pdf_rendering(tmp_path: Path) -> None:
    folder = _canary_folder(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    inputs = tmp_path / "inputs.json"
    inputs.write_text(
        json.dumps(
            {
                "folder": str(folder),
                "out": str(out),
                "markdown": _canary_markdown(folder),
                "html": _canary_html(folder),
            }
        ),
        encoding="utf-8",
    )
    log = tmp_path / "syscalls.log"
    # %file is every syscall that takes a file name (open, openat, openat2, stat,
    # statx, newfstatat, access, readlink, ...) and, unlike a list of names, is valid
    # on every architecture (aarch64 has no plain open or stat).
    command = ["strace", "-f", "-qq", "-e", "trace=%file", "-o", str(log)]
    child = [sys.executable, str(HERE / "canary_render.py"), str(inputs)]
    result = subprocess.run(
        [*command, *child],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr
    assert "rendered" in result.stdout
    assert (out / "note-0.pdf").stat().st_size > 0
    assert (out / "note-1.pdf").stat().st_size > 0

    lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
    opened_control = [line for line in lines if "control.png" in line and "open" in line]
    assert opened_control, "the log does not show Qt opening files; the test proves nothing"
    mentions = [line for line in lines if CANARY_NAME in line]
    assert mentions == [], "\n".join(mentions)
