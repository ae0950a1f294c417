"""Chinese text in images: chi_sim/chi_tra with English, chosen from the hint or the image.

The signs are rendered here, at test time, with real CJK fonts (Debian's fonts-noto-cjk, installed
by `scripts/setup.sh --test`), so no images are committed; each is a short notice or sign of the
kind people photograph or screenshot: mixed Chinese and English is common.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from alttext_app.core.builtin import ocr
from alttext_app.core.builtin.text_engines import folder_for
from alttext_app.core.builtin.text_script import join_words, tesseract_languages

NOTO = Path("/usr/share/fonts/opentype/noto")
# Faces inside the Noto CJK collections: 2 = Simplified Chinese, 3 = Traditional Chinese.
SC, TC = 2, 3


@dataclass
class Box:
    text: str
    box: tuple[int, int, int, int]


def cjk_font(size: int, face: int = SC, name: str = "NotoSansCJK-Regular.ttc") -> ImageFont.FreeTypeFont:
    path = NOTO / name
    if not path.exists():
        pytest.skip("fonts-noto-cjk is not installed (scripts/setup.sh --test)")
    return ImageFont.truetype(str(path), size, index=face)


def sign(lines: list[str], *, size=30, face=SC, name="NotoSansCJK-Regular.ttc",
         fg=(20, 20, 20), bg=(250, 250, 250)) -> Image.Image:
    font = cjk_font(size, face, name)
    width = max(int(font.getlength(line)) for line in lines) + 2 * size
    img = Image.new("RGB", (width, size + int(size * 1.7) * len(lines)), bg)
    draw = ImageDraw.Draw(img)
    for i, line in enumerate(lines):
        draw.text((size, size // 2 + int(size * 1.7) * i), line, font=font, fill=fg)
    return img


def char_recall(truth: str, found: str) -> tuple[int, int]:
    want = Counter(ch for ch in truth if not ch.isspace())
    got = Counter(ch for ch in found if not ch.isspace())
    return sum((want & got).values()), sum(want.values())


SIGNS = [  # (lines, font file, face, colours)
    (["请勿在此处停车", "违者拖车"], "NotoSansCJK-Bold.ttc", SC, ((255, 255, 255), (200, 30, 30))),
    (["安全出口", "EXIT"], "NotoSansCJK-Bold.ttc", SC, ((255, 255, 255), (20, 130, 60))),
    (["营业时间：上午九点至下午六点", "周日休息"], "NotoSansCJK-Regular.ttc", SC, ((20, 20, 20), (250, 250, 245))),
    (["小心地滑", "Caution: wet floor"], "NotoSansCJK-Bold.ttc", SC, ((20, 20, 20), (250, 200, 40))),
    (["会议室已满，请预约其他时间。", "如有问题请联系前台。"], "NotoSerifCJK-Regular.ttc", SC, ((30, 30, 30), (255, 255, 255))),
    (["地铁 2 号线", "往 人民广场 方向"], "NotoSansCJK-Regular.ttc", SC, ((255, 255, 255), (30, 60, 140))),
    (["图书馆开放时间延长", "本周四起开放至晚上九点"], "NotoSansCJK-Regular.ttc", SC, ((240, 240, 240), (40, 40, 48))),
    (["禁止吸烟", "No smoking"], "NotoSansCJK-Bold.ttc", SC, ((200, 20, 20), (255, 255, 255))),
]


@pytest.fixture(autouse=True)
def need_chinese_ocr():
    ok, why = ocr.ocr_available()
    if not ok:
        pytest.skip(why)
    if folder_for("chi_sim+eng") is None:
        pytest.skip("tesseract-ocr-chi-sim is not installed (scripts/setup.sh)")


def test_character_recall_on_rendered_signs_with_chi_sim():
    hit = total = 0
    for lines, name, face, (fg, bg) in SIGNS:
        result = ocr.read_text(sign(lines, name=name, face=face, fg=fg, bg=bg), lang="zh")
        h, t = char_recall("".join(lines), result.text)
        hit, total = hit + h, total + t
        assert result.languages == "chi_sim+eng"
    assert hit / total >= 0.90, f"character recall {hit}/{total}"


def test_no_spaces_between_han_and_mixed_lines_keep_both():
    result = ocr.read_text(sign(["欢迎使用 AltText 替代文本", "出口 Exit 2 号线"]), lang="zh_CN")
    lines = result.text.splitlines()
    assert "欢迎使用" in lines[0] and "AltText" in lines[0] and "替代文本" in lines[0], lines
    assert "Exit" in lines[1] and "出口" in lines[1] and "号线" in lines[1], lines


def test_english_hint_still_finds_chinese():
    # A user with an English desktop screenshots a Chinese notice: the unsure English read is
    # tried again with Chinese beside it.
    lines = ["营业时间：上午九点至下午六点", "周日休息"]
    result = ocr.read_text(sign(lines), lang="en")
    h, t = char_recall("".join(lines), result.text)
    assert result.languages == "eng+chi_sim" and h / t >= 0.85, result.text


def test_english_text_stays_english_only():
    img = Image.new("RGB", (520, 90), "white")
    ImageDraw.Draw(img).text((16, 20), "Save changes before closing?", font=cjk_font(26), fill="black")
    assert ocr.read_text(img, lang="en").languages == "eng"


def test_traditional_chinese_from_the_hint():
    if folder_for("chi_tra+eng") is None:
        pytest.skip("tesseract-ocr-chi-tra is not installed")
    lines = ["請勿在此處停車", "營業時間：上午九點至下午六點", "圖書館週日休息"]
    result = ocr.read_text(sign(lines, face=TC), lang="zh_TW")
    h, t = char_recall("".join(lines), result.text)
    assert result.languages == "chi_tra+eng" and h / t >= 0.85, result.text


def test_language_choice_from_hints():
    assert tesseract_languages("en") == "eng"
    assert tesseract_languages(None) == "eng"
    assert tesseract_languages("zh") == "chi_sim+eng"
    assert tesseract_languages("zh_CN") == "chi_sim+eng"
    assert tesseract_languages("zh-Hant") == "chi_tra+eng"
    assert tesseract_languages("zh_TW") == "chi_tra+eng"
    assert tesseract_languages("de") == "eng"


def test_word_joining_by_script_and_gap():
    words = [Box("请勿", (0, 0, 40, 20)), Box("停车", (42, 0, 40, 20)), Box("Exit", (84, 0, 40, 20)),
             Box("2", (140, 0, 10, 20)), Box("号线", (160, 0, 40, 20)), Box("，好", (200, 0, 40, 20))]
    assert join_words(words) == "请勿停车Exit 2 号线，好"
