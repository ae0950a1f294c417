"""The alt-text rules for Chinese: the same aims as `alttext_rules`, in Chinese conventions.

- Length: a Chinese character carries about as much as 2.5 English letters (a 125-letter English
  sentence translates to 45-55 characters), so the budget is `max_chars` × 0.4 characters, and
  Latin letters, digits and spaces quoted from an image count half (`zh_len`).
- No "图片：", "这是一张…的照片", "图中" openings: a screen reader already says "图像".
- Full-width punctuation, one sentence ending in "。", no spaces between Han characters, quoted text
  in “…” (the mainland convention; 「」 is accepted from sources and left alone).
- Neutral people words: 人 / 孩子 / 他们, never a guessed gender or age.
"""

from __future__ import annotations

import re
import unicodedata

BUDGET_RATIO = 0.4  # Chinese characters per English character of the same budget
_TERMINAL = "。！？…!?."
_CLOSERS = "”」』）"

# The picture word must be followed by a colon, comma or verb: "图表…" and "图形…" are kinds.
_LEADING_FILLER = re.compile(
    r"^(?:这是|这张|此|本)?(?:一张|一幅|一个)?(?:图片|图像|照片|相片|图)(?:中|里|上)?"
    r"(?:[：:，,]\s*(?:显示了?|展示了?|描绘了?|是)?|显示了?|展示了?|描绘了?|有|是)\s*"
)
_TRAILING_FILLER = re.compile(r"的(?:图片|照片|图像)(?=[。！？]?$)")  # "纯红色图像" keeps its noun
_HAN = r"[\u3400-\u9fff\uf900-\ufaff]"
_SPACE_BETWEEN_HAN = re.compile(rf"(?<={_HAN})\s+(?={_HAN})")
_SPACE_AROUND_PUNCT = re.compile(r"\s*([，。！？；：、”」』）])\s*|\s*([“「『（])\s*")
_HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？", "(": "（", ")": "）"}
_HALF_PUNCT = re.compile(rf"(?<={_HAN})\s*([,;:!?)])\s*|\s*([(])\s*(?={_HAN})")
_PERIOD = re.compile(rf"(?<={_HAN})\.(?!\d)")
_REPEATED_PUNCT = re.compile(r"([，。；：、])\1+")
# Gendered or age words for people -> neutral ones (longest first).
_PEOPLE = {
    "男人们": "人们", "女人们": "人们", "男孩们": "孩子们", "女孩们": "孩子们",
    "男子": "人", "女子": "人", "男人": "人", "女人": "人", "男士": "人士", "女士": "人士",
    "先生": "人士", "女性": "人", "男性": "人", "老人": "人", "老奶奶": "人", "老爷爷": "人",
    "男孩": "孩子", "女孩": "孩子", "小男孩": "孩子", "小女孩": "孩子",
    "她们": "他们",
}
# "一位女士" -> "一个人": the counted form first, so the measure word still fits.
_COUNTED_PERSON = re.compile(
    r"([一两二三四五六七八九十几多]+)(?:名|位|个)(?:男子|女子|男士|女士|男人|女人|老人|先生|男性|女性)"
)
_PEOPLE_RE = re.compile("|".join(sorted(map(re.escape, _PEOPLE), key=len, reverse=True)))
_QUOTED = re.compile(r"(“[^”]*(?:”|$)|「[^」]*(?:」|$))")


def _outside_quotes(text: str, change) -> str:  # noqa: ANN001 (a str -> str function)
    parts = _QUOTED.split(text)
    return "".join(part if i % 2 else change(part) for i, part in enumerate(parts))


def _tidy(part: str) -> str:
    part = _COUNTED_PERSON.sub(r"\1个人", part)
    part = _PEOPLE_RE.sub(lambda m: _PEOPLE[m.group(0)], part)
    part = _HALF_PUNCT.sub(lambda m: _HALF_TO_FULL[m.group(1) or m.group(2)], part)
    part = _PERIOD.sub("。", part)
    part = _SPACE_BETWEEN_HAN.sub("", part)
    part = _SPACE_AROUND_PUNCT.sub(lambda m: m.group(1) or m.group(2), part)
    return _REPEATED_PUNCT.sub(r"\1", part)


def zh_len(text: str) -> float:
    """Length in Chinese characters: wide (CJK, full-width) characters 1, the others ½."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.5 for ch in text)


def fit_zh(text: str, limit: float) -> str:
    """The longest start of `text` whose zh_len is at most `limit`."""
    used = 0.0
    for i, ch in enumerate(text):
        used += 1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.5
        if used > limit:
            return text[:i]
    return text


def budget(max_chars: int) -> int:
    return max(12, round(max_chars * BUDGET_RATIO)) if max_chars > 0 else 0


def finalize_alt_text_zh(text: str, *, max_chars: int) -> str:
    text = " ".join((text or "").split())
    previous = None
    while previous != text:
        previous = text
        text = _LEADING_FILLER.sub("", text, count=1).strip()
        text = _TRAILING_FILLER.sub("", text).strip()
    text = _outside_quotes(text, _tidy).strip(" ，,；;：:、")
    if not any(ch.isalnum() for ch in text):
        return ""
    limit = budget(max_chars)
    needs_period = not text.rstrip(_CLOSERS).endswith(tuple(_TERMINAL))
    if limit and zh_len(text) + needs_period > limit:
        return cut_zh(text, limit)
    return text + "。" if needs_period else text


def cut_zh(text: str, limit: int) -> str:
    """Cut to `limit` characters ending in "…", at a clause break (，、；) when one is near."""
    cut = fit_zh(text, limit - 1)
    for mark in "；，、":
        at = cut.rfind(mark)
        if zh_len(cut[:at]) >= limit * 0.6:
            cut = cut[:at]
            break
    cut = cut.rstrip(" ，、；：“「")
    if cut.count("“") > cut.count("”") and zh_len(cut) + 2 <= limit:
        return cut + "…”"
    if cut.count("「") > cut.count("」") and zh_len(cut) + 2 <= limit:
        return cut + "…」"
    return cut + "…"
