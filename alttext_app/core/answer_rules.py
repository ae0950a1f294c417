"""Honesty rules for answers to questions about an image (the alt-text rules' sibling).

- Questions about what cannot be seen — a person's gender, age, race, religion, identity or
  feelings — get a plain "I can't tell" instead of a guess; the model is not even asked.
- Answers never assume gender or age (the alt-text rules' neutral words).
- Short answers from a small VQA model ("red", "2", "yes") are hedged: "Probably red."
- Empty or non-answers ("unknown", "none", "I don't know") become "I can't tell."
"""

from __future__ import annotations

import re

from alttext_app.core.alttext_rules import neutral_words

CANT_TELL = "I can't tell."
CANT_TELL_PEOPLE = "I can't tell that from a picture: a person's looks don't show it."

_ABOUT_PERSON = re.compile(
    r"\b(?:gender|sex|male|female|man or (?:a )?woman|woman or (?:a )?man|boy or (?:a )?girl|"
    r"girl or (?:a )?boy|is (?:it|this|that|he|she|the person) (?:a )?(?:man|woman|boy|girl|guy|lady)|"
    r"how old|what age|age of|race|ethnicity|ethnic|religion|religious|nationality|sexual|"
    r"who is (?:this|that|he|she|it|the person)|what(?:'s| is) (?:his|her|their) name|"
    r"pregnant|disabled|disability)\b",
    re.IGNORECASE,
)
# The same questions asked in Chinese (the built-in answerer takes Chinese questions).
_ABOUT_PERSON_ZH = re.compile(
    r"性别|男(?:的|人|性|孩|生)?还是女|女(?:的|人|性|孩|生)?还是男|是(?:不是)?(?:男|女)(?:的|人|性|孩|生)|"
    r"多大(?:了|年纪|岁数)|几岁|年龄|年纪|种族|民族|宗教|信仰|国籍|(?:他|她|这个人|那个人|这人)是谁|叫什么名字|怀孕|残疾"
)
_NON_ANSWERS = {"", "unknown", "none", "nothing", "i don't know", "i do not know", "not sure",
                "unanswerable", "n/a"}
_SHORT_WORDS = 3  # answers this short come from a VQA head: hedge them


def refuses(question: str) -> str | None:
    """The reply for a question no picture can answer honestly, else None."""
    return CANT_TELL_PEOPLE if _ABOUT_PERSON.search(question) or _ABOUT_PERSON_ZH.search(question) else None


def finalize_answer(answer: str) -> str:
    """An answer fit to be spoken: neutral words, hedged when it is a bare VQA word or two."""
    text = " ".join(answer.split()).strip()
    if text.lower().strip(" .!") in _NON_ANSWERS:
        return CANT_TELL
    text = neutral_words(text)
    if len(text.split()) <= _SHORT_WORDS:
        lowered = text.lower().rstrip(".!")
        if lowered == "no":
            return "Probably not."
        return f"Probably {lowered}."
    if text[0].islower():
        text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?…\"”" else text + "."
