"""OCR for the built-in describer: accuracy on rendered text, polarity, cancel, degrade, pre-check."""

from __future__ import annotations

import re
import time
from collections import Counter
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from alttext_app.core.builtin import ocr, text_engines
from alttext_app.core.builtin.text_detect import likely_has_text
from alttext_app.core.builtin.text_split import Cut, find_split
from alttext_app.core.errors import Cancelled

EVAL = Path(__file__).resolve().parents[1] / "data" / "eval" / "text"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")

PARAGRAPH = [
    "Alt text tells people who cannot see an image",
    "what the picture shows and why it matters here.",
    "Keep it short, plain and honest about doubt.",
]


def font(size: int, name: str = "DejaVuSans.ttf") -> ImageFont.ImageFont:
    path = FONT_DIR / name
    if not path.exists():
        pytest.skip("DejaVu fonts are not installed")
    return ImageFont.truetype(str(path), size)


def render(lines: list[str], *, size=16, fg=(20, 20, 20), bg=(255, 255, 255), width=560):
    img = Image.new("RGB", (width, 24 + int(size * 1.8) * len(lines)), bg)
    draw = ImageDraw.Draw(img)
    for i, line in enumerate(lines):
        draw.text((16, 12 + int(size * 1.8) * i), line, font=font(size), fill=fg)
    return img


def words(text: str) -> Counter:
    return Counter(re.sub(r"[^\w']", "", w.lower()) for w in text.split() if w.strip(".,?!"))


def recall(truth: str, found: str) -> float:
    want = words(truth)
    return sum((want & words(found)).values()) / sum(want.values())


@pytest.fixture(autouse=True)
def need_ocr():
    ok, why = ocr.ocr_available()
    if not ok:
        pytest.skip(why)


def test_reads_a_paragraph_with_word_spacing():
    result = ocr.read_text(render(PARAGRAPH))
    assert recall("\n".join(PARAGRAPH), result.text) >= 0.95, result.text
    assert len(result.text.splitlines()) == 3  # one line of output per line of text
    assert 0.8 <= result.mean_confidence <= 1.0
    assert all(0.0 <= w.confidence <= 1.0 for w in result.words)


@pytest.mark.parametrize(
    ("fg", "bg"),
    [((240, 240, 240), (30, 31, 34)), ((255, 255, 255), (47, 111, 222)), ((200, 30, 30), (40, 160, 60))],
    ids=["light-on-dark", "white-on-blue", "red-on-green"],
)
def test_reads_ui_text_in_any_colours(fg, bg):
    lines = ["Apply changes", "Speaking rate normal"]
    result = ocr.read_text(render(lines, size=13, fg=fg, bg=bg, width=300))
    assert recall("\n".join(lines), result.text) == 1.0, result.text


def test_word_boxes_are_in_original_pixels():
    img = Image.new("RGB", (400, 120), "white")
    ImageDraw.Draw(img).text((220, 60), "Cancel", font=font(12), fill="black")  # small: upscaled
    result = ocr.read_text(img)
    found = [w for w in result.words if w.text.strip(".,") == "Cancel"]
    assert found, result.text
    x, y, w, h = found[0].box
    assert abs(x - 220) <= 4 and 58 <= y <= 66 and 30 <= w <= 60 and 6 <= h <= 16


def test_blank_image_reads_nothing():
    result = ocr.read_text(Image.new("RGB", (300, 200), (250, 250, 250)))
    assert result.words == [] and result.text == "" and result.mean_confidence == 0.0


def test_cancel_before_and_during_recognition():
    img = render(PARAGRAPH * 4)
    with pytest.raises(Cancelled):
        ocr.read_text(img, should_abort=lambda: True)
    calls = {"n": 0}

    def abort_later() -> bool:
        calls["n"] += 1
        return calls["n"] > 2  # passes the checks before OCR, then asks tesseract to stop

    started = time.perf_counter()
    with pytest.raises(Cancelled):
        ocr.read_text(img, should_abort=abort_later)
    assert time.perf_counter() - started < 5


