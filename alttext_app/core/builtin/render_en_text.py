"""English alt text for a TextScene: the kind when it matters, what it is for, its text quoted.

"Line chart titled “Network traffic” over 60 minutes, with Download and Upload series",
"Code listing in Python defining read_prices and cheapest, starting “def read_prices(…”",
"Table with 5 rows and columns “Title”, “Author” and “Year”",
"Dialog asking “Delete 12 photos from the album?”, with buttons Yes and Cancel".
Quotes are whole lines as far as the budget allows (the first is cut at a word if it must be);
the final period is left to the alt-text rules.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from alttext_app.core.builtin.text_scene import ChartInfo, TextScene

_UNREADABLE = {
    "screenshot": "Screenshot with text that could not be read",
    "document": "Document with text that could not be read",
    "code": "Code listing that could not be read",
    "chart": "Chart",
    "table": "Table that could not be read",
    "dialog": "Dialog with text that could not be read",
}
_TIME_UNITS = ("milliseconds", "seconds", "minutes", "hours", "days", "weeks", "months", "years")
_SHORT_UNIT = {"s": "seconds", "ms": "milliseconds", "min": "minutes", "h": "hours", "d": "days"}


def and_join(items: Sequence[str]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def render_en_text(scene: TextScene, max_chars: int) -> str:
    """The sentence for a text-heavy image, or "" when a photo's or graphic's text is unreadable."""
    verb = "reading" if scene.sure else "that may read"
    if scene.title is None and not scene.lines and scene.table is None and scene.dialog is None:
        return _UNREADABLE.get(scene.kind, "")
    if scene.kind == "code":
        return _code(scene, max_chars)
    if scene.kind == "chart":
        return _chart(scene, max_chars)
    if scene.kind == "table" and scene.table is not None:
        t = scene.table
        size = "Table" if t.rows is None else f"Table with {t.rows} row{'s' if t.rows != 1 else ''}"
        if len(t.headers) == 1:  # the header row as one line (its cells were not told apart)
            return _with_quotes(f"{size}{',' if t.rows is not None else ''} headed", t.headers, max_chars)
        joiner = " and columns " if t.rows is not None else " with columns "
        return _fit([size + joiner + and_join([f"“{h}”" for h in t.headers[:6]]), size], max_chars)
    if scene.kind == "dialog" and scene.dialog is not None:
        d = scene.dialog
        asks = "asking" if (d.message or "").rstrip().endswith("?") else "saying"
        buttons = f", with buttons {and_join(d.buttons)}" if d.buttons else ""
        head = f"Dialog {asks}" if scene.sure else f"Dialog that may be {asks}"
        quoted = _with_quotes(head, [d.message or "", *scene.lines], max_chars - len(buttons))
        return quoted + buttons
    if scene.kind == "screenshot" and scene.code is not None and scene.code.language:
        defines = f" defining {and_join(scene.code.names[:2])}" if scene.code.names else ""
        head = f"Screenshot with {scene.code.language} code{defines}, {verb}"
        return _with_quotes(head, [t for t in (scene.title, *scene.lines) if t], max_chars)
    head = {
        "screenshot": f"Screenshot {verb}",
        "document": f"Document {verb}",
        "graphic": f"Graphic {verb}",
        "photo": f"Text {verb}",
    }.get(scene.kind, f"Text {verb}")
    return _with_quotes(head, [t for t in (scene.title, *scene.lines) if t], max_chars)


def _code(scene: TextScene, max_chars: int) -> str:
    info = scene.code
    head = "Code listing"
    if info and info.language:
        head += f" in {info.language}"
    if info and info.names:
        files = [n for n in info.names if "." in n]
        defs = [n for n in info.names if "." not in n]
        if files:
            head += f" from {files[0]}"
        if defs:
            head += f" defining {and_join(defs[:3])}"
    if len(head) > max_chars // 2 and info and info.language:
        head = f"Code listing in {info.language}"
    return _with_quotes(f"{head}, starting", list(scene.lines), max_chars)


def _span(info: ChartInfo) -> str:
    """'over 60 minutes', 'from 2015 to 2024', 'over 120 seconds' ("20s … 120s"), or ''."""
    if not info.x_from or not info.x_to:
        return ""
    unit = (info.x_unit or "").strip()
    low, high = info.x_from, info.x_to
    suffix = re.match(r"^([-+−]?[\d.,]+)\s*([a-zA-Z%]+)$", high)
    if suffix and suffix.group(2).lower() in _SHORT_UNIT:
        high, unit = suffix.group(1), _SHORT_UNIT[suffix.group(2).lower()]
        low = re.sub(r"[a-zA-Z%]+$", "", low)
    paren = re.search(r"\((\w+)\)", unit)
    if paren and paren.group(1).lower() in _SHORT_UNIT:
        unit = _SHORT_UNIT[paren.group(1).lower()]
    unit = unit if unit.lower() in _TIME_UNITS else ""
    if unit and re.fullmatch(r"0+([.,]0+)?", low):
        return f"over {high} {unit.lower()}"
    return f"from {low} to {high}" + (f" {unit.lower()}" if unit else "")


def _chart(scene: TextScene, max_chars: int) -> str:
    info = scene.chart or ChartInfo()
    kind = {"line": "Line chart", "bar": "Bar chart"}.get(info.chart_type or "", "Chart")
    head = f"{kind} titled" if scene.sure else f"{kind} that may be titled"
    title = _with_quotes(head, [scene.title or ""], max_chars)
    span = _span(info)
    parts = [f" {span}" if span else ""]
    if info.series:
        parts.append(f", with {and_join(info.series[:4])} series" if len(info.series) > 1
                     else f", showing {info.series[0]}")
    if info.categories:
        parts.append(f", comparing {and_join(info.categories[:6])}")
    candidates = [title + "".join(parts[:n]) for n in range(len(parts), -1, -1)]
    return _fit(candidates, max_chars)


def _fit(candidates: Sequence[str], max_chars: int) -> str:
    """The first candidate (richest first) that fits the budget, else the shortest, cut."""
    for text in candidates:
        if len(text) <= max_chars - 1:
            return text
    return candidates[-1][: max_chars - 2].rstrip(" ,") + "…"


def _with_quotes(head: str, lines: Sequence[str], max_chars: int) -> str:
    """head + quoted lines, as many whole lines as fit; the first line is cut if it must be."""
    budget = max_chars - 1  # leave room for the final period the alt-text rules add
    out = head
    for i, text in enumerate(t.strip().strip("\"“”") for t in lines):
        if not text:
            continue
        sep = " " if out == head else ", "
        piece = f"{sep}“{text}”"
        if len(out) + len(piece) <= budget:
            out += piece
        elif out == head or budget - len(out) >= 40:
            room = budget - len(out) - 6
            cut = text[:room]
            if " " in cut:
                cut = cut[: cut.rfind(" ")]
            if len(cut) < 3:
                return out
            out += f"{sep}“{cut.rstrip(' ,;:')}…”"
            break
        else:
            break
        if i == 0 and head.endswith("titled"):
            break
    return out
