"""`alttext train` end to end on CPU with tiny models: the founding design from scratch on rendered
scenes (checkpoints, Ctrl+C and --resume, metrics, import that "auto" never picks, ONNX export with
torch-vs-ONNX parity), fine-tuning a tiny ViT-GPT2, and the CLI on the small real photo set."""

from __future__ import annotations

import errno
import json
import sys
from pathlib import Path

import pytest

pytest.importorskip("torch")
pytest.importorskip("accelerate")
pytestmark = [pytest.mark.torch, pytest.mark.slow]

from alttext_app.core.errors import Cancelled  # noqa: E402
from alttext_app.core.training import synthetic  # noqa: E402
from alttext_app.core.training.api import TrainRequest, train  # noqa: E402

REAL = Path(__file__).parents[1] / "data" / "train_real"
TINY = {"hidden": 64, "layers": 2, "heads": 2, "max_tokens": 24}


class Notes:
    def __init__(self, stop_at: tuple[int, int] | None = None) -> None:
        self.lines: list[str] = []
        self.records: list[dict] = []
        self.stop_at, self.epoch, self.steps = stop_at, 0, 0

    def epoch_start(self, epoch, epochs, steps):
        self.epoch, self.steps = epoch, 0

    def step(self, loss):
        self.steps += 1
        if (self.epoch, self.steps) == self.stop_at:
            raise KeyboardInterrupt

    def epoch_end(self, record):
        self.records.append(record)

    def note(self, text):
        self.lines.append(text)


def _request(data, out, **loop) -> TrainRequest:
    return TrainRequest(data=str(data), base="cnn-gpt2", output=str(out), beams=2, threads=1,
                        founding=TINY, loop={"epochs": 3, "batch_size": 16, "lr": 2e-3,
                                             "eval_images": 16, **loop})


@pytest.fixture(scope="module")
def scenes(tmp_path_factory) -> Path:
    return synthetic.generate(tmp_path_factory.mktemp("scenes"), {"train": 96, "val": 16, "test": 16}, seed=2)


@pytest.fixture(scope="module")
def trained(scenes, tmp_path_factory):
    base = tmp_path_factory.mktemp("run")
    notes = Notes()
    request = _request(scenes, base / "out")
    request.name = "my-shapes"
    with pytest.MonkeyPatch.context() as patch:  # module scope: conftest's per-test folders are not set yet
        models = base / "models"
        patch.setenv("ALTTEXT_MODELS_DIR", str(models))
        return base / "out", train(request, notes), notes, models


@pytest.fixture
def trained_models(trained, monkeypatch):
    monkeypatch.setenv("ALTTEXT_MODELS_DIR", str(trained[3]))


def test_founding_design_trains_and_is_installed_but_never_auto(trained, trained_models) -> None:
    out, metrics, notes, _ = trained
    assert metrics["epochs_run"] == 3 and len(notes.records) == 3
    assert metrics["best_val_loss"] < metrics["initial_val_loss"]
    assert {"exact_match", "bleu4", "cider_d"} <= set(metrics["greedy"]) and "beam2" in metrics
    assert json.loads((out / "metrics.json").read_text())["held_out_split"] == "test"
    assert sorted(p.name for p in (out / "checkpoints").iterdir()) == ["epoch-002", "epoch-003"]
    for name in ("config.json", "model.safetensors", "tokenizer.json", "preprocessor_config.json"):
        assert (out / "best" / name).is_file()
    assert (out / "learning_curve.png").stat().st_size < 100_000
    assert "Sample captions" in (out / "report.md").read_text()

    from alttext_app.core.models.store import active_model_dir, find_installed
    from alttext_app.core.service import resolve_model_dir

    installed = find_installed("my-shapes")
    assert installed is not None and installed.source == "trained"
    assert active_model_dir() is None  # only a trained model installed: "auto" keeps the built-in
    assert resolve_model_dir("my-shapes") == installed.path  # chosen by name, it runs


def test_trained_model_exports_and_captions_identically_on_onnx(trained, scenes, tmp_path) -> None:
    from PIL import Image

    from alttext_app.core.captioner import CaptionOptions
    from alttext_app.core.engines import load_captioner
    from alttext_app.core.engines.export import export_model
    from alttext_app.core.engines.manifest import read_manifest

    out = trained[0]
    export = export_model(out / "best", tmp_path / "onnx")
    manifest = read_manifest(export)
    assert manifest["family"] == "cnn-gpt2" and manifest["parity"]["passed"]
    images = [Image.open(p).convert("RGB") for p in sorted((scenes / "images").glob("test-*.png"))[:6]]
    torch_cap = load_captioner(out / "best", backend="torch", device="cpu")
    onnx_cap = load_captioner(export, backend="onnx")
    for beams in (1, 2):
        options = CaptionOptions(num_beams=beams)
        a = [torch_cap.caption(img, options).text for img in images]
        b = [onnx_cap.caption(img, options).text for img in images]
        assert a == b and all(a)


