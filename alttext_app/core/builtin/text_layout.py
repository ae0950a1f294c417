"""Layout of the words on a screen: line-number gutters, table grids, dialog buttons, code names.

All of it is geometry and number sequences over OCR word boxes, never particular words: a gutter is
a column of whole numbers growing by about one per line, right-aligned at the left of the text; a
table is rows whose cells (words separated by wide gaps) start at the same few x positions; a
dialog is a short screen with a row of short, separate labels at its bottom.
"""

from __future__ import annotations

import re
from statistics import median

from alttext_app.core.builtin.ocr import OcrWord
from alttext_app.core.builtin.text_lines import Line, is_number, make_line
from alttext_app.core.builtin.text_scene import CodeInfo, DialogInfo, TableInfo

CELL_GAP = 1.5  # letter heights: a wider gap between words starts a new cell
# Lines that open a listing without saying what it does: imports, includes, comments, braces.
_PREAMBLE = re.compile(
    r"^\s*(import\s|from\s+\S+\s+import|#\s*include|using\s|package\s|use\s|#!|//|/\*|\*|#|--|"
    r"\"\"\"|'''|[{}()\[\];]+$|(const|let|var)\s+\w+\s*=\s*require\()"
)
_NAMES = (
    # OCR often reads an underscore as a space ("def read prices("): a name has no spaces, so
    # words between the keyword and "(" are one name.
    re.compile(r"\b(?:def|function|fn|func)\s+([A-Za-z_][\w ]{0,40}?)\s*\("),
    re.compile(r"\b(?:class|struct|interface|enum|trait|impl)\s+([A-Za-z_]\w*)"),
    re.compile(r"^\s*(?:static\s+|inline\s+|public\s+|private\s+)*(?:unsigned\s+)?"
               r"(?:int|void|char|float|double|bool|long|size_t|auto|[A-Z]\w*)\s+\**([a-z_]\w*)\s*\("),
)
_FILE = re.compile(r"\b([\w-]+\.(?:py|js|ts|tsx|jsx|c|h|cc|cpp|hpp|rs|go|java|kt|rb|sh|php|cs|swift|"
                   r"html|css|json|toml|ya?ml|md|sql))\b")


def _whole(token: str) -> int | None:
    token = token.strip(".:|")
    return int(token) if token.isdigit() and len(token) <= 5 else None


def strip_gutter(lines: list[Line]) -> list[Line]:
    """The lines without a line-number gutter (editors, `cat -n`, diff views, coverage pages).

    A gutter: at least three lines start with a whole number whose right edges line up, and the
    numbers grow down the page by small steps (blank lines are skipped, so a step may be more than
    one). Tesseract gives them either at the start of each code line or as lines of their own;
    both go. Row numbers of a table fit too, and are no more worth reading out. A column of
    numbers that shrink downwards (a chart's axis) is no gutter.
    """
    numbered = [(i, _whole(ln.words[0].text)) for i, ln in enumerate(lines) if ln.words]
    numbered = [(i, v) for i, v in numbered if v is not None]
    if len(numbered) < 3:
        return lines
    height = median(ln.height for ln in lines)
    drop: set[int] = set()
    # Columns of numbers: grouped by their right edges.
    by_edge = sorted(numbered, key=lambda item: _right(lines[item[0]]))
    group: list[tuple[int, int]] = []
    for item in [*by_edge, None]:
        if item is not None and (not group or _right(lines[item[0]]) - _right(lines[group[-1][0]]) <= height):
            group.append(item)
            continue
        ordered = sorted(group, key=lambda it: lines[it[0]].y)
        steps = [b[1] - a[1] for a, b in zip(ordered, ordered[1:], strict=False)]
        if len(ordered) >= 3 and sum(1 <= s <= 3 for s in steps) >= 0.8 * len(steps):
            drop |= {i for i, _ in ordered}
        group = [item] if item is not None else []
    if not drop:
        return lines
    out = []
    for i, line in enumerate(lines):
        if i not in drop:
            out.append(line)
        elif len(line.words) > 1:
            out.append(make_line(line.words[1:]))
    return out


def _right(line: Line) -> int:
    first = line.words[0]
    return first.box[0] + first.box[2]


def visual_rows(words: list[OcrWord]) -> list[list[OcrWord]]:
    """Words regrouped into rows by their vertical centres, each row left to right.

    Tesseract often reads a table column by column; rows are what a person reads."""
    rows: list[list[OcrWord]] = []
    for word in sorted(words, key=lambda w: w.box[1] + w.box[3] / 2):
        cy = word.box[1] + word.box[3] / 2
        if rows:
            last = rows[-1]
            ly = median(w.box[1] + w.box[3] / 2 for w in last)
            if abs(cy - ly) <= 0.5 * max(word.box[3], median(w.box[3] for w in last)):
                last.append(word)
                continue
        rows.append([word])
    return [sorted(row, key=lambda w: w.box[0]) for row in rows]


