#!/usr/bin/env python3
"""Evaluate the built-in describer's text side on the labelled set in tests/data/eval/text/.

Prints one row per image (kind guess, OCR word recall/precision, timings, the text description)
and a summary: kind accuracy, OCR word accuracy on text images, pre-check hits and timings.
`--engines` also compares plain tesseract (no preparation) and rapidocr on the same images.

Usage: .venv/bin/python benchmarks/eval_builtin_text.py [--engines] [--jpeg Q] [--set DIR]
"""

from __future__ import annotations

import argparse
import io
import json
import re
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from alttext_app.core.builtin.kind import classify_kind, describe_text  # noqa: E402
from alttext_app.core.builtin.ocr import likely_has_text, parse_tsv, read_text  # noqa: E402
from alttext_app.core.images import load_image  # noqa: E402

_STRIP = re.compile(r"^[^\w$%]+|[^\w$%]+$")


def norm_words(text: str) -> list[str]:
    out = []
    for token in text.split():
        token = _STRIP.sub("", token.lower().replace("’", "'").replace("‘", "'"))
        if token:
            out.append(token)
    return out


def word_scores(truth: str, found: str) -> tuple[float, float]:
    """(recall, precision) of words, counted with multiplicity."""
    want, got = Counter(norm_words(truth)), Counter(norm_words(found))
    hit = sum((want & got).values())
    recall = hit / max(1, sum(want.values()))
    precision = hit / max(1, sum(got.values()))
    return recall, precision


def expectation_misses(item: dict, text: str) -> list[str]:
    """Parts of the purpose the description should state (labels' `expect`) but does not, and
    text it must never quote (`never`, e.g. a line-number gutter)."""
    want = item.get("expect", {})
    lower = text.lower()
    misses = []
    if "chart" in want and f"{want['chart']} chart" not in lower:
        misses.append(f"{want['chart']} chart")
    for key in ("title", "x_to", "language", "message"):
        if key in want and want[key].lower() not in lower:
            misses.append(want[key])
    for key in ("series", "categories", "names", "headers", "buttons"):
        misses += [part for part in want.get(key, []) if part.lower() not in lower]
    if "rows" in want and f"{want['rows']} rows" not in lower:
        misses.append(f"{want['rows']} rows")
    misses += [f"quoted {bad!r}" for bad in item.get("never", []) if f"“{bad}" in text]
    if item["kind"] == "code" and re.search(r"“\d+\s", text):
        misses.append("quoted a line number")
    return misses


def plain_tesseract(path: Path) -> str:
    out = subprocess.run(
        ["tesseract", str(path), "stdout", "-l", "eng", "--psm", "3", "tsv"],
        capture_output=True, text=True, check=False,
    ).stdout
    return parse_tsv(out).text


