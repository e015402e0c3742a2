"""Notes written in Markdown, turned into safe HTML and shown under one resource policy.

Two layers keep a note from reaching anything outside itself:

1. ``to_safe_html`` converts Markdown with Python-Markdown and cleans the result with nh3
   against an explicit allow-list. Images never survive (``![alt](src)`` becomes the text
   "[image: alt]"), nor do scripts, frames, forms, ``style`` or event attributes, and a
   link keeps its ``href`` only when ``link_is_openable`` accepts it (http, https,
   mailto). Relative links, absolute paths, ``../``, ``file:``, ``javascript:`` and
   ``data:`` lose their ``href`` and stay as plain text.

2. ``SafeDocument`` is the only ``QTextDocument`` the app renders HTML into. Its
   ``loadResource`` never touches the file system or the network: it answers every
   request with a blank result, except for the app's own resources, addressed as
   ``coachdesk-resource:icons/name.svg`` and read through ``coachdesk.assets.resource``
   (path traversal refused; see ``resource_allowed``). A blank *image* is a valid 1×1
   transparent image on purpose: when ``loadResource`` returns nothing for an image, Qt's
   image handler falls back to opening the ``src`` as a file itself.

Screen, print and PDF all go through this policy: views build their content with
``make_document(html)`` (or, for ``MarkdownView``, install a ``SafeDocument`` and
override the widget's own ``loadResource`` the same way), and printing or PDF export
calls ``print_`` on such a document; Qt's print copy of a document asks its parent, the
``SafeDocument``, for resources.

Python-Markdown and nh3 are imported on first use, so importing this module stays
cheap; the user interface still imports it only when a note is first shown.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from PySide6.QtCore import QByteArray, QCoreApplication, QObject, QUrl
from PySide6.QtGui import QColor, QFont, QImage, QTextDocument

if TYPE_CHECKING:
    import markdown

#: The URL scheme of the app's own resources, e.g. ``coachdesk-resource:icons/x.svg``.
RESOURCE_SCHEME = "coachdesk-resource"

#: Schemes a link may use; everything else is kept as text only.
OPENABLE_SCHEMES = frozenset({"http", "https", "mailto"})

#: Tags a rendered note may contain. No img, style, script, frame, form or media tags.
ALLOWED_TAGS = frozenset(
    {
        "a",
        "b",
        "blockquote",
        "br",
        "code",
        "dd",
        "del",
        "dl",
        "dt",
        "em",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "i",
        "li",
        "ol",
        "p",
        "pre",
        "s",
        "strong",
        "table",
        "tbody",
        "td",
        "th",
        "thead",
        "tr",
        "ul",
    }
)

#: Attributes allowed per tag; nothing else (no style, class, id or on* handlers).
ALLOWED_ATTRIBUTES: dict[str, frozenset[str]] = {
    "a": frozenset({"href", "title"}),
    "ol": frozenset({"start"}),
}

#: Attributes allowed only with these values (table column alignment).
ALLOWED_ATTRIBUTE_VALUES: dict[str, dict[str, frozenset[str]]] = {
    cell: {"align": frozenset({"left", "center", "right"})} for cell in ("th", "td")
}

# Tags removed together with their content: their text is code or markup, not prose.
_DROPPED_WITH_CONTENT = frozenset(
    {
        "script",
        "style",
        "iframe",
        "frame",
        "frameset",
        "object",
        "embed",
        "applet",
        "noscript",
        "noembed",
        "noframes",
        "template",
        "textarea",
        "select",
        "svg",
        "math",
        "title",
    }
)

# Markdown extensions chosen for notes. Deliberately absent: "extra" as a whole,
# because its md_in_html and attr_list let a note set arbitrary attributes or mix
# raw HTML blocks with Markdown; footnotes and toc, whose links are relative.
_EXTENSIONS = ("fenced_code", "tables", "def_list", "sane_lists", "nl2br")

_LINK_REL = "noopener noreferrer"

# Indentation deeper than 64 nested list levels (see to_safe_html).
_TOO_DEEP = re.compile(r"^[ \t]{256,}", re.MULTILINE)

# Longest ordered-list start kept; anything longer is not a list number anyone typed.
_MAX_START_DIGITS = 9


def to_safe_html(text: str) -> str:
    """Convert a note's Markdown to HTML that holds no scripts, images or local links."""
    import nh3

    # Python-Markdown re-reads a nested block once per level and recurses as it goes:
    # a list nested hundreds deep takes minutes or exhausts the stack. Nobody indents a
    # note that far on purpose, so such a note is shown as plain text instead.
    if _TOO_DEEP.search(text):
        html = _plain_text_html(text)
    else:
        try:
            html = _markdown_converter().convert(text)
        except RecursionError:
            html = _plain_text_html(text)
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(_DROPPED_WITH_CONTENT),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        tag_attribute_values={
            tag: {name: set(values) for name, values in rules.items()}
            for tag, rules in ALLOWED_ATTRIBUTE_VALUES.items()
        },
        attribute_filter=_filter_attribute,
        url_schemes=set(OPENABLE_SCHEMES),
        link_rel=_LINK_REL,
        strip_comments=True,
    )


