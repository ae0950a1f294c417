"""`export_model`: a Hugging Face model folder -> an ONNX export folder that captions without torch.

Steps: load the model in PyTorch (fp32, CPU), write the family's graphs, copy the processor and
tokenizer files, check fp32 greedy parity against transformers generate() on real photos (the
export fails if any caption differs), optionally quantise to int8 with onnxruntime dynamic
quantisation (agreement with PyTorch is measured and recorded), then hash every file into
manifest.json (format in engines.family) and move the folder into place atomically.
"""

from __future__ import annotations

import datetime as _dt
import logging
import shutil
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from PIL import Image

from alttext_app import __version__
from alttext_app.core.captioner import CaptionOptions
from alttext_app.core.engines import prepared_graphs
from alttext_app.core.engines.common import source_name
from alttext_app.core.engines.manifest import (
    FORMAT,
    FORMAT_VERSION,
    file_hashes,
    is_onnx_export,
    sha256_file,
    write_manifest,
)
from alttext_app.core.engines.quantize import MIN_AGREEMENT, QUANTIZATIONS, quantize_checked
from alttext_app.core.engines.registry import family_for_dir
from alttext_app.core.errors import ModelError

log = logging.getLogger(__name__)

OPSET = 17
PARITY_TOKENS = 20
PARITY_QUESTIONS = ("What is in the picture?", "What colour is the car?")
COPY_FILES = (
    "config.json", "generation_config.json", "preprocessor_config.json", "processor_config.json",
    "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "added_tokens.json",
    "vocab.json", "merges.txt", "vocab.txt", "chat_template.jinja",
)
Progress = Callable[[str, float], None]  # (what is happening, fraction done 0..1)


