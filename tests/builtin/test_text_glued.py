"""Words Tesseract glued on a tightly spaced sign are split where the dictionary says so."""

from __future__ import annotations

import pytest

from alttext_app.core.builtin import text_engines
from alttext_app.core.builtin.ocr import OcrWord
from alttext_app.core.builtin.text_glued import split_glued

KNOWN = {"no", "parking", "exit", "only", "keep", "out", "kee", "pout", "a", "way", "one"}


def lookup(text: str) -> bool:
    return text.lower() in KNOWN


def texts(text: str, is_word=lookup) -> list[str]:
    return [w.text for w in split_glued(OcrWord(text, 0.9, (10, 5, 90, 12), 3), is_word)]


def test_one_cut_into_two_words_is_made_and_the_boxes_share_the_width():
    left, right = split_glued(OcrWord("NOPARKING", 0.9, (10, 5, 90, 12), 3), lookup)
    assert (left.text, right.text) == ("NO", "PARKING")
    assert left.box == (10, 5, 20, 12) and right.box == (30, 5, 70, 12)
    assert left.line_id == right.line_id == 3 and left.confidence == 0.9


def test_known_words_names_ambiguity_and_short_tokens_stay_as_read():
    assert texts("PARKING") == ["PARKING"]  # a word already
    assert texts("Leuvenstraat") == ["Leuvenstraat"]  # no cut gives two words: a name
    assert texts("KEEPOUT") == ["KEEPOUT"]  # KEEP|OUT and KEE|POUT: not guessed
    assert texts("ONEWAY") == ["ONE", "WAY"]  # (O|NEWAY: "O" is no one-letter word)
    assert texts("ONEA1") == ["ONEA1"]  # digits: a code
    assert texts("AWAY") == ["AWAY"]  # under five letters
    assert texts("NOPARKING", lambda _t: None) == ["NOPARKING"]  # no dictionary: nothing split


def test_tesseracts_own_dictionary_splits_sign_words():
    if text_engines.is_dictionary_word("parking") is None:
        pytest.skip("libtesseract is not usable here")
    real = text_engines.is_dictionary_word
    assert texts("NOPARKING", real) == ["NO", "PARKING"]
    assert texts("EXITONLY", real) == ["EXIT", "ONLY"]
    assert texts("INFORMATION", real) == ["INFORMATION"]
