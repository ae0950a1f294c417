"""Evaluate the built-in describer on the labelled real photos in tests/data/eval/photos/.

For each photo: the alt text, whether each expected keyword group is hit, and any forbidden
claim, split into confident claims (the worst kind) and hedged ones ("may show ..."). Prints a
Markdown table and a summary; `--json PATH` also writes the raw results.

    .venv/bin/python benchmarks/eval_builtin_photos.py [--max-chars 125] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from alttext_app.core.alttext_rules import finalize_alt_text  # noqa: E402
from alttext_app.core.builtin import load_builtin  # noqa: E402
from alttext_app.core.captioner import CaptionOptions, Detail  # noqa: E402
from alttext_app.core.images import load_image  # noqa: E402

EVAL_DIR = ROOT / "tests" / "data" / "eval" / "photos"
HEDGES = re.compile(r"\bmay (?:also )?(?:show|read|be)\b|\bthat may\b", re.IGNORECASE)


_SIBILANT = ("s", "x", "z", "ch", "sh")


def word_forms(word: str) -> set[str]:
    """The word and its regular English singular/plural: a plural names the same thing as its
    singular ("plants" for an expected "plant", "dogs" for a forbidden "dog"), so both count, for
    expected and forbidden words alike. Only the last word of a phrase changes ("potted plants").
    Irregular plurals (leaf/leaves, person/people) are not derived: references list them."""
    head, _, last = word.rpartition(" ")
    lead = head + " " if head else ""
    forms = {last}
    lower = last.lower()
    if lower.endswith("ies") and len(lower) > 4:
        forms.add(last[:-3] + "y")
    elif lower.endswith("es") and lower[:-2].endswith(_SIBILANT):
        forms.add(last[:-2])
    elif lower.endswith("s") and len(lower) > 3 and not lower.endswith(("ss", "us", "is")):
        forms.add(last[:-1])
    if len(forms) == 1:  # a singular: add its plural
        if lower.endswith("y") and len(lower) > 2 and lower[-2] not in "aeiou":
            forms.add(last[:-1] + "ies")
        elif lower.endswith(_SIBILANT):
            forms.add(last + "es")
        elif not lower.endswith("s"):
            forms.add(last + "s")
    return {lead + form for form in forms}


def has_word(text: str, word: str) -> bool:
    """A whole-word, case-insensitive match of the word or its regular singular/plural."""
    pattern = "|".join(re.escape(form) for form in sorted(word_forms(word), key=len, reverse=True))
    return re.search(r"(?<![\w-])(?:" + pattern + r")(?![\w-])", text, re.IGNORECASE) is not None


def split_hedged(alt: str) -> tuple[str, str]:
    """(confident part, hedged part): words after 'may show' are only hedged claims."""
    match = HEDGES.search(alt)
    if not match:
        return alt, ""
    return alt[: match.start()], alt[match.start():]


def evaluate(item: dict, alt: str, always_forbidden: list[str]) -> dict:
    confident, hedged = split_hedged(alt)
    groups = item.get("expected", [])
    hits = [any(has_word(alt, w) for w in group) for group in groups]
    forbidden = list(item.get("forbidden", [])) + always_forbidden
    return {
        "groups": len(groups),
        "hits": sum(hits),
        "wrong_confident": [w for w in forbidden if has_word(confident, w)],
        "wrong_hedged": [w for w in forbidden if has_word(hedged, w)],
        "abstained": not any(c.isalpha() for c in re.sub(
            r"(?i)(?:black-and-white )?(?:photo; its subject could not be recognised|graphic)", "", alt
        )),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-chars", type=int, default=125)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--no-times", action="store_true", help="leave the ms column out")
    parser.add_argument("--detail", choices=[d.value for d in Detail], default=Detail.BRIEF.value,
                        help="'more': judge the two-sentence descriptions")
    args = parser.parse_args()
    spec = json.loads((EVAL_DIR / "photos.json").read_text(encoding="utf-8"))
    captioner = load_builtin()
    options = CaptionOptions(max_chars=args.max_chars, detail=Detail(args.detail))
    rows = []
    for item in spec["photos"]:
        image = load_image(EVAL_DIR / item["file"])
        captioner.caption(image, options)  # warm-up: first runs allocate
        started = time.perf_counter()
        raw = captioner.caption(image, options)
        seconds = time.perf_counter() - started
        alt = finalize_alt_text(raw.text, max_chars=options.total_chars)
        row = {"file": item["file"], "what": item["what"], "alt": alt, "kind": raw.kind,
               "top": raw.labels[0] if raw.labels else None, "ms": round(seconds * 1000),
               "held_out": bool(item.get("held_out")), "round": item.get("round", 1)}
        row.update(evaluate(item, alt, spec.get("always_forbidden", [])))
        rows.append(row)

    ms_head, ms_rule = ("", "") if args.no_times else (" ms |", "---|")
    print("| photo | what it shows | alt text | kind | top ImageNet class | hits | wrong claims |" + ms_head)
    print("|---|---|---|---|---|---|---|" + ms_rule)
    for r in rows:
        top = f"{r['top'][0]} {r['top'][1]:.2f}" if r["top"] else ""
        wrong = ", ".join([f"**{w}**" for w in r["wrong_confident"]] + [f"{w} (hedged)" for w in r["wrong_hedged"]])
        held = " (held out)" if r["held_out"] else ""
        ms = "" if args.no_times else f" {r['ms']} |"
        print(f"| {r['file']}{held} | {r['what']} | {r['alt']} | {r['kind']} | {top} | "
              f"{r['hits']}/{r['groups']} | {wrong or '–'} |{ms}")
    groups = sum(r["groups"] for r in rows)
    hits = sum(r["hits"] for r in rows)
    photos_hit = sum(r["hits"] > 0 for r in rows)
    wrong_conf = sum(len(r["wrong_confident"]) for r in rows)
    wrong_hedged = sum(len(r["wrong_hedged"]) for r in rows)
    times = sorted(r["ms"] for r in rows)
    print()
    print(f"photos: {len(rows)}; keyword groups hit: {hits}/{groups} ({hits / groups:.0%}); "
          f"photos with at least one expected keyword: {photos_hit}/{len(rows)}; "
          f"abstained (said no object): {sum(r['abstained'] for r in rows)}")
    print(f"wrong confident claims: {wrong_conf}; wrong hedged claims: {wrong_hedged}")
    held = [r for r in rows if r["held_out"]]
    if held:
        print(f"held-out photos: {len(held)}; keyword groups hit: "
              f"{sum(r['hits'] for r in held)}/{sum(r['groups'] for r in held)}; wrong claims: "
              f"{sum(len(r['wrong_confident']) + len(r['wrong_hedged']) for r in held)}")
    for number in sorted({r["round"] for r in rows}):
        part = [r for r in rows if r["round"] == number]
        print(f"round {number}{' (and 2)' if number == 1 else ''}: photos with at least one expected "
              f"keyword: {sum(r['hits'] > 0 for r in part)}/{len(part)}; wrong claims: "
              f"{sum(len(r['wrong_confident']) + len(r['wrong_hedged']) for r in part)}")
    print(f"time per photo (ms): median {times[len(times) // 2]}, max {times[-1]}")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
