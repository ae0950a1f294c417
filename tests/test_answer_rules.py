"""Honesty rules for answers: no guesses about people, hedged short answers, "I can't tell"."""

from __future__ import annotations

import pytest

from alttext_app.core.answer_rules import CANT_TELL, CANT_TELL_PEOPLE, finalize_answer, refuses


@pytest.mark.parametrize("question", [
    "Is this a man or a woman?", "what gender is the person", "How old is she?",
    "What race is the child?", "Who is this?", "is he male", "What is her name?",
])
def test_questions_about_people_are_not_guessed(question):
    assert refuses(question) == CANT_TELL_PEOPLE


@pytest.mark.parametrize("question", [
    "What colour is the car?", "How many people are there?", "What does the sign say?",
    "Is the person holding a cup?", "What is the woman holding?",
])
def test_ordinary_questions_go_to_the_model(question):
    assert refuses(question) is None


@pytest.mark.parametrize(("raw", "expected"), [
    ("red", "Probably red."), ("yes", "Probably yes."), ("no", "Probably not."), ("2", "Probably 2."),
    ("unknown", CANT_TELL), ("", CANT_TELL), ("a man", "Probably a person."),
    ("a young woman is holding her phone in a park", "A person is holding their phone in a park."),
])
def test_answers_are_neutral_and_hedged(raw, expected):
    assert finalize_answer(raw) == expected


def test_ask_without_a_question_model_is_one_sentence(tmp_path, monkeypatch):
    from alttext_app.cli.main import main

    monkeypatch.setenv("ALTTEXT_MODELS_DIR", str(tmp_path))
    image = tmp_path / "x.png"
    from PIL import Image

    Image.new("RGB", (8, 8), "red").save(image)
    assert main(["ask", str(image), "What colour is it?"]) == 1
    assert main(["ask", str(image), "Is it a man or a woman?"]) == 0
