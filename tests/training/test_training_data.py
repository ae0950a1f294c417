"""Training data readers, splits, the synthetic scene set and the caption metrics (no torch)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PIL import Image

from alttext_app.core.training import metrics, synthetic
from alttext_app.core.training.data import DataError, load_dataset, read_pairs, split_pairs

REAL = Path(__file__).parents[1] / "data" / "train_real" / "captions.csv"


def _image(path: Path, colour=(200, 30, 30)) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (32, 32), colour).save(path)


def test_real_set_reads_splits_and_skips_bad_rows() -> None:
    data = load_dataset(REAL)
    assert data.counts() == {"train": 15, "val": 3, "test": 3, "skipped": 2}
    assert all(len(p.captions) == 2 for p in data.train + data.val + data.test)
    assert any("missing.jpg not found" in s for s in data.skipped)
    assert any("empty caption" in s for s in data.skipped)


def test_jsonl_several_captions_bad_lines_and_broken_image(tmp_path: Path) -> None:
    _image(tmp_path / "a.png")
    _image(tmp_path / "b.png", (0, 0, 200))
    (tmp_path / "broken.png").write_bytes(b"not an image")
    rows = [
        {"image": "a.png", "captions": ["a red square", "red"]},
        {"image": "a.png", "caption": "  a   red\tsquare again "},
        {"image": "b.png", "caption": "a blue square"},
        {"image": "broken.png", "caption": "x"},
        {"image": "b.png", "caption": ""},
    ]
    lines = [json.dumps(r) for r in rows] + ["{not json", "[1, 2]"]
    (tmp_path / "captions.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    pairs, skipped = read_pairs(tmp_path)
    by_name = {p.image.name: p.captions for p in pairs}
    assert by_name == {"a.png": ["a red square", "red", "a red square again"], "b.png": ["a blue square"]}
    assert len(skipped) == 4  # broken image, empty caption, bad JSON, not an object
    assert any("broken.png cannot be read" in s for s in skipped)


def test_coco_captions_json(tmp_path: Path) -> None:
    _image(tmp_path / "images" / "1.jpg")
    coco = {"images": [{"id": 1, "file_name": "1.jpg", "split": "validation"}, {"id": 2, "file_name": "2.jpg"}],
            "annotations": [{"image_id": 1, "caption": "one"}, {"image_id": 1, "caption": "two"},
                            {"image_id": 9, "caption": "orphan"}]}
    (tmp_path / "coco.json").write_text(json.dumps(coco), encoding="utf-8")
    pairs, skipped = read_pairs(tmp_path / "coco.json")
    assert [(p.image.name, p.captions, p.split) for p in pairs] == [("1.jpg", ["one", "two"], "val")]
    assert len(skipped) == 2  # the orphan annotation and the missing 2.jpg


def test_automatic_split_is_seeded_and_errors_are_sentences(tmp_path: Path) -> None:
    for i in range(20):
        _image(tmp_path / f"{i}.png")
    (tmp_path / "captions.csv").write_text(
        "image,caption\n" + "".join(f"{i}.png,shape {i}\n" for i in range(20)), encoding="utf-8")
    pairs, _ = read_pairs(tmp_path)
    first, again = split_pairs(pairs, 0.25, seed=3), split_pairs(pairs, 0.25, seed=3)
    assert [len(s) for s in first] == [15, 5, 0]
    assert [p.image for p in first[1]] == [p.image for p in again[1]]
    assert {p.image for p in split_pairs(pairs, 0.25, seed=4)[1]} != {p.image for p in first[1]}
    for pair in pairs[:4]:
        pair.split = "test"
    train, val, test = split_pairs(pairs, 0.25, seed=3)  # no "val" given: carved out of train
    assert (len(train), len(val), len(test)) == (12, 4, 4)
    (tmp_path / "empty").mkdir()
    with pytest.raises(DataError, match="no captions.jsonl"):
        read_pairs(tmp_path / "empty")
    (tmp_path / "bad.csv").write_text("file,text\nx,y\n", encoding="utf-8")
    with pytest.raises(DataError, match="header row"):
        read_pairs(tmp_path / "bad.csv")


def test_synthetic_scenes_are_reproducible(tmp_path: Path) -> None:
    a = synthetic.generate(tmp_path / "a", {"train": 6, "test": 2}, seed=5)
    b = synthetic.generate(tmp_path / "b", {"train": 6, "test": 2}, seed=5)
    rows = [json.loads(line) for line in (a / "captions.jsonl").read_text().splitlines()]
    assert rows == [json.loads(line) for line in (b / "captions.jsonl").read_text().splitlines()]
    assert (a / rows[0]["image"]).read_bytes() == (b / rows[0]["image"]).read_bytes()
    assert [r["split"] for r in rows] == ["train"] * 6 + ["test"] * 2
    for row in rows:
        words = row["caption"].split()
        assert words[0] in synthetic.COUNTS and words[1] in synthetic.COLOURS
        assert row["caption"].endswith(tuple(synthetic.PLACES))


def test_metrics_match_pycocoevalcap() -> None:
    refs = [["a red circle on the left", "a red ball on the left side"], ["two blue squares", "two blue boxes at the top"],
            ["one green triangle at the top", "a green triangle"], ["a cat on a mat", "the cat sits on the mat"]]
    hyps = ["a red circle on the left", "two blue squares at the top", "a green triangle at the bottom", "a dog on a mat"]
    # Reference values: pycocoevalcap 1.2 Bleu(4) and Cider() on the same tokens.
    assert metrics.bleu4(hyps, refs) == pytest.approx(0.6465487716, abs=1e-8)
    assert metrics.cider_d(hyps, refs) == pytest.approx(4.4440460765, abs=1e-8)
    assert metrics.exact_match(hyps, refs) == 0.25
    assert metrics.exact_match(["A red circle, on the left."], [refs[0]]) == 1.0


def test_every_synthetic_shape_lies_wholly_in_its_region(monkeypatch) -> None:
    """Captions must follow from the picture: no shape may sit where another place word fits."""
    import random

    drawn: list[tuple[str, float, float, float]] = []
    places = iter(())

    def record(draw, shape, cx, cy, r, fill):
        drawn.append((next(places), cx, cy, r))

    monkeypatch.setattr(synthetic, "_draw_shape", record)
    rng = random.Random(7)
    for _ in range(150):
        groups = synthetic.random_scene(rng)
        places = iter([g.place for g in groups for _ in range(g.count)])
        synthetic.render(groups, rng)
    assert len(drawn) > 250
    assert all(synthetic._inside(place, x, y, r) for place, x, y, r in drawn)