def test_command_line_fallback_reads_the_same(monkeypatch):
    img = render(PARAGRAPH[:2])
    library = ocr.read_text(img).text
    cli = text_engines.Backend(True, "cli", library=False)
    monkeypatch.setattr(text_engines, "backend", lambda: cli)
    if not text_engines.shutil.which("tesseract"):
        pytest.skip("no tesseract program")
    assert recall(library, ocr.read_text(img).text) >= 0.95


def test_missing_tesseract_degrades_to_empty(monkeypatch):
    text_engines.backend.cache_clear()
    monkeypatch.setattr(text_engines, "open_engine", lambda tessdata, langs="eng": None)
    monkeypatch.setattr(text_engines.shutil, "which", lambda name: None)
    try:
        ok, why = ocr.ocr_available()
        assert not ok and "not installed" in why
        assert ocr.read_text(render(PARAGRAPH)).words == []
    finally:
        text_engines.backend.cache_clear()


def test_parse_tsv_with_and_without_header_drops_doubtful_words():
    body = (
        "5\t1\t1\t1\t1\t1\t10\t20\t30\t12\t96.0\tHello\n"
        "5\t1\t1\t1\t1\t2\t44\t20\t30\t12\t20.0\t~~\n"
        "5\t1\t1\t1\t2\t1\t10\t40\t30\t12\t90.0\t|World\n"
        "4\t1\t1\t1\t2\t0\t10\t40\t30\t12\t-1\t\n"
    )
    header = "\t".join(ocr.TSV_FIELDS) + "\n"
    for tsv in (body, header + body):
        result = ocr.parse_tsv(tsv, scale=2.0)
        assert result.text == "Hello\nWorld"
        assert result.words[0].box == (5, 10, 15, 6)
        assert result.mean_confidence == pytest.approx(0.93)


def _eval_items():
    import json

    return json.loads((EVAL / "labels.json").read_text())


def test_precheck_separates_text_images_from_photos():
    wrong = []
    for item in _eval_items():
        with Image.open(EVAL / item["file"]) as img:
            if likely_has_text(img.convert("RGB")) != bool(item["text"]):
                wrong.append(item["file"])
    assert wrong == []


def test_precheck_is_fast_on_a_big_photo():
    with Image.open(EVAL / "photo_motorcycle_left.jpg") as img:
        big = img.convert("RGB").resize((4000, 2700))
    likely_has_text(big)
    runs = []
    for _ in range(3):
        started = time.perf_counter()
        assert not likely_has_text(big)
        runs.append(time.perf_counter() - started)
    assert sorted(runs)[1] < 0.4  # ~60 ms on an idle laptop core; generous for busy CI


def test_big_images_are_read_in_two_halves_with_true_boxes():
    img = Image.new("RGB", (1400, 1200), "white")
    draw = ImageDraw.Draw(img)
    draw.text((40, 100), "Backup finished without errors", font=font(20), fill="black")
    draw.text((40, 1000), "Seven files were skipped today", font=font(20), fill="black")
    prepared, scale = ocr.prepare_for_ocr(img)
    assert prepared.size > ocr.SPLIT_PIXELS and find_split(prepared) is not None
    result = ocr.read_text(img)
    assert result.text.splitlines() == [
        "Backup finished without errors",
        "Seven files were skipped today",
    ]
    seven = next(w for w in result.words if w.text == "Seven")
    assert abs(seven.box[0] - 40) <= 4 and 995 <= seven.box[1] <= 1010
    assert len({w.line_id for w in result.words}) == 2


def test_big_bold_letters_are_not_hollowed_out():
    # Letters far bigger than the background window used for UI text (a poster, a sign).
    img = Image.new("RGB", (1400, 500), (200, 40, 40))
    ImageDraw.Draw(img).text((60, 150), "BIG SALE", font=font(190, "DejaVuSans-Bold.ttf"), fill="white")
    assert ocr.read_text(img).text == "BIG SALE"