def link_is_openable(url: QUrl | str) -> bool:
    """Whether a link may be opened outside the app: http(s) with a host, or mailto."""
    text = _url_text(url).strip()
    # Browsers and URL parsers silently drop tabs and newlines inside a URL, which is
    # how "java\tscript:" slips past a naive scheme check; refuse them outright.
    if not text or any(ch.isspace() or ord(ch) < 0x20 or ord(ch) == 0x7F for ch in text):
        return False
    try:
        parts = urlsplit(text)
    except ValueError:
        return False
    scheme = parts.scheme.lower()
    if scheme in ("http", "https"):
        return bool(parts.hostname)
    if scheme == "mailto":
        return bool(parts.path)
    return False


def resource_allowed(url: QUrl | str) -> bool:
    """Whether a URL names one of the app's own resources, with no way out of them.

    Only ``coachdesk-resource:relative/path`` qualifies: no host, query or fragment, and
    no empty, ``.``, ``..`` or drive-like segment, also after percent-decoding.
    """
    text = _url_text(url)
    if any(ch.isspace() or ord(ch) < 0x20 or ord(ch) == 0x7F for ch in text):
        return False
    try:
        parts = urlsplit(text)
    except ValueError:
        return False
    if parts.scheme.lower() != RESOURCE_SCHEME:
        return False
    if parts.netloc or parts.query or parts.fragment or "#" in text or "?" in text:
        return False
    return _resource_path(parts.path) is not None


def resolve_resource(kind: int, url: QUrl) -> Any:
    """The answer to a ``loadResource(kind, url)`` request under the app's policy.

    The app's own resources are read from the package; every other request gets a blank
    result that Qt accepts as loaded, so it never goes looking for the file itself.
    """
    data = _read_own_resource(url) if resource_allowed(url) else None
    code = int(getattr(kind, "value", kind))
    if code == QTextDocument.ResourceType.ImageResource.value:
        image = QImage()
        if data is not None:
            image.loadFromData(data)
        return image if not image.isNull() else _blank_image()
    if code == QTextDocument.ResourceType.StyleSheetResource.value:
        return data.decode("utf-8", errors="replace") if data is not None else ""
    return QByteArray(data or b"")


class SafeDocument(QTextDocument):
    """A text document that loads nothing but the app's own resources.

    Every screen, print and PDF rendering of HTML in the app uses this class, so there
    is one place that decides what a document may read.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # Rendered notes are read-only; an undo history would only hold memory.
        self.setUndoRedoEnabled(False)
        self.setDefaultStyleSheet(_DEFAULT_STYLE)

    def loadResource(self, kind: int, name: QUrl | str) -> Any:
        """Answer Qt's resource requests from the app's policy; never from disk or net."""
        return resolve_resource(kind, QUrl(name) if isinstance(name, str) else name)


def make_document(html: str, *, base_font: QFont | None = None) -> SafeDocument:
    """Build a ``SafeDocument`` holding ``html``, for showing, printing or PDF export."""
    document = SafeDocument()
    if base_font is not None:
        document.setDefaultFont(base_font)
    document.setHtml(html)
    return document


# Tables get visible cell borders, in a grey that reads on light and dark themes alike.
_DEFAULT_STYLE = """
table { border-collapse: collapse; margin-top: 6px; margin-bottom: 6px; }
th, td { border: 1px solid gray; padding: 3px 6px; }
"""


def _url_text(url: QUrl | str) -> str:
    if isinstance(url, QUrl):
        return bytes(url.toEncoded().data()).decode("ascii", errors="replace")
    return str(url)


def _resource_path(encoded_path: str) -> str | None:
    """The relative path inside the resources package, or None if it could escape."""
    path = unquote(encoded_path)
    if not path or path.startswith("/") or "\\" in path or "\x00" in path:
        return None
    segments = path.split("/")
    if any(seg in ("", ".", "..") or ":" in seg for seg in segments):
        return None
    return "/".join(segments)


def _read_own_resource(url: QUrl) -> bytes | None:
    from coachdesk.assets import resource

    relative = _resource_path(urlsplit(_url_text(url)).path)
    if relative is None:
        return None
    root = resource("").resolve()
    target = resource(relative).resolve()
    # The syntactic check already refuses "..": this also catches a symlink that
    # points out of the resources folder.
    if not target.is_relative_to(root) or not target.is_file():
        return None
    return target.read_bytes()


def _blank_image() -> QImage:
    image = QImage(1, 1, QImage.Format.Format_ARGB32)
    image.fill(QColor(0, 0, 0, 0))
    return image


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    """nh3's last word on each kept attribute: links must be openable, starts numeric."""
    if attribute == "href":
        return value if link_is_openable(value) else None
    if tag == "ol" and attribute == "start":
        digits = value.strip()
        return digits if digits.isdigit() and len(digits) <= _MAX_START_DIGITS else None
    return value


def _plain_text_html(text: str) -> str:
    import html

    paragraphs = (p for p in text.replace("\r\n", "\n").split("\n\n") if p.strip())
    return "\n".join(
        "<p>" + html.escape(p, quote=False).replace("\n", "<br>\n") + "</p>" for p in paragraphs
    )


