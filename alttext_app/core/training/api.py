"""`train(...)`: the use case behind `alttext train` — data, base, loop, final evaluation, report,
import into AltText's models. Importing this module does not import torch; calling train() does.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from alttext_app.core.training.data import Dataset, Pair, TrainError, load_dataset

log = logging.getLogger(__name__)
FOUNDING = "cnn-gpt2"


@dataclass
class TrainRequest:
    data: str
    base: str
    output: str
    name: str | None = None  # import the best model into AltText's models under this name
    resume: bool = False
    val_fraction: float = 0.1
    beams: int = 3
    freeze_encoder: bool | None = None  # None: frozen for the founding design, trained otherwise
    threads: int | None = None
    founding: dict[str, Any] = field(default_factory=dict)  # FoundingSpec fields
    loop: dict[str, Any] = field(default_factory=dict)  # LoopOptions fields


def training_available() -> bool:
    from importlib.util import find_spec

    return all(find_spec(name) is not None for name in ("torch", "transformers", "accelerate"))


def default_lr(base: str) -> float:
    return 5e-4 if base == FOUNDING else 5e-5


def _examples(pairs: list[Pair]) -> list[tuple[int, str]]:
    return [(i, c) for i, pair in enumerate(pairs) for c in pair.captions]


def train(request: TrainRequest, reporter) -> dict[str, Any]:
    """Train; return the final metrics (also written to OUTPUT/metrics.json)."""
    if not training_available():
        raise TrainError("Training needs PyTorch, transformers and accelerate "
                         "(pip install 'alttext[torch,train]').")
    import torch
    from transformers.utils import logging as hf_logging

    from alttext_app.core.training import bases, loop, report
    from alttext_app.core.training.inputs import ImageInputs

    hf_logging.set_verbosity_error()  # generate()'s advice about padding does not apply here
    hf_logging.disable_progress_bar()
    if request.threads:
        torch.set_num_threads(request.threads)
    out = Path(request.output).expanduser()
    checkpoint = loop.latest_checkpoint(out) if request.resume else None
    if request.resume and checkpoint is None:
        raise TrainError(f"There is no checkpoint in “{out}” to resume from.")
    if not request.resume and (out / "checkpoints").exists():
        raise TrainError(f"“{out}” already holds a training run; use --resume or another --output.")
    dataset: Dataset = load_dataset(request.data, request.val_fraction, request.loop.get("seed", 0))
    for reason in dataset.skipped[:20]:
        reporter.note(f"skipped {reason}")
    if len(dataset.skipped) > 20:
        reporter.note(f"... and {len(dataset.skipped) - 20} more rows skipped (see {out / 'skipped.txt'}).")
    out.mkdir(parents=True, exist_ok=True)
    (out / "skipped.txt").write_text("\n".join(dataset.skipped) + "\n", encoding="utf-8")
    reporter.note("Data: " + ", ".join(f"{v} {k}" for k, v in dataset.counts().items()) + ".")

    torch.manual_seed(request.loop.get("seed", 0))
    spec = bases.FoundingSpec(**request.founding)
    prepared = bases.prepare(request.base, spec, [c for p in dataset.train for c in p.captions])
    if checkpoint is None:
        (out / "request.json").write_text(json.dumps(asdict(request), indent=1), encoding="utf-8")
    frozen = prepared.founding if request.freeze_encoder is None else request.freeze_encoder
    if frozen:
        vision = _vision_module(prepared)
        vision.requires_grad_(False)
    cache = frozen and prepared.founding
    opts = loop.LoopOptions(**{"lr": default_lr(request.base), **request.loop})
    splits = {name: _split(prepared, pairs, cache, out, ImageInputs)
              for name, pairs in (("train", dataset.train), ("val", dataset.val), ("test", dataset.test)) if pairs}
    runner = loop.TrainingLoop(prepared, splits["train"], splits["val"], out, opts, reporter)
    if checkpoint is not None:
        runner.resume(checkpoint)
    state = runner.run()
    if not runner.acc.is_main_process:
        return {}
    return report.finish(prepared, runner, state, splits, out, request, reporter)


def _vision_module(prepared):
    model = prepared.model
    if prepared.founding:
        return model.encoder.backbone
    for name in ("encoder", "vision_model"):
        if hasattr(model, name):
            return getattr(model, name)
    return model.git.image_encoder  # GIT


def _split(prepared, pairs: list[Pair], cache: bool, out: Path, inputs_cls):
    from alttext_app.core.training.loop import Split

    inputs = inputs_cls(prepared, [p.image for p in pairs], cache, out / "cache")
    return Split(inputs, _examples(pairs), [p.captions for p in pairs])


def import_trained(model_dir: Path, name: str) -> Path:
    """Install a trained model folder under `name`; never the "auto" choice (source "trained")."""
    from alttext_app.core.models.importer import import_model

    installed = import_model(str(model_dir), name=name, origin="trained")
    return installed.path
