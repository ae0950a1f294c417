"""Text-heavy images by purpose: gutters, tables, dialogs, code names, charts (structure + English)."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image

from alttext_app.core.builtin import ocr as ocr_mod
from alttext_app.core.builtin.kind import classify_kind, describe_text
from alttext_app.core.builtin.ocr import OcrResult, OcrWord
from alttext_app.core.builtin.render_en_text import render_en_text
from alttext_app.core.builtin.text_layout import code_info, find_dialog, find_table, strip_gutter
from alttext_app.core.builtin.text_lines import make_line
from alttext_app.core.builtin.text_purpose import build_text_scene
from alttext_app.core.builtin.text_scene import ChartInfo, TextScene

PURPOSE = Path(__file__).resolve().parents[1] / "data" / "eval" / "text" / "purpose"


def row(cells: list[str], y: int, xs: list[int], line_id: int, h: int = 12) -> list[OcrWord]:
    """Words of one screen row; each cell starts at its x, its words a space apart."""
    out = []
    for text, x in zip(cells, xs, strict=True):
        for token in text.split():
            w = int(len(token) * h * 0.6)
            out.append(OcrWord(token, 0.95, (x, y, w, h), line_id))
            x += w + h // 2
    return out


def result(rows: list[list[OcrWord]]) -> OcrResult:
    words = [w for r in rows for w in r]
    return OcrResult(words, "\n".join(" ".join(w.text for w in r) for r in rows), 0.95)


def test_line_number_gutter_is_never_quoted():
    code = ["import csv", "", "def read(path):", "    rows = []", "    return rows", "", "def main():"]
    rows = [row([f"{i + 1}", text], 10 + 20 * i, [4, 40 + 4 * (len(text) - len(text.lstrip()))], i)
            for i, text in enumerate(code) if text.strip()]
    lines = strip_gutter([make_line(r) for r in rows])
    assert [ln.text for ln in lines][:2] == ["import csv", "def read(path):"]
    text = describe_text(result(rows), "code", 125)
    assert "“1" not in text and "“3" not in text and "defining read and main" in text, text


def test_a_column_of_decreasing_numbers_is_no_gutter():
    rows = [row([f"{v}", "label"], 10 + 20 * i, [4, 60], i) for i, v in enumerate((40, 30, 20, 10))]
    assert len(strip_gutter([make_line(r) for r in rows])[0].words) == 2


def test_table_headers_and_size_from_aligned_cells():
    rows = [row(["Name", "Size", "Modified"], 10, [10, 150, 260], 0)]
    data = [("notes.txt", "2 KB", "Monday"), ("scan.pdf", "340 KB", "Today"), ("a.png", "1 MB", "May 3")]
    rows += [row(list(d), 30 + 20 * i, [10, 150, 260], i + 1) for i, d in enumerate(data)]
    table = find_table([w for r in rows for w in r])
    assert table is not None and table.headers == ("Name", "Size", "Modified") and table.rows == 3
    scene = TextScene("table", table=table)
    assert render_en_text(scene, 125) == "Table with 3 rows and columns “Name”, “Size” and “Modified”"
    # Only the top of a dense screen read: the rows are not counted.
    partial = TextScene("table", table=replace(table, rows=None))
    assert render_en_text(partial, 125) == "Table with columns “Name”, “Size” and “Modified”"
    # Prose lines are no table.
    prose = [row(["Alt text tells people what an image shows"], 10 + 20 * i, [10], i) for i in range(4)]
    assert find_table([w for r in prose for w in r]) is None


def test_dialog_message_and_buttons():
    rows = [row(["Delete 3 files permanently?"], 20, [60], 0),
            row(["This cannot be undone."], 44, [60], 1),
            row(["Cancel", "Delete"], 100, [200, 280], 2)]
    words = [w for r in rows for w in r]
    dialog = find_dialog(words, (360, 130))
    assert dialog is not None and dialog.message == "Delete 3 files permanently?"
    assert dialog.buttons == ("Cancel", "Delete")
    assert find_dialog(words, (1920, 1080)) is None  # a whole screen is not a dialog
    text = render_en_text(TextScene("dialog", lines=("This cannot be undone.",), dialog=dialog), 125)
    assert text == "Dialog asking “Delete 3 files permanently?”, “This cannot be undone.”, with buttons Cancel and Delete"


def test_code_names_and_first_meaningful_line():
    lines = [make_line(row([t], 10 + 20 * i, [10], i)) for i, t in enumerate(
        ["#include <stdio.h>", "// totals", "static int add_all(int n) {", "int main(void) {"])]
    info = code_info(lines, "C")
    assert info.names == ("add_all", "main") and info.first == "static int add_all(int n) {"
    spaced = code_info([make_line(row(["def read prices(path):"], 10, [10], 0))], "Python")
    assert spaced.names == ("read_prices",)  # OCR lost the underscore


@pytest.mark.parametrize(("info", "expected"), [
    (ChartInfo("line", ("Active", "Inactive", "Waiting"), (), "20s", "120s"),
     "Line chart titled “CPU Usage” from 20 to 120 seconds, with Active, Inactive and Waiting series"),
    (ChartInfo("line", ("Active",), (), "0s", "120s"), "Line chart titled “CPU Usage” over 120 seconds, showing Active"),
    (ChartInfo("bar", (), ("North", "South"), None, None), "Bar chart titled “CPU Usage”, comparing North and South"),
    (ChartInfo(None, (), (), "2015", "2024", "Year"), "Chart titled “CPU Usage” from 2015 to 2024"),
    (ChartInfo(), "Chart titled “CPU Usage”"),
])
def test_chart_sentences(info, expected):
    assert render_en_text(TextScene("chart", "CPU Usage", chart=info), 125) == expected


def test_chart_sentence_drops_details_to_fit():
    info = ChartInfo("line", ("Alpha", "Bravo", "Charlie", "Delta"), (), "0", "60", "minutes")
    text = render_en_text(TextScene("chart", "A rather long chart title about many things", chart=info), 70)
    assert text.startswith("Line chart titled “A rather long chart title about many things”") and len(text) <= 69


@pytest.mark.slow
@pytest.mark.parametrize("name", ["gp_traffic_lines.png", "gp_sales_bars.png", "qt_books_table.png",
                                  "qt_delete_box.png", "xterm_gutter_python.png"])
def test_real_program_screenshots_by_purpose(name):
    ok, why = ocr_mod.ocr_available()
    if not ok:
        pytest.skip(why)
    item = next(i for i in json.loads((PURPOSE / "labels.json").read_text()) if i["file"] == name)
    image = Image.open(PURPOSE / name).convert("RGB")
    ocr = ocr_mod.read_text(image)
    guess = classify_kind(image, ocr)
    text = describe_text(ocr, guess.kind, 125, image)
    assert guess.kind == item["kind"], text
    expect = item["expect"]
    for key in ("title", "message"):
        if key in expect:
            assert expect[key] in text
    for key in ("series", "categories", "headers", "buttons", "names"):
        for part in expect.get(key, []):
            assert part in text, text
    if "chart" in expect:
        assert text.lower().startswith(f"{expect['chart']} chart titled"), text


def test_gutter_read_as_lines_of_its_own_beside_other_text():
    # Tesseract may read a gutter as a column of number-only lines, beside another window's text.
    gutter = [row([str(n)], 10 + 20 * i, [4], i) for i, n in enumerate(range(221, 227))]
    other = [row(["Measured on this project's machine"], 10 + 20 * i, [700], 10 + i) for i in range(8)]
    kept = strip_gutter([make_line(r) for r in gutter + other])
    assert [ln.text for ln in kept] == ["Measured on this project's machine"] * 8


@pytest.mark.slow
def test_a_drawn_notice_with_only_text_is_described_by_its_text():
    from PIL import ImageDraw, ImageFont

    from alttext_app.core.builtin import load_builtin
    from alttext_app.core.captioner import CaptionOptions

    ok, why = ocr_mod.ocr_available()
    if not ok:
        pytest.skip(why)
    card = Image.new("RGB", (520, 160), "white")
    draw = ImageDraw.Draw(card)
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", 30)
    draw.text((40, 30), "Library closed today", font=font, fill="black")
    draw.text((40, 90), "Open again on Monday", font=font, fill="black")
    describer = load_builtin()
    try:
        raw = describer.caption(card, CaptionOptions())
    finally:
        describer.close()
    assert "“Library closed today”" in raw.text and "photo" not in raw.text.lower(), raw.text


def test_a_line_repeated_down_a_listing_is_quoted_once():
    rows = [row(["Backups of the photo library"], 10, [10], 0)]
    rows += [row(["root"], 30 + 20 * i, [10], i + 1) for i in range(8)]
    rows += [row(["Last run finished at noon"], 200, [10], 9)]
    scene = build_text_scene(result(rows), "screenshot")
    assert scene.lines.count("root") == 1 and "Last run finished at noon" in scene.lines, scene.lines