def cells(row: list[OcrWord]) -> list[list[OcrWord]]:
    """A row cut where the gap between words is wider than CELL_GAP letter heights."""
    out: list[list[OcrWord]] = [[row[0]]]
    for prev, word in zip(row, row[1:], strict=False):
        gap = word.box[0] - (prev.box[0] + prev.box[2])
        if gap > CELL_GAP * max(prev.box[3], word.box[3]):
            out.append([word])
        else:
            out[-1].append(word)
    return out


def _text(cell: list[OcrWord]) -> str:
    return " ".join(w.text for w in cell)


def find_table(words: list[OcrWord]) -> TableInfo | None:
    """Headers and size when the words form a grid: 3+ rows sharing 2+ cell columns."""
    rows = [cells(r) for r in visual_rows(words)]
    multi = [r for r in rows if len(r) >= 2]
    if len(multi) < 3 or len(multi) < 0.6 * len(rows):
        return None
    height = median(w.box[3] for w in words)
    starts = sorted(c[0].box[0] for r in multi for c in r)
    columns: list[list[int]] = []
    for x in starts:
        if columns and x - columns[-1][-1] <= height:
            columns[-1].append(x)
        else:
            columns.append([x])
    shared = [c for c in columns if len(c) >= 0.6 * len(multi)]
    if len(shared) < 2:
        return None
    body = multi[1:]
    # A leading column of row numbers (1, 2, 3...) is not a column of the data.
    lead = [_whole(_text(r[0])) for r in body]
    numbered = None not in lead and lead == list(range(lead[0], lead[0] + len(lead))) if lead else False
    header = [_text(c) for c in multi[0] if not is_number(_text(c))]
    if len(header) < 2:
        return None
    columns_n = len(shared) - (1 if numbered else 0)
    if len(header) != columns_n:
        # Header cells not cut like the columns (monospaced "Use% Mounted on"): the whole row.
        header = [" ".join(_text(c) for c in multi[0])]
    return TableInfo(tuple(header), rows=len(body), columns=columns_n)


def find_dialog(words: list[OcrWord], size: tuple[int, int]) -> DialogInfo | None:
    """A message above a bottom row of short, separate labels (the buttons)."""
    width, height = size
    if width * height > 800_000 or not words:
        return None
    rows = visual_rows(words)
    if not 2 <= len(rows) <= 9:
        return None
    bottom = cells(rows[-1])
    labels = [_text(c) for c in bottom]
    short = all(len(c) <= 3 and len(_text(c)) <= 24 for c in bottom)
    low = rows[-1][0].box[1] >= 0.55 * height
    right = rows[-1][-1].box[0] + rows[-1][-1].box[2] >= 0.55 * width
    if not (short and low and right and 1 <= len(labels) <= 4):
        return None
    if len(labels) == 1 and len(labels[0].split()) > 2:
        return None
    above = [make_line(r) for r in rows[:-1]]
    # The message is a sentence: a question or statement, not a row of tab or field names.
    message = next((ln.text for ln in above if len(ln.words) >= 3 and (
        ln.text.rstrip().endswith(("?", ".", "!", "？", "。", "！")) or sum(
            w.text[:1].islower() for w in ln.words) >= 2)), None)
    if message is None:
        return None
    if len(labels) == 1 and not message.rstrip().endswith(("?", ".", "!", "？", "。", "！")):
        return None  # one button under a plain line: a panel with an action, not a dialog
    return DialogInfo(message, tuple(labels))


def code_info(lines: list[Line], language: str | None) -> CodeInfo:
    """Language, the names a listing shows (functions, classes, a file name) and its first
    meaningful line (past imports, includes and comments)."""
    names: list[str] = []
    for line in lines:
        for pattern in _NAMES:
            for name in pattern.findall(line.text):
                name = name.strip().replace(" ", "_")
                if name not in names:
                    names.append(name)
        if _PREAMBLE.match(line.text):
            continue  # "#include <stdio.h>" names another file, not this one
        for name in _FILE.findall(line.text):
            if name not in names:
                names.insert(0, name)
    first = next((ln.text for ln in lines if not _PREAMBLE.match(ln.text)), None)
    return CodeInfo(language=language, names=tuple(names), first=first)
