"""Build the TextScene of a text-heavy image: what it is for and which of its text matters.

Order of work: keep the lines worth reading (plausible words, read confidently), take out a
line-number gutter, put the title first and the rest in reading order, then add what the kind
needs: a chart's type, series and range (text_chart, from the pixels), a listing's language,
names and first meaningful line, a table's headers and size, a dialog's message and buttons
(text_layout). Renderers (render_en_text, and other languages') only read the result.
"""

from __future__ import annotations

from dataclasses import replace

from PIL import Image

from alttext_app.core.builtin.ocr import OcrResult
from alttext_app.core.builtin.text_chart import chart_info
from alttext_app.core.builtin.text_layout import code_info, find_dialog, find_table, strip_gutter
from alttext_app.core.builtin.text_lines import (
    Line,
    code_language,
    code_score,
    group_lines,
    looks_like_words,
    paragraphs,
    sentences,
)
from alttext_app.core.builtin.text_scene import ChartInfo, TextScene

# Lines read with less confidence than this are not quoted; below SURE they are hedged.
QUOTE_CONFIDENCE = 0.6
SURE_CONFIDENCE = 0.8


def good_lines(ocr: OcrResult | None, kind: str | None = None) -> list[Line]:
    """Lines worth reading: plausible words, or for code any line with letters or digits in it."""
    if ocr is None:
        return []
    lines = group_lines(ocr)
    if kind == "code":
        return [ln for ln in lines if looks_like_words(ln.text) or code_score(ln.text) >= 0.5]
    return [ln for ln in lines if looks_like_words(ln.text)]


def build_text_scene(ocr: OcrResult, kind: str, image: Image.Image | None = None) -> TextScene:
    """The structure of a text-heavy image of this kind (see text_scene)."""
    lines = [ln for ln in good_lines(ocr, kind) if ln.confidence >= QUOTE_CONFIDENCE]
    if kind != "chart":
        lines = strip_gutter(lines)
    if not lines:
        return TextScene(kind, sure=False)
    ordered = _by_importance(lines, kind)
    sure = ordered[0].confidence >= SURE_CONFIDENCE
    if sure:  # a plain quote vouches for every line, so the doubtful ones stay out
        ordered = [ln for ln in ordered if ln.confidence >= SURE_CONFIDENCE]
    words = [w for ln in lines for w in ln.words]
    if kind == "code":
        info = code_info(lines, code_language("\n".join(ln.text for ln in lines)))
        start = next((i for i, ln in enumerate(ordered) if ln.text == info.first), 0)
        return TextScene(kind, None, _texts(ordered[start:]), sure, code=info)
    if kind == "chart":
        # Only the title is quoted: axis ends are often misread or missed (a lone "0"), so the
        # range comes from the tick geometry instead (text_chart), or is left out.
        title = ordered[0]
        info = chart_info(image, words, lines, title) if image is not None else ChartInfo()
        return TextScene(kind, title.text, (), sure, chart=info)
    if kind == "table":
        # Every confident word counts for the grid: a cell such as "tmpfs" is no language word.
        rows = [ln for ln in strip_gutter(group_lines(ocr)) if ln.confidence >= QUOTE_CONFIDENCE]
        table = find_table([w for ln in rows for w in ln.words])
        if table is not None and ocr.partial:  # rows below the read budget were not counted
            table = replace(table, rows=None)
        return TextScene(kind, None, (), sure, table=table)
    if kind == "dialog" and image is not None:
        dialog = find_dialog(words, image.size)
        if dialog is not None:
            rest = [ln.text for ln in ordered if ln.text != dialog.message
                    and not any(b in ln.text for b in dialog.buttons)]
            return TextScene(kind, None, tuple(rest), sure, dialog=dialog)
        kind = "screenshot"
    if kind == "document":
        # Quote whole sentences, not the fragments that happen to end a printed line.
        # A title has its own letter size or position, so it stays a paragraph of its own.
        ordered = [s for para in paragraphs(ordered) for s in sentences(para)]
    code = None
    if kind == "screenshot":
        # A screen partly showing code (an editor or terminal beside other windows): say so.
        codey = [ln for ln in lines if code_score(ln.text) >= 0.5]
        language = code_language("\n".join(ln.text for ln in codey))
        if len(codey) >= 3 and len(codey) >= 0.3 * len(lines) and language:
            code = code_info(codey, language)
    # A line said once is enough: a listing's column of "root", "root", … tells nobody anything more.
    return TextScene(kind, None, tuple(dict.fromkeys(_texts(ordered))), sure, code=code)


def _texts(lines: list[Line]) -> tuple[str, ...]:
    return tuple(ln.text.strip().strip("\"“”") for ln in lines)


def _by_importance(lines: list[Line], kind: str) -> list[Line]:
    """Title first (the biggest letters, near the top for charts), then the rest in reading order.

    Outside code listings, lines that look like code or debris (a terminal or editor on a busy
    desktop) go last: the words people can read are the ones worth quoting.
    """
    if kind == "code":
        return lines
    plain = [ln for ln in lines if code_score(ln.text) < 0.5] or lines
    body = sorted(ln.height for ln in lines)[len(lines) // 2]
    # A title has words in it: a lone "0" may be a tall cursor block or an axis label.
    worded = [ln for ln in plain if sum(ch.isalpha() for ch in ln.text) >= 3] or plain
    if kind == "chart":
        top = min(ln.y for ln in worded)
        top_band = [ln for ln in worded if ln.y <= top + 3 * max(x.height for x in worded)]
        title = max(top_band or worded, key=lambda ln: (ln.height, -ln.y))
    else:
        title = max(worded, key=lambda ln: (ln.height, -ln.y))
        if title.height < 1.3 * body:
            title = None
    ordered = ([title] if title else []) + [ln for ln in plain if ln is not title]
    return ordered + [ln for ln in lines if ln not in ordered]