def _markdown_converter() -> markdown.Markdown:
    """A fresh converter: Markdown instances keep state between conversions."""
    import markdown

    extensions = _note_extensions()
    return markdown.Markdown(
        extensions=[*_EXTENSIONS, *(extension() for extension in extensions)],
        extension_configs={"tables": {"use_align_attribute": True}},
        output_format="html",
    )


@functools.cache
def _note_extensions() -> tuple[type[Any], ...]:
    """Our own extensions, defined on first use so that Markdown loads lazily."""
    from xml.etree import ElementTree

    from markdown.extensions import Extension
    from markdown.inlinepatterns import SimpleTagInlineProcessor
    from markdown.treeprocessors import Treeprocessor

    class Strikethrough(Extension):
        """``~~struck~~`` becomes ``<del>``, as in most note-taking apps."""

        def extendMarkdown(self, md: markdown.Markdown) -> None:
            # Below emphasis (priority 60) so "~~*a*~~" nests, above plain text.
            md.inlinePatterns.register(
                SimpleTagInlineProcessor(r"(~{2})(?!~)(.+?)(?<!~)~{2}", "del"), "del", 55
            )

    class ImagesAsText(Extension):
        """Images are never loaded: ``![alt](src)`` shows as "[image: alt]"."""

        def extendMarkdown(self, md: markdown.Markdown) -> None:
            # After the inline pass (priority 20) has created the img elements.
            md.treeprocessors.register(_ImageText(md), "image_text", 15)

    class _ImageText(Treeprocessor):
        def run(self, root: ElementTree.Element) -> None:
            for element in list(root.iter("img")):
                alt = (element.get("alt") or "").strip()
                element.attrib.clear()
                # A span is not on the allow-list, so nh3 keeps only its text.
                element.tag = "span"
                element.text = _image_label(alt)

    class LinearLinks(Extension):
        """Link parsing that stays linear however many brackets a note leaves open."""

        def extendMarkdown(self, md: markdown.Markdown) -> None:
            for name in _LINK_PROCESSORS:
                if name in md.inlinePatterns:
                    # Link processors (LinkInlineProcessor and its kin) have both.
                    processor: Any = md.inlinePatterns[name]
                    processor.getText = _MatchedBrackets(processor.getText)
                    processor.getLink = _BoundedLinkTail(processor.getLink)

    return Strikethrough, ImagesAsText, LinearLinks


# Python-Markdown's processors that look for "[text]" and "(destination)".
_LINK_PROCESSORS = (
    "reference",
    "link",
    "image_link",
    "image_reference",
    "short_reference",
    "short_image_ref",
)

_BRACKET = re.compile(r"[\[\]]")

# Longest "(destination "title")" looked for after "[text]"; real links are far shorter.
_MAX_LINK_TAIL = 8192


class _MatchedBrackets:
    """Stands in for a link processor's ``getText``, with the same answers.

    The original walks, character by character, from each "[" to its matching "]",
    or to the end of the paragraph when there is none: quadratic in the number of
    unmatched "[" (16,000 of them took 46 s). One walk here records the match of every
    "[" it passes, so each bracket of a paragraph is visited once.
    """

    def __init__(self, fallback: Any) -> None:
        self._fallback = fallback
        self._data: str | None = None
        self._closing: dict[int, int] = {}

    def __call__(self, data: str, index: int) -> tuple[str, int, bool]:
        opener = index - 1
        if opener < 0 or data[opener] != "[":
            found: tuple[str, int, bool] = self._fallback(data, index)
            return found
        # Inline processing passes the same string object until a link is replaced,
        # so identity is a safe and cheap key.
        if self._data is not data:
            self._data, self._closing = data, {}
        if opener not in self._closing:
            self._walk(data, opener)
        closing = self._closing[opener]
        if closing < 0:
            return "", index, False
        return data[index:closing], closing + 1, True

    def _walk(self, data: str, opener: int) -> None:
        open_brackets = [opener]
        for match in _BRACKET.finditer(data, opener + 1):
            position = match.start()
            if data[position] == "[":
                open_brackets.append(position)
                continue
            self._closing[open_brackets.pop()] = position
            if not open_brackets:
                return
        for position in open_brackets:
            self._closing[position] = -1


class _BoundedLinkTail:
    """Stands in for ``getLink``: looks at most ``_MAX_LINK_TAIL`` characters ahead.

    The original scans to the end of the paragraph for the closing ")", once per
    candidate link, which is quadratic on text like "[a](" repeated.
    """

    def __init__(self, original: Any) -> None:
        self._original = original

    def __call__(self, data: str, index: int) -> tuple[str, str | None, int, bool]:
        tail = data[index : index + _MAX_LINK_TAIL]
        if ")" not in tail:
            return "", None, index, False
        href, title, end, handled = self._original(tail, 0)
        return href, title, index + end, handled


def _image_label(alt: str) -> str:
    if not alt:
        return QCoreApplication.translate("Markdown", "[image]")
    return QCoreApplication.translate("Markdown", "[image: {alt}]").format(alt=alt)