def test_ctrl_c_saves_a_checkpoint_and_resume_finishes(scenes, tmp_path) -> None:
    out = tmp_path / "out"
    with pytest.raises(Cancelled, match="--resume"):
        train(_request(scenes, out, epochs=2), Notes(stop_at=(2, 3)))
    state = json.loads((out / "checkpoints" / "interrupted" / "trainer_state.json").read_text())
    assert state["epoch"] == 1 and state["step_in_epoch"] == 3  # the batch that was interrupted finished
    request = _request(scenes, out, epochs=2)
    request.resume = True
    notes = Notes()
    metrics = train(request, notes)
    assert metrics["epochs_run"] == 2 and [r["epoch"] for r in metrics["history"]] == [1, 2]
    assert any("Resuming after epoch 1, batch 3" in line for line in notes.lines)
    assert not (out / "checkpoints" / "interrupted").exists()


def test_fine_tuning_a_tiny_vit_gpt2_lowers_validation_loss(tmp_path) -> None:
    sys.path.insert(0, str(Path(__file__).parents[1] / "engines"))
    import tiny_models

    base = tiny_models.make_vit_gpt2(tmp_path / "vit-gpt2")
    request = TrainRequest(data=str(REAL), base=str(base), output=str(tmp_path / "out"), beams=2,
                           threads=1, loop={"epochs": 2, "batch_size": 8, "lr": 1e-3, "eval_images": 3})
    metrics = train(request, Notes())
    assert metrics["best_val_loss"] < metrics["initial_val_loss"]
    assert metrics["greedy"]["images"] == 3


def test_cli_trains_on_the_real_photo_set(tmp_path, capsys) -> None:
    from alttext_app.cli.main import main

    code = main(["train", str(REAL), "--output", str(tmp_path / "out"), "--epochs", "2",
                 "--hidden", "64", "--layers", "1", "--heads", "2", "--batch-size", "8", "--threads", "1"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert "Model:" in captured.out and "skipped" in captured.err and "missing.jpg" in captured.err
    assert main(["train", str(REAL), "--output", str(tmp_path / "out")]) == 1  # would overwrite a run
    assert "--resume" in capsys.readouterr().err


def test_out_of_memory_and_full_disk_are_one_sentence() -> None:
    from alttext_app.core.training.loop import friendly_errors

    oom = friendly_errors(RuntimeError("CUDA out of memory. Tried to allocate 2 GiB"))
    assert oom is not None and "--batch-size" in oom.user_message
    disk = friendly_errors(OSError(errno.ENOSPC, "No space left on device"))
    assert disk is not None and disk.user_message.startswith("The disk is full")
    assert friendly_errors(ValueError("other")) is None


def test_any_hugging_face_vision_model_can_be_the_backbone(tmp_path) -> None:
    import torch
    from PIL import Image
    from transformers import ResNetConfig, ResNetModel

    from alttext_app.core.captioner import CaptionOptions
    from alttext_app.core.engines import load_captioner
    from alttext_app.core.training import bases

    torch.manual_seed(0)
    ResNetModel(ResNetConfig(embedding_size=8, hidden_sizes=[8, 16], depths=[1, 1], layer_type="basic")
                ).save_pretrained(tmp_path / "resnet")
    spec = bases.FoundingSpec(backbone=str(tmp_path / "resnet"), hidden=32, layers=1, heads=2, max_tokens=8)
    prepared = bases.prepare("cnn-gpt2", spec, ["a red circle", "two blue squares"])
    encoder = prepared.model.config.encoder  # this ResNet downsamples 8×: a 28×28 grid of 16 channels
    assert (encoder.num_positions, encoder.feature_channels) == (28 * 28, 16)
    prepared.save(prepared.model, tmp_path / "model")
    captioner = load_captioner(tmp_path / "model", backend="torch", device="cpu")
    assert captioner.family.name == "cnn-gpt2"
    captioner.caption(Image.new("RGB", (64, 48), "red"), CaptionOptions(max_length=4))
