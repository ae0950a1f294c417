"""The plug-in interface for a captioning model family (ViT-GPT2, BLIP, GIT, Florence-2...).

A *family* knows one transformers architecture end to end. The framework around it does the rest:

- `engines.load_captioner` finds the family whose `matches(config)` is true for a model folder's
  `config.json` (or reads `family` from an export's `manifest.json`) and builds a captioner;
- `engines.torch_backend` loads the model with `Family.load_torch` and calls
  `Family.torch_generate` (transformers `generate()`, the reference behaviour);
- `engines.export.export_model` calls `Family.export_onnx` to write the ONNX graphs, copies the
  processor/tokenizer files, checks parity against PyTorch and writes the manifest;
- `engines.onnx_backend` opens the graphs with onnxruntime, gets a runner from
  `Family.onnx_runner`, and drives it with the shared numpy greedy/beam loop in
  `engines.generation` (`generate(runner, pixel_values, settings, ...)`).

Rules for implementers
----------------------
* Module-level imports must be numpy/PIL/stdlib only: the ONNX path (runner, preprocessing,
  `generation_settings`) runs where torch and transformers are NOT installed. Import torch and
  transformers inside `load_torch`, `torch_generate` and `export_onnx` only. A test imports every
  registered family in a subprocess with torch blocked.
* Preprocessing must match the transformers processor bit for bit (tests compare them); the default
  `preprocess` reads `preprocessor_config.json` through `engines.preprocess.ImagePreprocessor`.
* `torch_generate` and the ONNX runner must produce identical greedy token ids (parity tests on real
  photos, `tests/engines/`). Both return/consume ids *after* the prompt (`GenerationSettings.prompt_ids`).
* The runner's state is opaque to the loop: `encode` makes it for batch 1, `step` consumes it,
  `select(state, rows)` gathers batch rows (used both to expand to `num_beams` rows and to reorder
  beams). Compute everything that depends only on the image (e.g. cross-attention keys/values) in
  `encode`, once per image — never per token.

Registering a family: one line in `engines.registry.FAMILY_CLASSES` ("module:ClassName").

Export folder layout and manifest (`manifest.json`, written by `engines.export`)
--------------------------------------------------------------------------------
    {
      "format": "alttext-onnx", "format_version": 1,
      "family": "<Family.name>",
      "source": {"model_dir": "...", "name": "<folder name or _name_or_path>", "config_sha256": "..."},
      "opset": 17, "quantize": null | "int8",
      "graphs": {"<role>": "<file>.onnx", ...},          # from Family.export_onnx
      "family_settings": {...},                           # from Family.export_onnx, read by onnx_runner
      "generation": {...},                                # GenerationSettings.to_json()
      "preprocess": {...},                                # ImagePreprocessor.to_json()
      "parity": {"images": N, "identical": K, "token_agreement": 0.0-1.0, "passed": bool, ...},
      "files": {"<relative path>": "<sha256>", ...},      # every file except manifest.json
      "created": "<ISO time>", "alttext_version": "..."
    }
The export folder also holds `config.json`, `preprocessor_config.json`, `tokenizer.json` (+ the
other tokenizer files) and, when present, `generation_config.json`.
"""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Protocol

import numpy as np
from PIL import Image

from alttext_app.core.engines.preprocess import ImagePreprocessor
from alttext_app.core.errors import ModelError

# Returns an onnxruntime.InferenceSession for a graph file (the backend picks providers/threads).
SessionFactory = Callable[[Path], Any]


@dataclass
class GenerationSettings:
    """Everything the decoding loop needs besides the graphs; same values for torch and ONNX."""

    prompt_ids: list[int]  # tokens fed before the first generated one (decoder start, BOS, task prompt)
    eos_token_ids: list[int]
    pad_token_id: int | None = None
    max_new_tokens: int = 20  # default when CaptionOptions.max_length is None
    min_new_tokens: int = 0  # >0 forbids EOS until then (benchmarks force exact lengths)
    num_beams: int = 1
    length_penalty: float = 1.0
    early_stopping: bool | str = False
    no_repeat_ngram_size: int = 0
    repetition_penalty: float = 1.0
    suppress_token_ids: list[int] = field(default_factory=list)  # never generated (bad_words_ids)
    renormalize_logits: bool = False  # log-softmax again after the processors (beam scores)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> GenerationSettings:
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        return cls(**known)


@dataclass
class AskInputs:
    """What a question becomes for one family (made with `tokenizers`, the same for both backends).

    `question_ids` feed a question encoder (BLIP-VQA reads the question beside the image);
    `prompt_ids` replace the decoder prompt (a chat VLM reads the question in its prompt).
    """

    prompt_ids: list[int]
    question_ids: list[int] | None = None
    max_new_tokens: int | None = None  # a longer default (detailed descriptions), None = as configured


