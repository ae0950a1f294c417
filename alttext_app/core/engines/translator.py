"""Translating a caption with a MarianMT model on PyTorch or on its ONNX export (no torch).

`load_translator(model_dir, backend, device)` mirrors `engines.load_captioner`; `export_translator`
mirrors `engines.export.export_model` (graphs from the family, greedy parity against PyTorch on
sample captions, optional int8, sha256 of every file in the manifest).
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import numpy as np

from alttext_app.core.captioner import AbortCheck
from alttext_app.core.engines import prepared_graphs
from alttext_app.core.engines.common import model_name
from alttext_app.core.engines.export import (
    OPSET,
    building,
    new_manifest,
    stamp_manifest,
)
from alttext_app.core.engines.family import GenerationSettings
from alttext_app.core.engines.family_marian import MarianFamily
from alttext_app.core.engines.generation import generate
from alttext_app.core.engines.manifest import is_onnx_export, read_manifest, write_manifest
from alttext_app.core.engines.marian_text import MarianText
from alttext_app.core.engines.quantize import quantize_int8
from alttext_app.core.errors import Cancelled, ModelError

log = logging.getLogger(__name__)

SUPPORT_FILES = ("config.json", "generation_config.json", "tokenizer_config.json", "vocab.json",
                 "source.spm", "target.spm", "special_tokens_map.json")
# Captions of the kind the translator will see, for the export's parity check.
PARITY_TEXTS = (
    "A cat sitting on a sofa.",
    "Two people playing basketball in a park.",
    "Screenshot of a settings window titled “Display”.",
    "May show a red car parked in front of a building.",
)


class Translator:
    """English (the model's source) -> `target` for one model folder or export."""

    def __init__(self, model_dir: str | Path, target: str, backend: str = "auto", device: str = "auto"):
        model_dir = Path(model_dir)
        self.model_dir = model_dir
        self.model_name = model_name(model_dir)
        self.family = MarianFamily()
        self.text = MarianText(model_dir)
        self.tag = self.text.tag_for(target)
        exported = is_onnx_export(model_dir)
        self.backend = "onnx" if backend == "auto" and exported else ("torch" if backend == "auto" else backend)
        if self.backend == "onnx":
            if not exported:
                raise ModelError(f"“{model_dir.name}” is not an ONNX export; make one with “alttext export”.")
            from alttext_app.core.engines.onnx_backend import pick_providers, session_factory

            manifest = read_manifest(model_dir)
            providers, self.device = pick_providers(device)
            self.settings = GenerationSettings.from_json(manifest["generation"])
            self.runner = self.family.onnx_runner(
                model_dir, manifest, session_factory(providers, prepared=manifest.get("prepared")))
            self.model = None
        else:
            from alttext_app.core.engines import torch_available
            from alttext_app.core.engines.torch_backend import pick_device, pick_dtype

            if not torch_available():
                raise ModelError("Running this translation model needs PyTorch; export it to ONNX instead.")
            self.device = pick_device(device)
            self.settings = self.family.generation_settings(model_dir)
            self.model = self.family.load_torch(model_dir, self.device, pick_dtype(self.device))
            self.runner = None

    def generate_ids(
        self, text: str, *, num_beams: int | None = None, max_new_tokens: int | None = None,
        should_abort: AbortCheck | None = None,
    ) -> list[int]:
        ids = np.asarray([self.text.encode(text, self.tag)], dtype=np.int64)
        beams = max(1, num_beams or self.settings.num_beams)
        limit = max_new_tokens or self.settings.max_new_tokens
        if self.runner is not None:
            return generate(self.runner, ids, self.settings, limit, beams, should_abort).token_ids
        import torch
        from transformers import StoppingCriteriaList

        from alttext_app.core.engines.torch_backend import _abort_criteria

        aborted = [False]
        kwargs = {"max_new_tokens": limit, "num_beams": beams,
                  "stopping_criteria": StoppingCriteriaList([_abort_criteria(should_abort, aborted)])}
        out = self.family.torch_generate(self.model, torch.from_numpy(ids).to(self.device), self.settings, kwargs)
        if aborted[0]:
            raise Cancelled()
        return out[0]

    def translate(self, text: str, should_abort: AbortCheck | None = None) -> str:
        return self.text.decode(self.generate_ids(text, should_abort=should_abort))

    def close(self) -> None:
        self.model = self.runner = None


def export_translator(model_dir: str | Path, out_dir: str | Path, target: str = "zh",
                      quantize: str | None = None) -> Path:
    """An ONNX export of a Marian model folder, refused unless greedy output matches PyTorch."""
    model_dir, out_dir = Path(model_dir), Path(out_dir)
    with building(out_dir) as work:
        reference = Translator(model_dir, target, backend="torch", device="cpu")
        expected = [reference.generate_ids(t, num_beams=1, max_new_tokens=40) for t in PARITY_TEXTS]
        reference.model.requires_grad_(False)
        graphs, family_settings = reference.family.export_onnx(reference.model, work, OPSET)
        for name in SUPPORT_FILES:
            if (model_dir / name).is_file():
                shutil.copy2(model_dir / name, work / name)
        manifest = new_manifest(reference.family.name, model_dir, graphs, family_settings,
                                reference.settings.to_json(), {})
        write_manifest(work, manifest)
        got = _onnx_ids(work, target)
        if got != expected:
            raise ModelError("The ONNX export translates differently from PyTorch; it was not saved.")
        manifest["parity"] = {"fp32": {"texts": len(expected), "identical": len(expected)}, "passed": True}
        if quantize == "int8":
            for name in graphs.values():
                quantize_int8(work / name)
            manifest["quantize"] = "int8"
            write_manifest(work, manifest)
            got = _onnx_ids(work, target)
            same = sum(a == b for a, b in zip(expected, got, strict=True))
            manifest["parity"]["int8"] = {"texts": len(expected), "identical": same}
        prepared_graphs.prepare_checked(work, graphs, manifest, got, lambda: _onnx_ids(work, target))
        stamp_manifest(manifest, work)
        write_manifest(work, manifest)
    return out_dir


def _onnx_ids(export_dir: Path, target: str) -> list[list[int]]:
    onnx = Translator(export_dir, target, backend="onnx", device="cpu")
    return [onnx.generate_ids(t, num_beams=1, max_new_tokens=40) for t in PARITY_TEXTS]