def test_huge_images_are_reduced_and_boxes_still_match():
    img = Image.new("RGB", (5000, 600), "white")
    ImageDraw.Draw(img).text((3000, 300), "Wide banner text", font=font(60), fill="black")
    result = ocr.read_text(img)
    assert result.text == "Wide banner text"
    x, y, _, _ = result.words[0].box
    assert abs(x - 3000) <= 10 and abs(y - 308) <= 12


@pytest.mark.parametrize("size", [(1, 1), (2, 500), (500, 2), (16, 16), (63, 200), (3000, 3)])
def test_degenerate_sizes_never_fail(size):
    for mode in ("RGB", "L"):
        img = Image.new(mode, size, 128)
        assert likely_has_text(img) is False
        assert ocr.read_text(img).words == []


def test_a_sign_in_a_photo_is_read_from_its_region():
    with Image.open(EVAL / "photo_motorcycle_left.jpg") as img:
        photo = img.convert("RGB").resize((800, 540))
    draw = ImageDraw.Draw(photo)
    draw.rectangle([450, 60, 740, 190], fill=(245, 245, 235))
    draw.multiline_text((470, 80), "Bike parking\nMembers only", font=font(26, "DejaVuSans-Bold.ttf"),
                        fill=(20, 20, 20))
    assert likely_has_text(photo)
    result = ocr.read_text(photo)
    assert result.text.splitlines() == ["Bike parking", "Members only"], result.text
    bike = result.words[0]
    assert abs(bike.box[0] - 472) <= 6 and abs(bike.box[1] - 86) <= 8


def test_side_by_side_windows_are_cut_between_them_and_read_left_first():
    img = Image.new("RGB", (1600, 1000), "white")
    draw = ImageDraw.Draw(img)
    draw.line([(800, 0), (800, 999)], fill="black", width=2)  # a window border crosses every row
    for i in range(6):
        draw.text((40, 60 + 150 * i), f"Left window line {i}", font=font(18), fill="black")
        draw.text((900, 60 + 150 * i), f"Right pane entry {i}", font=font(18), fill="black")
    prepared, scale = ocr.prepare_for_ocr(img)
    how, at = find_split(prepared)
    assert how is Cut.COLUMNS and abs(at / scale - 800) <= 3  # at the border line
    lines = ocr.read_text(img).text.splitlines()
    assert lines[0].startswith("Left") and lines[-1].startswith("Right"), lines


def test_dense_screens_are_read_down_to_a_budget_unless_all_is_asked():
    img = Image.new("RGB", (1400, 1300), "white")
    draw = ImageDraw.Draw(img)
    for i in range(60):
        draw.text((20, 10 + 21 * i), f"Line {i} of a long and very dense terminal listing with many words", font=font(14), fill="black")
    top = ocr.read_text(img, full=False)
    assert top.partial and "Line 0 " in top.text and "Line 59 " not in top.text
    small = img.crop((0, 0, 700, 1300))  # under the split size: read whole
    assert not ocr.read_text(small, full=False).partial
    everything = ocr.read_text(img)
    assert not everything.partial and "Line 59 " in everything.text


def test_engines_beyond_the_cap_are_unloaded_and_load_again_when_used():
    found = text_engines.backend()
    if not found.library:
        pytest.skip("libtesseract is not usable here")
    backend = text_engines.Backend(True, "test", library=True)
    grey = np.asarray(render(PARAGRAPH[:1]).convert("L"))
    slots = range(text_engines.LOADED_ENGINES + 1)
    engines = [backend.engine("eng", slot) for slot in slots]
    try:
        assert sum(e.loaded for e in engines) == text_engines.LOADED_ENGINES
        assert not engines[0].loaded  # the least recently used one gave its memory back
        again = backend.engine("eng", 0)  # used again: the least recently used other one goes
        assert again is engines[0] and not engines[1].loaded
        words = [row.split("\t")[-1] for row in again.tsv(grey).splitlines()]
        assert {"tells", "people"} <= set(words)  # and it reads again, reloaded on demand
        assert sum(e.loaded for e in engines) == text_engines.LOADED_ENGINES
    finally:
        for engine in engines:
            engine.close()