def parity_images() -> list[Image.Image]:
    """Real photos for the parity check: the bundled sample and views of it (crop, flip, grey)."""
    from alttext_app.core.images import load_image
    from alttext_app.core.paths import sample_image

    base = load_image(sample_image())
    w, h = base.size
    return [
        base,
        base.crop((w // 4, h // 4, w, h)),
        base.transpose(Image.Transpose.FLIP_LEFT_RIGHT),
        base.convert("L").convert("RGB"),
    ]


def token_agreement(reference: list[int], other: list[int]) -> float:
    """Share of positions equal before the first difference (1.0 = identical)."""
    longest = max(len(reference), len(other), 1)
    same = 0
    for a, b in zip(reference, other, strict=False):
        if a != b:
            break
        same += 1
    return same / longest if reference != other else 1.0


def export_model(
    model_dir: str | Path,
    out_dir: str | Path,
    quantize: str | None = None,
    progress: Progress | None = None,
    *,
    images: Sequence[Image.Image] | None = None,
    overwrite: bool = False,
    min_agreement: float = MIN_AGREEMENT,
) -> Path:
    """Export and check a model; return out_dir. Raises ModelError with one sentence on failure.

    A quantised export whose tokens agree with fp32 PyTorch less than `min_agreement` falls back
    to the better export (int4 -> int8 -> fp32), with a warning in the manifest and the log."""
    model_dir, out_dir = Path(model_dir), Path(out_dir)
    report = progress or (lambda _msg, _frac: None)
    if quantize not in (None, *QUANTIZATIONS):
        raise ModelError(f"Unknown quantisation “{quantize}”; use int8, int4 or nothing.")
    if is_onnx_export(model_dir):
        raise ModelError(f"“{model_dir.name}” is already an ONNX export.")
    if out_dir.exists() and any(out_dir.iterdir()) and not overwrite:
        raise ModelError(f"The folder “{out_dir}” already exists and is not empty.")
    from alttext_app.core.engines import torch_available

    if not torch_available():
        raise ModelError("Exporting needs PyTorch and transformers (pip install 'alttext[torch]').")
    family = family_for_dir(model_dir)
    if getattr(family, "task", "caption") == "translation":  # checked on sentences, not photos
        from alttext_app.core.engines.marian_text import language_pair
        from alttext_app.core.engines.translator import export_translator

        pair = language_pair(source_name(model_dir)) or language_pair(model_dir.name) or ("en", "zh")
        return export_translator(model_dir, out_dir, target=pair[1], quantize=quantize)
    with building(out_dir) as work:
        write_manifest(work, _export(family, model_dir, work, quantize, report, images,
                                     min_agreement))
    report("done", 1.0)
    return out_dir


@contextmanager
def building(out_dir: Path) -> Iterator[Path]:
    """A fresh `<out_dir>.partial` folder that becomes `out_dir` only when the block succeeds."""
    work = out_dir.with_name(out_dir.name + ".partial")
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    try:
        yield work
        if out_dir.exists():
            shutil.rmtree(out_dir)
        work.rename(out_dir)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise


def _export(
    family, model_dir: Path, work: Path, quantize, report: Progress, images, min_agreement: float
) -> dict[str, Any]:
    from alttext_app.core.engines.torch_backend import TorchCaptioner

    report("loading the model in PyTorch", 0.0)
    reference = TorchCaptioner(model_dir, device="cpu", dtype="float32")
    images = list(images) if images is not None else parity_images()
    options = CaptionOptions(max_length=PARITY_TOKENS)
    cases = [(img, inputs) for inputs in parity_inputs(family, reference) for img in images]
    report("captioning test photos in PyTorch", 0.05)
    # Reference captions first: export_onnx may swap modules for export-friendly equivalents.
    expected = [reference.generate_ids(img, options, inputs=inputs) for img, inputs in cases]
    report("writing ONNX graphs", 0.2)
    reference.model.requires_grad_(False)  # weights reached through closures trace as constants
    try:
        graphs, family_settings = family.export_onnx(reference.model, work, OPSET)
    except ModelError:
        raise
    except Exception as exc:  # torch.onnx raises many kinds of errors
        log.exception("ONNX export failed")
        raise ModelError("This model could not be converted to ONNX; see the log.") from exc
    _copy_support_files(model_dir, work)
    manifest = new_manifest(family.name, model_dir, graphs, family_settings,
                            reference.settings.to_json(), reference.preprocessor.to_json())
    report("checking captions against PyTorch", 0.5)
    write_manifest(work, manifest)  # the ONNX captioner reads it
    seen: dict[str, list[list[int]]] = {}  # the token ids of the last ONNX run
    fp32 = _compare(work, cases, options, expected, seen)
    plain = seen["tokens"]
    if fp32["identical"] != len(cases):
        log.error("fp32 parity failed: %s", fp32)
        raise ModelError("The ONNX export gives different captions from PyTorch; it was not saved.")
    manifest["parity"] = {"fp32": fp32, "passed": True, "max_new_tokens": PARITY_TOKENS}
    if quantize:
        report(f"quantising to {quantize}", 0.7)
        kept, measured = quantize_checked(
            work, graphs, quantize, lambda: _compare(work, cases, options, expected, seen),
            min_agreement, images,
        )
        manifest["quantize"] = kept
        manifest["parity"].update(measured)
        if kept != quantize:
            manifest["parity"]["fallback"] = f"{quantize} -> {kept or 'fp32'}"
        log.info("quantisation %s kept %s: %s", quantize, kept, measured)
        plain = seen["tokens"] if kept else plain  # a kept quantisation was measured last
    reference.close()
    report("preparing the graphs for fast loading", 0.9)
    prepared_graphs.prepare_checked(work, graphs, manifest, plain,
                                    lambda: _onnx_tokens(work, cases, options))
    stamp_manifest(manifest, work)
    return manifest


def new_manifest(family: str, model_dir: Path, graphs: dict[str, str], family_settings: dict,
                 generation: dict, preprocess: dict) -> dict[str, Any]:
    """The manifest of a fresh export (layout in engines.family), before parity and hashes."""
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "family": family,
        "source": {
            "model_dir": str(model_dir.resolve()),
            "name": source_name(model_dir),
            "config_sha256": sha256_file(model_dir / "config.json"),
        },
        "opset": OPSET,
        "quantize": None,
        "graphs": graphs,
        "family_settings": family_settings,
        "generation": generation,
        "preprocess": preprocess,
    }


def stamp_manifest(manifest: dict[str, Any], work: Path) -> None:
    """Every file's sha256, the time and the AltText version: the last step of an export."""
    manifest["files"] = file_hashes(work)
    manifest["created"] = _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")
    manifest["alttext_version"] = __version__


def parity_inputs(family, reference) -> list:  # noqa: ANN001 - Family, TorchCaptioner
    """What the parity check asks: the caption prompt, every longer detail level, and questions."""
    tokenizer, settings = reference.decoder.tokenizer, reference.settings
    cases: list = [None] if family.writes_captions else []
    cases += [family.detail_inputs(tokenizer, level, settings)
              for level in family.detail_levels if level != "brief"]
    if family.answers_questions:
        cases += [family.ask_inputs(tokenizer, q, settings) for q in PARITY_QUESTIONS]
    return cases


def _onnx_tokens(work: Path, cases, options) -> list[list[int]]:
    from alttext_app.core.engines.onnx_backend import OnnxCaptioner

    captioner = OnnxCaptioner(work, device="cpu")
    got = [captioner.generate_ids(img, options, inputs=inputs).token_ids for img, inputs in cases]
    captioner.close()
    return got


def _compare(work: Path, cases, options, expected: list[list[int]],
             seen: dict[str, list[list[int]]] | None = None) -> dict[str, Any]:
    got = _onnx_tokens(work, cases, options)
    if seen is not None:
        seen["tokens"] = got
    agreements = [token_agreement(a, b) for a, b in zip(expected, got, strict=True)]
    return {
        "images": len(cases),
        "identical": sum(a == b for a, b in zip(expected, got, strict=True)),
        "token_agreement": round(sum(agreements) / max(len(agreements), 1), 4),
    }


def _copy_support_files(model_dir: Path, work: Path) -> None:
    for name in COPY_FILES:
        if (model_dir / name).is_file():
            shutil.copy2(model_dir / name, work / name)
    if not (work / "tokenizer.json").is_file():
        # Older folders ship only vocab/merges: let transformers write the fast tokenizer.json.
        from transformers import AutoTokenizer

        AutoTokenizer.from_pretrained(model_dir, local_files_only=True).save_pretrained(work)
        if not (work / "tokenizer.json").is_file():
            raise ModelError("The model's tokenizer could not be converted for ONNX use.")
