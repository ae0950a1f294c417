"""Choosing a voice for a language: the user's choice for that language, else the best one installed.

A Chinese description must never be read by an English voice (espeak-ng's English voice spells Han
characters out as "Chinese letter…"), so the voice follows the text's language, and the user's
choice is kept per language: picking a Mandarin voice does not change the English one.
Choices are stored in the settings as "en=gmw/en-US,zh=sit/cmn".
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from alttext_app.core.i18n import normalize

# Language tags voices use that belong to a language code AltText knows under another name.
_ALIASES = {"cmn": "zh", "yue": "zh", "hak": "zh", "nan": "zh", "wuu": "zh", "jpn": "ja", "kor": "ko"}
# Within a language, voices for these tags first (Mandarin before Cantonese for written Chinese).
_PREFERRED = {"zh": ("cmn", "zh"), "en": ("en-us", "en-gb", "en")}


@dataclass(frozen=True)
class Voice:
    id: str
    name: str
    languages: tuple[str, ...] = field(default_factory=tuple)  # the voice's tags, main one first

    @property
    def label(self) -> str:
        langs = ", ".join(self.languages)
        return f"{self.name} ({langs})" if langs else self.name

    @property
    def language(self) -> str:
        """The language code of the voice's main tag ("sit/cmn" -> "zh")."""
        return language_of_tag(self.languages[0]) if self.languages else ""


def language_of_tag(tag: str) -> str:
    code = normalize(tag)
    return _ALIASES.get(code, code)


def speaks(voice: Voice, language: str) -> bool:
    return any(language_of_tag(tag) == language for tag in voice.languages)


def best_voice(voices: Sequence[Voice], language: str) -> Voice | None:
    """The installed voice that suits `language` best, or None when none speaks it."""
    preferred = _PREFERRED.get(language, (language,))

    def rank(voice: Voice) -> tuple[int, int, int, int]:
        main = voice.languages[0].lower() if voice.languages else ""
        order = preferred.index(main) if main in preferred else len(preferred)
        # MBROLA voices ("mb/…") need an extra program that is rarely installed.
        return (voice.language != language, order, voice.id.startswith("mb/"), len(voice.id))

    candidates = [v for v in voices if speaks(v, language)]
    return min(candidates, key=rank) if candidates else None


def parse_choices(text: str) -> dict[str, str]:
    """"en=gmw/en-US,zh=sit/cmn" -> {"en": "gmw/en-US", "zh": "sit/cmn"} (bad parts are skipped)."""
    choices = {}
    for part in (text or "").split(","):
        code, sep, voice = part.partition("=")
        if sep and normalize(code) and voice.strip():
            choices[normalize(code)] = voice.strip()
    return choices


def format_choices(choices: dict[str, str]) -> str:
    return ",".join(f"{code}={voice}" for code, voice in sorted(choices.items()) if voice)


def remember(choices_text: str, voice: Voice | None) -> str:
    """The stored choices with `voice` kept for its own language (the other languages untouched)."""
    choices = parse_choices(choices_text)
    if voice is not None and voice.language:
        choices[voice.language] = voice.id
    return format_choices(choices)


def choose_voice(
    voices: Iterable[Voice], language: str, choices: dict[str, str], general: str = ""
) -> str | None:
    """The voice id to read text in `language`.

    The user's choice for the language wins, then the general voice setting when it speaks the
    language, then the best installed voice. '' = the engine's default (English), None = no
    installed voice speaks the language.
    """
    voices = list(voices)
    by_id = {v.id.lower(): v for v in voices}
    chosen = choices.get(language, "")
    if chosen and chosen.lower() in by_id:
        return by_id[chosen.lower()].id
    if general and general.lower() in by_id and speaks(by_id[general.lower()], language):
        return by_id[general.lower()].id
    if not voices or (language == "en" and not general):
        return ""  # nothing to choose from, or English from the engine's default voice
    best = best_voice(voices, language)
    return best.id if best else None
