"""The photo evaluation's keyword matcher (benchmarks/eval_builtin_photos.py): whole words, and a
regular plural or singular names the same thing as the word itself."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

_PATH = Path(__file__).resolve().parents[2] / "benchmarks" / "eval_builtin_photos.py"
_spec = importlib.util.spec_from_file_location("eval_builtin_photos", _PATH)
assert _spec and _spec.loader
evaluation = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(evaluation)


@pytest.mark.parametrize(("word", "forms"), [
    ("plant", {"plant", "plants"}),
    ("plants", {"plant", "plants"}),
    ("candy", {"candy", "candies"}),
    ("brush", {"brush", "brushes"}),
    ("glass", {"glass", "glasses"}),
    ("day", {"day", "days"}),
    ("potted plant", {"potted plant", "potted plants"}),
])
def test_word_forms(word: str, forms: set[str]) -> None:
    assert evaluation.word_forms(word) == forms


def test_has_word_whole_words_and_plurals() -> None:
    assert evaluation.has_word("May show trees or other plants.", "plant")
    assert evaluation.has_word("Two dogs.", "dog")
    assert evaluation.has_word("A dog.", "dogs")
    assert not evaluation.has_word("A hotdog stand.", "dog")
    assert not evaluation.has_word("A plantation.", "plant")
    assert not evaluation.has_word("A dog-like shape.", "dog")


def test_plurals_count_for_forbidden_words_too() -> None:
    item = {"expected": [["cat"]], "forbidden": ["dog"]}
    result = evaluation.evaluate(item, "Two cats and may show dogs.", [])
    assert result["hits"] == 1
    assert result["wrong_hedged"] == ["dog"] and result["wrong_confident"] == []
