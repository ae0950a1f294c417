"""MarianMT translation through both engines: a tiny random model gives identical ids on PyTorch
and on its ONNX export (greedy and beam), and the tokeniser matches the documented layout."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from tests.engines.tiny_marian import ENGLISH, make_marian

pytest.importorskip("sentencepiece")
pytestmark = pytest.mark.torch


@pytest.fixture(scope="module")
def marian(tmp_path_factory):
    pytest.importorskip("transformers")
    from alttext_app.core.engines.translator import export_translator

    folder = make_marian(tmp_path_factory.mktemp("marian") / "opus-mt-en-zh")
    export = export_translator(folder, folder.parent / "onnx", target="zh")
    return folder, export


def test_tokeniser_tags_and_ends_with_eos(marian):
    from alttext_app.core.engines.marian_text import MarianText

    text = MarianText(marian[0])
    tag = text.tag_for("zh")
    assert tag == ">>cmn_Hans<<"
    ids = text.encode("A cat sitting on a sofa.", tag)
    assert ids[0] == text.vocab[tag] and ids[-1] == text.eos and text.unk not in ids


@pytest.mark.parametrize("beams", [1, 3])
def test_torch_and_onnx_give_identical_ids(marian, beams):
    from alttext_app.core.engines.translator import Translator

    torch_side = Translator(marian[0], "zh", backend="torch", device="cpu")
    onnx_side = Translator(marian[1], "zh", backend="onnx", device="cpu")
    for sentence in ENGLISH:
        expected = torch_side.generate_ids(sentence, num_beams=beams, max_new_tokens=24)
        assert expected, "the random model should write something"
        assert onnx_side.generate_ids(sentence, num_beams=beams, max_new_tokens=24) == expected
    assert onnx_side.translate(ENGLISH[0]) == torch_side.translate(ENGLISH[0])


def test_translation_export_has_prepared_graphs(marian):
    """The ids test above runs on them: they are what the ONNX translator opens here."""
    from alttext_app.core.engines import prepared_graphs
    from alttext_app.core.engines.manifest import read_manifest

    if not prepared_graphs.cpu_signature():
        pytest.skip("CPU features unknown: nothing is prepared")
    entry = read_manifest(marian[1])["prepared"]
    assert set(entry["graphs"]) == set(read_manifest(marian[1])["graphs"].values())
    assert all((marian[1] / name).is_file() for name in entry["graphs"].values())


def test_onnx_translator_runs_without_torch(marian):
    code = textwrap.dedent(f"""
        import sys
        sys.modules["torch"] = None
        sys.modules["transformers"] = None
        from alttext_app.core.engines.translator import Translator
        print(len(Translator({str(marian[1])!r}, "zh", backend="onnx").generate_ids("A cat.", max_new_tokens=8)))
    """)
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    assert int(run.stdout.strip()) > 0


def test_caption_lang_zh_uses_an_installed_translator(marian, monkeypatch, tmp_path):
    """An English-only captioner + an installed opus-mt-en-zh: Chinese alt text, English kept."""
    import shutil

    from alttext_app.core.captioner import CaptionOptions, CaptionResult
    from alttext_app.core.translation import find_translator, localize_result

    models = tmp_path / "models"
    installed = models / "Helsinki-NLP--opus-mt-en-zh"
    shutil.copytree(marian[0], installed)
    shutil.copytree(marian[1], installed / "onnx")
    monkeypatch.setenv("ALTTEXT_MODELS_DIR", str(models))
    assert find_translator("en", "zh") == installed / "onnx"
    from alttext_app.core.models.store import active_model_dir

    assert active_model_dir() is None  # "auto" never captions with a translator
    result = CaptionResult(None, "A cat sitting on a sofa.", "", "vit-gpt2", "onnx", "cpu", 0.1)
    localize_result(result, "zh", CaptionOptions().max_chars)
    assert result.lang == "zh" and result.alt_text_en == "A cat sitting on a sofa."
    assert result.alt_text and result.alt_text != result.alt_text_en and not result.notice
    assert result.to_json()["alt_text_en"] == "A cat sitting on a sofa."
