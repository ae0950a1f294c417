"""The scene-text pass for photos: signs are read, textures are not."""

from __future__ import annotations

import pytest

from alttext_app.core.builtin.ocr import OcrResult, OcrWord, ocr_available
from alttext_app.core.builtin.text_signs import (
    agreed,
    agreed_lines,
    looks_like_sign_word,
    read_signs,
)
from alttext_app.core.captioner import CaptionOptions

needs_ocr = pytest.mark.skipif(not ocr_available()[0], reason=ocr_available()[1])


@pytest.mark.parametrize("word", ["PARKING", "parking", "Parking", "at", "No", "don't", "one-way", "PROHIBITED,"])
def test_words_that_look_like_words(word):
    assert looks_like_sign_word(word)


@pytest.mark.parametrize("word", ["ae", "ie", "tb", "a", "4", "D@UBLE", "galleRies", "ee", "aeiou", "Bxkzrt", "12b"])
def test_debris_does_not_look_like_words(word):
    assert not looks_like_sign_word(word)


def _read(*lines: list[tuple[str, float, int]]) -> OcrResult:
    """Words (text, confidence, x) on lines 40 px apart, each word 30 px tall."""
    words = [
        OcrWord(text, conf, (x, 40 * line_id, 20 * len(text), 30), line_id)
        for line_id, line in enumerate(lines) for text, conf, x in line
    ]
    return OcrResult(words, "")


def test_a_word_is_kept_only_when_both_reads_vouch_for_it():
    first = _read([("DOUBLE", 0.97, 0)], [("PARKING", 0.95, 0)], [("TIMES", 0.9, 0)])
    second = _read([("DOUBLE", 0.7, 0)], [("PARKING", 0.5, 0)], [("TIMFS", 0.9, 0)])
    kept = agreed(first, second, agreed_lines(second, first))
    assert [w.text for w in kept] == ["DOUBLE"]  # PARKING: too unsure the second time; TIMES: read otherwise


def test_a_line_mostly_debris_is_left_out():
    # "ark" is read alike twice, but beside debris: a broken sign or a texture, not a quote.
    first = _read([("Wiveni", 0.92, 0), ("oe", 0.85, 200), ("ark", 0.85, 300)])
    second = _read([("Iveni", 0.53, 0), ("oe", 0.9, 200), ("ark", 0.9, 300)])
    assert agreed(first, second, agreed_lines(second, first)) == []


def test_a_piece_of_a_broken_word_is_left_out():
    # "Centre" with a broken r: "Cent" and "e" side by side, a letter gap apart.
    first = _read([("Conference", 0.95, 0), ("Cent", 0.95, 210), ("e", 0.8, 292)])
    kept = agreed(first, first, agreed_lines(first, first))
    assert [w.text for w in kept] == ["Conference"]  # whole, and most of the line


@needs_ocr
def test_reads_the_parking_sign(photo):
    result = read_signs(photo("street_parking_sign.jpg"))
    assert result is not None
    assert "PARKING PROHIBITED" in result.text


@needs_ocr
@pytest.mark.parametrize(
    "name", ["forest_path.jpg", "gravel.jpg", "brick.jpg", "astronaut.jpg", "coffee.jpg", "butterfly.jpg",
             "yellow_flower.jpg", "ascent.jpg", "street_leuven.jpg", "coins.jpg", "mandrill.jpg"],
)
def test_reads_nothing_where_no_text_is_sure(photo, name):
    result = read_signs(photo(name))
    assert result is None or result.words == []


@needs_ocr
def test_a_decorative_sign_gives_only_its_own_words(photo):
    # "Priory galleries at the ship" in a decorative face: some words are read surely, others
    # not at all, and nothing that is not on the building.
    result = read_signs(photo("street_corner.jpg"))
    assert result is not None
    assert {w.text.lower() for w in result.words} <= {"priory", "galleries", "at", "the", "ship"}


@needs_ocr
def test_describer_quotes_the_sign_and_answers_from_it(describer, photo):
    image = photo("street_parking_sign.jpg")
    said = describer.caption(image, CaptionOptions()).text
    assert "PARKING PROHIBITED" in said and "“" in said
    answer = describer.ask(image, "What does the sign say?", CaptionOptions()).text
    assert answer.startswith("The text reads: “") and "PARKING PROHIBITED" in answer


@needs_ocr
@pytest.mark.parametrize("name", ["butterfly.jpg", "street_leuven.jpg", "gravel.jpg", "coins.jpg"])
def test_describer_quotes_nothing_on_photos_without_sure_text(describer, photo, name):
    said = describer.caption(photo(name), CaptionOptions()).text
    assert "“" not in said, said
