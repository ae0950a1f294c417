"""Alt text as people paste it: plain text, an HTML <img> tag or a Markdown image, escaped safely."""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import quote

from alttext_app.core.settings import COPY_FORMATS

# A placeholder source when the image has no file (pasted or dragged image data).
DEFAULT_SRC = "image.png"
_SPACES = re.compile(r"\s+")
_MARKDOWN_SPECIAL = re.compile(r"([\\\[\]])")


def one_line(text: str) -> str:
    """Alt text is one line: newlines and runs of spaces become single spaces."""
    return _SPACES.sub(" ", text or "").strip()


def image_src(path: str | Path | None) -> str:
    """The file name, percent-encoded: web authors keep images beside the page, and a full local
    path would both leak the user's folder names and break once published."""
    if not path:
        return DEFAULT_SRC
    return quote(Path(path).name, safe="")


def as_html(alt: str, path: str | Path | None = None) -> str:
    """`<img src="…" alt="…">` with quotes, ampersands and angle brackets escaped."""
    src = html.escape(image_src(path), quote=True)
    return f'<img src="{src}" alt="{html.escape(one_line(alt), quote=True)}">'


def markdown_alt(alt: str) -> str:
    """Alt text for inside `![…]`: brackets and backslashes escaped so the link holds."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", one_line(alt))


def as_markdown(alt: str, path: str | Path | None = None) -> str:
    """`![alt](file)` with the alt text escaped (see markdown_alt)."""
    return f"![{markdown_alt(alt)}]({image_src(path)})"


def format_alt_text(alt: str, fmt: str, path: str | Path | None = None) -> str:
    """Alt text in one of COPY_FORMATS ("plain", "html", "markdown")."""
    if fmt == "html":
        return as_html(alt, path)
    if fmt == "markdown":
        return as_markdown(alt, path)
    if fmt != "plain":
        raise ValueError(f"unknown copy format {fmt!r}; expected one of {COPY_FORMATS}")
    return one_line(alt)