def rapidocr_text(engine, path: Path) -> str:
    result, _ = engine(str(path))
    return "\n".join(item[1] for item in (result or []))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", type=Path, default=ROOT / "tests/data/eval/text")
    parser.add_argument("--engines", action="store_true", help="compare OCR engines too")
    parser.add_argument("--max-chars", type=int, default=125)
    parser.add_argument("--jpeg", type=int, metavar="Q", help="re-encode each image as JPEG first")
    args = parser.parse_args()
    labels = json.loads((args.set / "labels.json").read_text())
    rapid = None
    if args.engines:
        from rapidocr_onnxruntime import RapidOCR

        rapid = RapidOCR()

    rows, kind_ok, recalls, precisions, key_ok = [], 0, [], [], 0
    pre_ok, pre_ms, ocr_ms, kind_ms, engine_rows = 0, [], [], [], []
    expect_ok = expect_total = 0
    for item in labels:
        path = args.set / item["file"]
        image = load_image(path)
        if args.jpeg:  # screenshots shared through chat apps and web pages often arrive as JPEG
            buffer = io.BytesIO()
            image.save(buffer, "JPEG", quality=args.jpeg)
            image = load_image(buffer.getvalue())
        t0 = time.perf_counter()
        likely = likely_has_text(image)
        t1 = time.perf_counter()
        ocr = read_text(image)
        t2 = time.perf_counter()
        guess = classify_kind(image, ocr)
        t3 = time.perf_counter()
        text = describe_text(ocr, guess.kind, args.max_chars, image)
        pre_ms.append((t1 - t0) * 1000)
        ocr_ms.append((t2 - t1) * 1000)
        kind_ms.append((t3 - t2) * 1000)
        pre_ok += likely == bool(item["text"])
        kind_ok += guess.kind == item["kind"]
        rec = prec = None
        if item["text"]:
            rec, prec = word_scores(item["text"], ocr.text)
            recalls.append(rec)
            precisions.append(prec)
            if all(k.lower() in text.lower() for k in item["key"]) or item["kind"] == "code":
                key_ok += 1
            if args.engines:
                r_plain, _ = word_scores(item["text"], plain_tesseract(path))
                t = time.perf_counter()
                r_rapid, _ = word_scores(item["text"], rapidocr_text(rapid, path))
                engine_rows.append(
                    (item["file"], rec, r_plain, r_rapid, (time.perf_counter() - t) * 1000,
                     ocr_ms[-1])
                )
        misses = expectation_misses(item, text)
        if "expect" in item:
            expect_total += 1
            expect_ok += not misses
        if misses:
            text += f" — MISSING: {'; '.join(misses)}"
        rows.append((item["file"], item["kind"], guess.kind, likely, rec, prec, ocr_ms[-1], text))

    print("| image | truth | guess | pre-check | word recall | word precision | OCR ms | text |")
    print("|---|---|---|---|---|---|---|---|")
    for name, truth, kind, likely, rec, prec, ms, text in rows:
        mark = "" if truth == kind else " ✗"
        r = f"{rec:.0%}" if rec is not None else "–"
        p = f"{prec:.0%}" if prec is not None else "–"
        print(f"| {name} | {truth} | {kind}{mark} | {likely} | {r} | {p} | {ms:.0f} | {text} |")
    n_text = len(recalls)
    print()
    print(f"kind accuracy: {kind_ok}/{len(labels)} = {kind_ok / len(labels):.0%}")
    if expect_total:
        print(f"purpose stated in full (type, title, series, names, headers, buttons): "
              f"{expect_ok}/{expect_total}")
    if n_text:
        all_truth = sum(len(norm_words(i["text"])) for i in labels if i["text"])
        pooled = sum(r * len(norm_words(i["text"])) for r, i in
                     zip(recalls, [i for i in labels if i["text"]], strict=True)) / all_truth
        print(f"OCR word recall on {n_text} text images: mean {statistics.mean(recalls):.1%}, "
              f"pooled over {all_truth} words {pooled:.1%}; precision {statistics.mean(precisions):.1%}")
        print(f"key text quoted in the description: {key_ok}/{n_text}")
    print(f"pre-check correct: {pre_ok}/{len(labels)}; median {statistics.median(pre_ms):.0f} ms, "
          f"max {max(pre_ms):.0f} ms")
    text_ms = [ms for ms, i in zip(ocr_ms, labels, strict=True) if i["text"]]
    if text_ms:
        print(f"OCR time on text images: median {statistics.median(text_ms):.0f} ms, "
              f"max {max(text_ms):.0f} ms; kind {statistics.median(kind_ms):.0f} ms median")
    if engine_rows:
        print()
        print("| image | ours (prepared tesseract) | plain tesseract | rapidocr | rapidocr ms | ours ms |")
        print("|---|---|---|---|---|---|")
        for name, ours, plain, rr, rms, oms in engine_rows:
            print(f"| {name} | {ours:.0%} | {plain:.0%} | {rr:.0%} | {rms:.0f} | {oms:.0f} |")
        cols = list(zip(*[(o, p, r) for _, o, p, r, _, _ in engine_rows], strict=True))
        print(f"| mean | {statistics.mean(cols[0]):.1%} | {statistics.mean(cols[1]):.1%} | "
              f"{statistics.mean(cols[2]):.1%} | | |")


if __name__ == "__main__":
    main()
