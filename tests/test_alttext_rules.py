"""The alt-text rules: one place, applied to every captioner's output, idempotent."""

from __future__ import annotations

import pytest

from alttext_app.core.alttext_rules import finalize_alt_text, neutral_words, trim_to_length

CASES = [
    ("a picture of a cat sitting on a couch", "A cat sitting on a couch."),
    ("an image of a dog", "A dog."),
    ("This is a photo of a red car", "A red car."),
    ("a close-up photo of a flower", "A flower."),
    ("there is a bird on a branch", "A bird on a branch."),
    ("a dog running on the beach in this picture", "A dog running on the beach."),
    ("arafed cat on a bed", "Cat on a bed."),
    ("there is an arafed dog in the grass", "A dog in the grass."),
    ("a cat [SEP] [PAD] [PAD]", "A cat."),
    ("a dog a dog a dog", "A dog."),
    ("a red red car", "A red car."),
    ("  two  cups ,of coffee  ", "Two cups, of coffee."),
    ('"a bowl of fruit"', "A bowl of fruit."),
    ("A cat!", "A cat!"),
    ("Is this a cat?", "Is this a cat?"),
    ("a man riding a horse", "A person riding a horse."),
    ("an old woman reading her book", "A person reading their book."),
    ("two young girls and a boy", "Two children and a child."),
    ("men and women at a table", "People and people at a table."),
    ("a woman holding a baby next to her", "A person holding a baby next to them."),
    ("a policeman on a horse", "A police officer on a horse."),
    ("an old asian woman smiling", "A person smiling."),
    ("a young african american man in a suit", "A person in a suit."),
    ("white men playing football", "People playing football."),
    ("a black dog and a white cat", "A black dog and a white cat."),
    ("an indian elephant", "An indian elephant."),
]


@pytest.mark.parametrize("raw,expected", CASES)
def test_rules_clean_captions(raw, expected):
    assert finalize_alt_text(raw) == expected


@pytest.mark.parametrize("raw", [raw for raw, _ in CASES] + ["x" * 300, "word " * 60])
def test_rules_are_idempotent(raw):
    once = finalize_alt_text(raw)
    assert finalize_alt_text(once) == once
    assert finalize_alt_text(once, max_chars=40) == finalize_alt_text(raw, max_chars=40)


def test_empty_and_punctuation_only_give_empty_alt_text():
    for raw in ("", "   ", ".", "[PAD] [SEP]", "a picture of ", "<s></s>"):
        assert finalize_alt_text(raw) == ""


def test_text_quoted_from_the_image_is_never_reworded():
    alt = finalize_alt_text("Sign reading “Men at work, men at work”")
    assert alt == "Sign reading “Men at work, men at work”."
    alt = finalize_alt_text("Screenshot reading “Save Save”, “her account”")
    assert "“Save Save”" in alt and "“her account”" in alt


@pytest.mark.parametrize("max_chars", [20, 40, 80, 125, 200])
def test_length_budget_includes_the_final_punctuation(max_chars):
    raw = "a long caption about a dog and a cat playing in the garden next to a red house " * 3
    alt = finalize_alt_text(raw, max_chars=max_chars)
    assert len(alt) <= max_chars
    assert alt[-1] in ".…"


def test_exactly_at_budget_gets_a_period_without_overflow():
    raw = "a" * 10 + " " + "b" * 13  # 24 characters, needs a period: 25
    assert len(finalize_alt_text(raw, max_chars=25)) == 25
    alt = finalize_alt_text(raw, max_chars=24)
    assert len(alt) <= 24 and alt.endswith("…")


def test_trim_cuts_at_a_word_boundary_and_closes_quotes():
    assert trim_to_length("one two three four", 12) == "one two…"
    cut = trim_to_length("Screenshot reading “Save changes to the document before closing”", 40)
    assert len(cut) <= 40 and cut.endswith("…”") and "“" in cut
    assert trim_to_length("short", 0) == "short"


def test_neutral_words_keep_capitals_and_articles():
    assert neutral_words("A man and an old man") == "A person and a person"
    assert neutral_words("Woman with his hat") == "Person with their hat"
    assert neutral_words("a human and a mannequin") == "a human and a mannequin"


def test_control_characters_never_reach_the_field() -> None:
    """Tokenizers can emit ESC, backspace and bidi overrides; alt text must not carry them."""
    raw = "a \x1b[31mred\x1b[0m car\x08 on a\x07 road\u202e\x00 at night\x1b"
    alt = finalize_alt_text(raw)
    assert alt == "A red car on a road at night."
    assert not any(ord(ch) < 32 or 0x7F <= ord(ch) <= 0x9F for ch in alt)
