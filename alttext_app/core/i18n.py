"""Messages in the user's language without Qt: a table per language, chosen from the locale.

The English sentence is the key. Each language is one data file, `assets/i18n/<code>.json`:

    {"language": {"name": "简体中文", "qt": "zh_CN"},
     "messages": {"No model called “{name}” is installed.": "没有安装名为“{name}”的模型。", ...}}

so adding a language is a data-only change (see docs/languages.md). Two ways in:
- `tr(template, **values)` for messages written in this package;
- `localize(sentence)` for a finished English sentence (an error raised deep in the core, an
  argparse help text): it is matched against the templates, placeholders included, and the values
  found are put into the translation. Anything not in the table stays in English.
"""

from __future__ import annotations

import json
import locale
import logging
import os
import re
import threading
from dataclasses import dataclass, field
from functools import cache, cached_property

from alttext_app.core.paths import asset

log = logging.getLogger(__name__)

DEFAULT = "en"
_PLACEHOLDER = re.compile(r"\{(\w+)\}")
_lock = threading.Lock()
_chosen = ""  # set_language(); "" = follow the system


@dataclass
class Catalogue:
    code: str
    name: str
    qt_locale: str
    messages: dict[str, str] = field(default_factory=dict)

    @cached_property
    def patterns(self) -> list[tuple[re.Pattern[str], str]]:
        """Templates with {placeholders} as regexes, longest (most specific) first. Compiled on
        the first sentence that needs them: listing languages (Settings opening on the GUI
        thread) compiled ~140 of them, 30-80 ms."""
        found = [(_template_regex(template), translation)
                 for template, translation in self.messages.items()
                 if placeholders(template) and placeholders(template) == placeholders(translation)]
        found.sort(key=lambda item: -len(item[0].pattern))
        return found


def normalize(code: str | None) -> str:
    """"zh_CN.UTF-8", "zh-Hans", "ZH" -> "zh"; "C", "POSIX" and "" -> ""."""
    code = (code or "").strip().split(".")[0].split("@")[0]
    if code in ("", "C", "POSIX"):
        return ""
    return re.split(r"[_-]", code)[0].lower()


def system_language() -> str:
    """The language the desktop asks for (LANGUAGE, LC_ALL, LC_MESSAGES, LANG), else English."""
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        for part in os.environ.get(var, "").split(":"):
            code = normalize(part)
            if code:
                return code
    try:
        code = normalize(locale.getlocale()[0])
    except ValueError:
        code = ""
    return code or DEFAULT


def available_languages() -> dict[str, str]:
    """code -> the language's own name, for every data file shipped (English always)."""
    found = {DEFAULT: "English"}
    for code in _shipped_codes():
        found[code] = _load(code).name
    return found


@cache
def _shipped_codes() -> tuple[str, ...]:
    """The data files shipped: read once (every message asks, and a folder listing per help
    text made the CLI's start 0.4 s slower)."""
    folder = asset("i18n")
    return tuple(path.stem for path in sorted(folder.glob("*.json"))) if folder.is_dir() else ()


def supported(code: str) -> str:
    """`code` normalised when AltText has it, else English."""
    code = normalize(code)
    return code if code == DEFAULT or code in _shipped_codes() else DEFAULT


def set_language(code: str | None) -> None:
    """Use this language for messages ("" or None = follow the system)."""
    global _chosen
    with _lock:
        _chosen = normalize(code)


def language() -> str:
    """The language messages are written in now (a code AltText has a table for)."""
    with _lock:
        chosen = _chosen
    return supported(chosen or system_language())


def qt_locale(code: str | None = None) -> str:
    """The Qt translation name ("zh_CN") of a language, "" for English."""
    code = supported(code or language())
    return "" if code == DEFAULT else _load(code).qt_locale


def tr(template: str, /, lang: str | None = None, **values: object) -> str:
    """`template` in the current language, with {placeholders} filled from `values`."""
    code = supported(lang or language())
    text = template if code == DEFAULT else _load(code).messages.get(template, template)
    return text.format(**values) if values else text


def localize(sentence: str, lang: str | None = None) -> str:
    """A finished English sentence in the current language (unchanged when not in the table)."""
    code = supported(lang or language())
    if code == DEFAULT or not sentence:
        return sentence
    table = _load(code)
    if sentence in table.messages:
        return table.messages[sentence]
    for pattern, translation in table.patterns:
        match = pattern.fullmatch(sentence)
        if match:
            values = {k: localize(v, code) for k, v in match.groupdict().items()}
            return translation.format(**values)
    return sentence


def _template_regex(template: str) -> re.Pattern[str]:
    """"No model called “{name}”." -> a regex capturing `name` (a repeated name must repeat)."""
    seen: set[str] = set()
    regex = []
    for i, part in enumerate(_PLACEHOLDER.split(template)):
        if i % 2 == 0:
            regex.append(re.escape(part))
        elif part in seen:
            regex.append(f"(?P={part})")
        else:
            seen.add(part)
            regex.append(f"(?P<{part}>.+?)")
    return re.compile("".join(regex), re.DOTALL)


def placeholders(text: str) -> set[str]:
    return set(_PLACEHOLDER.findall(text))


@cache
def _load(code: str) -> Catalogue:
    path = asset("i18n", f"{code}.json")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        log.warning("no usable message table for %r at %s", code, path)
        return Catalogue(code, code, "")
    meta = data.get("language") or {}
    messages = {k: v for k, v in (data.get("messages") or {}).items() if isinstance(v, str) and v}
    return Catalogue(code, str(meta.get("name") or code), str(meta.get("qt") or code), messages)
