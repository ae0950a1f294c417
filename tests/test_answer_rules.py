"""Honesty rules for answers: no guesses about people, hedged short answers, "I can't tell"."""

from __future__ import annotations

import pytest

from alttext_app.core.answer_rules import CANT_TELL, CANT_TELL_PEOPLE, finalize_answer, refuses


@pytest.mark.parametrize("question", [
    "Is this a man or a woman?", "what gender is the person", "How old is she?",
    "What race is the child?", "Who is this?", "is he male", "What is her name?",
    "这个人是男的还是女的？", "她多大了？", "这个人是谁？", "他是什么民族？", "是女孩吗",
])
def test_questions_about_people_are_not_guessed(question):
    assert refuses(question) == CANT_TELL_PEOPLE


@pytest.mark.parametrize("question", [
    "What colour is the car?", "How many people are there?", "What does the sign say?",
    "Is the person holding a cup?", "What is the woman holding?",
    "图里有几个人？", "上面写着什么？", "有没有狗？",
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


def test_ask_without_a_question_model_uses_the_builtin_describer(tmp_path, monkeypatch, capsys):
    from alttext_app.cli.main import main

    monkeypatch.setenv("ALTTEXT_MODELS_DIR", str(tmp_path))
    image = tmp_path / "x.png"
    from PIL import Image

    Image.new("RGB", (8, 8), "red").save(image)
    assert main(["ask", str(image), "What colour is it?"]) == 0
    assert capsys.readouterr().out.strip() == "The whole image is plain red."
    assert main(["ask", str(image), "Is it a man or a woman?"]) == 0
    assert "a person's looks don't show it" in capsys.readouterr().out
    # A model named by the user that is not there (or cannot answer) is still one clear sentence.
    assert main(["ask", str(image), "What colour is it?", "--model", "smolvlm-256m"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "smolvlm-256m" in err
    assert main(["--lang", "zh", "ask", str(image), "有狗吗？"]) == 0
    assert capsys.readouterr().out.strip() == "没有：这是一张纯红色图片。"