class OnnxRunner(Protocol):
    """A family's ONNX graphs behind three calls the shared numpy loop drives."""

    def encode(self, pixel_values: np.ndarray) -> Any:
        """Run the image side once for a (1, C, H, W) float32 batch; return the decoder state."""
        ...

    def step(self, state: Any, input_ids: np.ndarray) -> tuple[np.ndarray, Any]:
        """Feed new tokens (B, n) int64 — the whole prompt first, then one token per call.

        Returns (logits of the last position, shape (B, vocab) float32, the updated state).
        """
        ...

    def select(self, state: Any, rows: np.ndarray) -> Any:
        """Gather batch rows of the state (expand to beams with zeros, reorder beams)."""
        ...


class QuestionRunner(OnnxRunner, Protocol):
    """A runner whose image side also reads a question (families with `AskInputs.question_ids`)."""

    def encode_question(self, pixel_values: np.ndarray, question_ids: list[int]) -> Any:
        ...


@dataclass
class FamilyInfo:
    """What a family reports about itself for the UI and docs."""

    name: str
    label: str
    models: list[str] = field(default_factory=list)


class Family(ABC):
    """One model architecture. Subclasses are stateless; one instance serves all models."""

    name: str = ""  # short id stored in manifests: "vision-encoder-decoder", "blip", "git", ...
    label: str = ""  # human name
    models: tuple[str, ...] = ()  # known Hugging Face ids
    # The transformers image processor's class defaults, for keys a preprocessor_config.json omits.
    preprocess_defaults: dict[str, Any] = {}
    writes_captions: bool = True  # False for question-only models (BLIP-VQA)
    answers_questions: bool = False  # True: implements ask_inputs and torch_answer
    # Detail levels (Detail values) it can write; beyond "brief" it implements detail_inputs.
    detail_levels: tuple[str, ...] = ("brief",)

    # ---- detection -------------------------------------------------------------------------
    @abstractmethod
    def matches(self, config: dict[str, Any]) -> bool:
        """True when a model folder's config.json belongs to this family."""

    # ---- preprocessing (numpy + PIL only) --------------------------------------------------
    def preprocessor(self, model_dir: Path) -> ImagePreprocessor:
        return ImagePreprocessor.from_dir(model_dir, defaults=self.preprocess_defaults)

    def preprocessor_from_json(self, data: dict[str, Any]) -> Any:
        """The preprocessor an export's manifest recorded (`preprocessor(...).to_json()`)."""
        return ImagePreprocessor.from_json(data)

    def preprocess(self, pre: ImagePreprocessor, image: Image.Image) -> np.ndarray:
        """(1, 3, H, W) float32 pixel values, identical to the transformers processor."""
        return pre(image)

    # ---- decoding settings and text (no torch) ---------------------------------------------
    @abstractmethod
    def generation_settings(self, model_dir: Path) -> GenerationSettings:
        """Prompt, EOS/pad ids and defaults from config.json / generation_config.json."""

    def clean_text(self, text: str) -> str:
        """Documented post-processing of the decoded caption (strip prompts, spaces)."""
        return " ".join(text.split())

    def ask_inputs(self, tokenizer: Any, question: str, settings: GenerationSettings) -> AskInputs:
        """Token ids for a question (`tokenizer` is a `tokenizers.Tokenizer`)."""
        raise ModelError("This model does not answer questions.")

    def detail_inputs(self, tokenizer: Any, detail: str, settings: GenerationSettings) -> AskInputs:
        """Inputs for a longer description (`detail` in `detail_levels`, not "brief")."""
        raise ModelError("This model cannot give a more detailed description.")

    # ---- PyTorch (import torch/transformers inside) ----------------------------------------
    @abstractmethod
    def load_torch(self, model_dir: Path, device: str, dtype: Any) -> Any:
        """The transformers model in eval mode on `device` with `dtype` (safetensors preferred)."""

    @abstractmethod
    def torch_generate(
        self, model: Any, pixel_values: Any, settings: GenerationSettings, gen_kwargs: dict[str, Any]
    ) -> list[list[int]]:
        """Call transformers generate(); return the new token ids per batch row (prompt removed).

        `gen_kwargs` holds max_new_tokens, min_new_tokens, num_beams, stopping_criteria etc.
        """

    def torch_answer(
        self, model: Any, pixel_values: Any, inputs: AskInputs, settings: GenerationSettings,
        gen_kwargs: dict[str, Any],
    ) -> list[list[int]]:
        """generate() for a question; `settings.prompt_ids` already holds `inputs.prompt_ids`."""
        raise ModelError("This model does not answer questions.")

    # ---- ONNX --------------------------------------------------------------------------------
    @abstractmethod
    def export_onnx(self, model: Any, out_dir: Path, opset: int) -> tuple[dict[str, str], dict]:
        """Write fp32 graphs into out_dir; return ({role: file name}, family_settings)."""

    @abstractmethod
    def onnx_runner(
        self, export_dir: Path, manifest: dict[str, Any], session: SessionFactory
    ) -> OnnxRunner:
        """Open the graphs listed in manifest["graphs"] with `session(path)`."""


def read_json(path: Path) -> dict[str, Any]:
    try:
        with path.open(encoding="utf-8") as handle:
            data = json.load(handle)
    except FileNotFoundError:
        return {}
    return data if isinstance(data, dict) else {}


def generation_config(model_dir: Path) -> dict[str, Any]:
    """generation_config.json, or {} when the folder has none."""
    return read_json(model_dir / "generation_config.json")
