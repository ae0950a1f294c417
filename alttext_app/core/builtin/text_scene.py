"""What a text-heavy image says and is for, language-neutral: what every text renderer reads.

`text_purpose.build_text_scene` fills it from OCR words and, for charts, the pixels;
`render_en_text.render_en_text` (and other languages' renderers) turn it into a sentence. The
quoted strings are the image's own text, in reading order, already cleaned (no line-number
gutters, no OCR debris); everything else is keys or numbers, never English prose.

    TextScene
      kind:   "screenshot" | "document" | "code" | "chart" | "table" | "dialog" | "graphic" | "photo"
      title:  str | None      the heading, chart title or dialog title (biggest or first letters)
      lines:  tuple[str]      further lines worth quoting, most useful first (documents: sentences)
      sure:   bool            read confidently: quote plainly; else hedge ("may read")
      chart / code / table / dialog: the details for that kind, or None

    ChartInfo   chart_type ("line", "bar" or None when unsure), series (legend names),
                categories (bar labels along the axis), x_from / x_to (tick labels as read,
                "0"/"60", "2015"/"2024", "Jan"/"Jun"), x_unit (key: "seconds", "minutes", "hours",
                "days", "percent", or the axis title as read, or None)
    CodeInfo    language (a name such as "Python" or None), names (functions, classes, files
                seen, in order), first (the first meaningful line: not an import or comment)
    TableInfo   headers (the first row's cells), rows (data rows, headers excluded; None when only
                part of the screen was read), columns
    DialogInfo  message (the question or statement), buttons (labels, in order)
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ChartInfo:
    chart_type: str | None = None
    series: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    x_from: str | None = None
    x_to: str | None = None
    x_unit: str | None = None


@dataclass(frozen=True)
class CodeInfo:
    language: str | None = None
    names: tuple[str, ...] = ()
    first: str | None = None


@dataclass(frozen=True)
class TableInfo:
    headers: tuple[str, ...]
    rows: int | None  # None when only the top of a dense screen was read
    columns: int


@dataclass(frozen=True)
class DialogInfo:
    message: str | None
    buttons: tuple[str, ...]


@dataclass(frozen=True)
class TextScene:
    kind: str
    title: str | None = None
    lines: tuple[str, ...] = ()
    sure: bool = True
    chart: ChartInfo | None = None
    code: CodeInfo | None = None
    table: TableInfo | None = None
    dialog: DialogInfo | None = None
