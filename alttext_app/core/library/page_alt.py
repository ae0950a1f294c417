"""Fill missing alt text in web pages (HTML) and Markdown, changing nothing else.

Only images with NO alt attribute are filled: `alt=""` is an author's statement that an image is
decorative and is left alone, as is every existing alt. The page is edited by inserting text at
exact offsets, so every other byte of the file stays identical (line endings, entities, odd
markup). Pages that are not UTF-8 are read byte-for-byte as Latin-1 and the new alt text is
written as ASCII with character references, so their bytes stay valid in any ASCII-based charset.
"""

from __future__ import annotations

import base64
import binascii
import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from alttext_app.core.errors import user_message
from alttext_app.core.formats import markdown_alt, one_line

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")


class Syntax(str, Enum):
    HTML = "html"
    MARKDOWN = "markdown"


@dataclass
class Missing:
    """One image without alt text, and where its alt text goes."""

    offset: int  # character offset in the decoded page where the new text is inserted
    line: int
    src: str
    syntax: Syntax
    alt: str | None = None  # filled by the caller (a proposal); None = leave this image alone
    note: str = ""  # why no alt was proposed (remote image, file not found, …)


@dataclass
class Page:
    path: Path
    text: str
    encoding: str  # "utf-8" or "latin-1" (see module note)
    missing: list[Missing]

    def updated_bytes(self) -> bytes:
        """The page with every proposed alt inserted; all other bytes as they were."""
        pieces, last = [], 0
        for item in sorted(self.missing, key=lambda m: m.offset):
            if item.alt is None:
                continue
            pieces += [self.text[last : item.offset], self._alt_text(item)]
            last = item.offset
        pieces.append(self.text[last:])
        return "".join(pieces).encode(self.encoding, errors="surrogateescape")

    def _alt_text(self, item: Missing) -> str:
        if item.syntax is Syntax.MARKDOWN:
            text = markdown_alt(item.alt or "")
        else:
            text = f' alt="{html.escape(one_line(item.alt or ""), quote=True)}"'
        if self.encoding != "utf-8":
            text = text.encode("ascii", "xmlcharrefreplace").decode()
        return text


def read_page(path: str | Path) -> Page:
    path = Path(path)
    data = path.read_bytes()
    try:
        text, encoding = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        text, encoding = data.decode("latin-1"), "latin-1"
    if path.suffix.lower() in MARKDOWN_SUFFIXES:
        code = _code_ranges(text)
        missing = [m for m in _missing_html(text) + _missing_markdown(text, code)
                   if not _inside(m.offset, code)]
    else:
        missing = _missing_html(text)
    return Page(path, text, encoding, sorted(missing, key=lambda m: m.offset))


class _ImgFinder(HTMLParser):
    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        # Lines as HTMLParser counts them: ends at "\n" only.
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.found: list[Missing] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "img" or any(name == "alt" for name, _ in attrs):
            return
        raw = self.get_starttag_text() or ""
        line, column = self.getpos()
        start = self.line_starts[line - 1] + column
        body = raw[:-2] if raw.endswith("/>") else raw[:-1]
        src = next((value or "" for name, value in attrs if name == "src"), "")
        self.found.append(Missing(start + len(body.rstrip()), line, src, Syntax.HTML))


def _missing_html(text: str) -> list[Missing]:
    finder = _ImgFinder(text)
    finder.feed(text)
    finder.close()
    return finder.found


# ![](destination "title") with an empty alt; destination in <…> or without spaces.
_MD_EMPTY_IMAGE = re.compile(r'!\[\]\((?:<([^<>\n]*)>|([^\s()]*(?:\([^\s()]*\)[^\s()]*)*))(?:\s+(?:"[^"\n]*"|\'[^\'\n]*\'|\([^)\n]*\)))?\s*\)')
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})", re.MULTILINE)
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1", re.DOTALL)


def _missing_markdown(text: str, code: list[tuple[int, int]]) -> list[Missing]:
    found = []
    for match in _MD_EMPTY_IMAGE.finditer(text):
        if match.start() > 0 and text[match.start() - 1] == "\\":
            continue  # \![]( is literal text
        line = text.count("\n", 0, match.start()) + 1
        src = match.group(1) if match.group(1) is not None else match.group(2)
        found.append(Missing(match.start() + 2, line, src, Syntax.MARKDOWN))
    return found


def _code_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges of fenced code blocks and code spans, where nothing is an image."""
    ranges, position = [], 0
    while (opening := _FENCE.search(text, position)) is not None:
        marker = opening.group(1)
        closing = re.compile(rf"^ {{0,3}}{marker[0]}{{{len(marker)},}}\s*$", re.MULTILINE)
        end_line = text.find("\n", opening.end())
        found = closing.search(text, end_line + 1) if end_line >= 0 else None
        end = found.end() if found else len(text)
        ranges.append((opening.start(), end))
        position = end
    for span in _CODE_SPAN.finditer(text):
        if not _inside(span.start(), ranges):
            ranges.append(span.span())
    return ranges


def _inside(offset: int, ranges: list[tuple[int, int]]) -> bool:
    return any(start <= offset < end for start, end in ranges)


def image_source(page: Path, src: str) -> Path | bytes | str:
    """What an image reference points at: a local file, decoded data: bytes, or a reason (str)
    why it cannot be read without the network."""
    parts = urlsplit(src.strip())
    if parts.scheme == "data":
        header, _, payload = src.partition(",")
        try:
            if header.endswith(";base64"):
                return base64.b64decode(payload, validate=False)
            return unquote(payload).encode("latin-1")
        except (binascii.Error, UnicodeEncodeError):
            return "the data: image is damaged"
    if parts.scheme in ("http", "https") or parts.netloc or src.startswith("//"):
        return "a web image (AltText does not download)"
    if parts.scheme not in ("", "file"):
        return f"a {parts.scheme}: address"
    if not parts.path:
        return "no image source"
    path = Path(unquote(parts.path))
    return path if path.is_absolute() else page.parent / path


def propose(page: Page, caption: Callable[[Path | bytes], str]) -> None:
    """Fill `alt` of each missing entry with `caption(image)`, or a `note` why not."""
    for item in page.missing:
        source = image_source(page.path, item.src)
        if isinstance(source, str):
            item.note = source
        elif isinstance(source, Path) and not source.is_file():
            item.note = "the image file is not there"
        else:
            try:
                item.alt = caption(source)
            except Exception as exc:  # reported per image; the page goes on
                item.note = user_message(exc)
