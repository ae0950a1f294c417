"""SmolVLM, a small instruction-following vision-language model native in transformers 5
(SmolVLMForConditionalGeneration, no remote code): HuggingFaceTB/SmolVLM-256M-Instruct and
-500M-Instruct (Apache-2.0). It writes captions, longer descriptions and free-form answers.

Usage as in transformers' SmolVLM docs: the chat template puts the image block and the text in one
user turn — "<|im_start|>User:<image>QUESTION<end_of_utterance>\\nAssistant:" — where <image>
expands to <fake_token_around_image><global-img><image>×m<fake_token_around_image>; generation
stops at <end_of_utterance>. AltText always passes ONE unsplit image (the processor's
do_image_splitting=False path: resize the longest edge to `size`, then to the square
`max_image_size`, Lanczos, mean/std 0.5): m = 64 image tokens instead of up to 17×64 with
splitting, which keeps a CPU answer to seconds; small print is read by OCR beside it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

from alttext_app.core.engines.family import (
    AskInputs,
    Family,
    GenerationSettings,
    OnnxRunner,
    SessionFactory,
    read_json,
)
from alttext_app.core.engines.family_common import (
    load_pretrained,
    settings_from_configs,
    strip_generated,
    torch_kwargs,
    two_graph_runner,
)
from alttext_app.core.engines.family_git import GitRunner, GitState
from alttext_app.core.engines.preprocess import ImagePreprocessor, _three, image_processor_config
from alttext_app.core.errors import ModelError

CAPTION_PROMPT = "Describe this image in one short sentence."
DETAIL_PROMPT = "Describe this image in detail."
CAPTION_MAX_NEW_TOKENS = 40
ANSWER_MAX_NEW_TOKENS = 64
DETAIL_MAX_NEW_TOKENS = 160
END_OF_TURN = "<end_of_utterance>"


def image_token_count(config: dict[str, Any]) -> int:
    vision = config.get("vision_config") or {}
    side = int(vision.get("image_size", 512)) // int(vision.get("patch_size", 16))
    return int(side * side / int(config.get("scale_factor", 4)) ** 2)


def chat_prompt(text: str, image_tokens: int) -> str:
    image = "<fake_token_around_image><global-img>" + "<image>" * image_tokens + "<fake_token_around_image>"
    return f"<|im_start|>User:{image}{' '.join(text.split())}{END_OF_TURN}\nAssistant:"


@dataclass
class SmolVlmPreprocessor:
    """Idefics3/SmolVLM image processing without splitting, as the PIL image processor does it."""

    longest_edge: int
    square: int
    resample: int
    normalise: ImagePreprocessor

    def __call__(self, image: Image.Image) -> np.ndarray:
        image = image.convert("RGB")
        width, height = image.size
        # transformers smolvlm _resize_output_size_rescale_to_max_len (then the 4k upper bound)
        if width >= height:
            new_w, new_h = self.longest_edge, int(self.longest_edge / (width / height))
            new_h += new_h % 2
        else:
            new_h, new_w = self.longest_edge, int(self.longest_edge * (width / height))
            new_w += new_w % 2
        image = image.resize((max(new_w, 1), max(new_h, 1)), resample=self.resample)
        return self.normalise(image)

    def to_json(self) -> dict[str, Any]:
        return {"smolvlm": {"longest_edge": self.longest_edge, "square": self.square,
                            "resample": self.resample}, **self.normalise.to_json()}

    @classmethod
    def from_config(cls, cfg: dict[str, Any]) -> SmolVlmPreprocessor:
        square = int((cfg.get("max_image_size") or {}).get("longest_edge", 512))
        longest = int((cfg.get("size") or {}).get("longest_edge", 4 * square))
        resample = int(cfg.get("resample", Image.Resampling.LANCZOS))
        normalise = ImagePreprocessor(
            resize={"height": square, "width": square}, resample=resample,
            rescale_factor=float(cfg.get("rescale_factor", 1 / 255)),
            mean=_three(cfg.get("image_mean", 0.5)), std=_three(cfg.get("image_std", 0.5)),
        )
        return cls(longest, square, resample, normalise)


class SmolVlmRunner(GitRunner):
    """GIT's runner (vision graph once, then the decoder over a KV cache), except that the image
    features go with every decoder call: `<image>` placeholders pick them up wherever they are."""

    def step(self, state: GitState, input_ids: np.ndarray) -> tuple[np.ndarray, GitState]:
        logits, present_k, present_v = self.decoder.run(
            ["logits", "present_k", "present_v"],
            {"input_ids": input_ids, "image_embeds": state.image,
             "past_k": state.past_k, "past_v": state.past_v},
        )
        return logits, GitState(state.image, present_k, present_v)


class SmolVlmFamily(Family):
    name = "smolvlm"
    label = "SmolVLM"
    models = ("HuggingFaceTB/SmolVLM-256M-Instruct", "HuggingFaceTB/SmolVLM-500M-Instruct")
    answers_questions = True
    detail_levels = ("brief", "more")

    def matches(self, config: dict[str, Any]) -> bool:
        architectures = config.get("architectures") or []
        return config.get("model_type") == "smolvlm" and (
            not architectures or "SmolVLMForConditionalGeneration" in architectures
        )

    def preprocessor(self, model_dir: Path) -> SmolVlmPreprocessor:  # type: ignore[override]
        return SmolVlmPreprocessor.from_config(image_processor_config(model_dir))

    def preprocessor_from_json(self, data: dict[str, Any]) -> SmolVlmPreprocessor:
        own = data.get("smolvlm") or {}
        normalise = ImagePreprocessor.from_json({k: v for k, v in data.items() if k != "smolvlm"})
        return SmolVlmPreprocessor(int(own["longest_edge"]), int(own["square"]),
                                   int(own["resample"]), normalise)

    def _prompt_ids(self, tokenizer: Any, text: str, image_tokens: int) -> list[int]:
        return list(tokenizer.encode(chat_prompt(text, image_tokens), add_special_tokens=False).ids)

    def generation_settings(self, model_dir: Path) -> GenerationSettings:
        from tokenizers import Tokenizer

        config = read_json(model_dir / "config.json")
        text = config.get("text_config") or {}
        try:
            tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        except Exception as exc:  # tokenizers raises plain Exception subclasses
            raise ModelError("The model's tokenizer.json cannot be read.") from exc
        prompt = self._prompt_ids(tokenizer, CAPTION_PROMPT, image_token_count(config))
        settings = settings_from_configs(
            model_dir, prompt, text.get("eos_token_id", config.get("eos_token_id")),
            config.get("pad_token_id", text.get("pad_token_id")), config,
        )
        end = tokenizer.token_to_id(END_OF_TURN)
        if end is not None and end not in settings.eos_token_ids:
            settings.eos_token_ids.append(int(end))
        if settings.pad_token_id is None:
            settings.pad_token_id = settings.eos_token_ids[0] if settings.eos_token_ids else 0
        settings.max_new_tokens = CAPTION_MAX_NEW_TOKENS
        return settings

    def _inputs(self, tokenizer: Any, text: str, settings: GenerationSettings, limit: int) -> AskInputs:
        image_tokens = settings.prompt_ids.count(tokenizer.token_to_id("<image>"))
        return AskInputs(prompt_ids=self._prompt_ids(tokenizer, text, image_tokens), max_new_tokens=limit)

    def ask_inputs(self, tokenizer: Any, question: str, settings: GenerationSettings) -> AskInputs:
        if not question.strip():
            raise ModelError("Type a question first.")
        return self._inputs(tokenizer, question, settings, ANSWER_MAX_NEW_TOKENS)

    def detail_inputs(self, tokenizer: Any, detail: str, settings: GenerationSettings) -> AskInputs:
        return self._inputs(tokenizer, DETAIL_PROMPT, settings, DETAIL_MAX_NEW_TOKENS)

    def clean_text(self, text: str) -> str:
        text = " ".join(text.split())
        return text.removeprefix("Assistant:").strip()

    def load_torch(self, model_dir: Path, device: str, dtype: Any) -> Any:
        from transformers import SmolVLMForConditionalGeneration

        return load_pretrained(SmolVLMForConditionalGeneration, model_dir, device, dtype)

    def torch_generate(self, model, pixel_values, settings, gen_kwargs) -> list[list[int]]:
        import torch

        device = pixel_values.device
        prompt = torch.tensor([settings.prompt_ids], dtype=torch.long, device=device)
        with torch.inference_mode():
            out = model.generate(
                input_ids=prompt, attention_mask=torch.ones_like(prompt),
                pixel_values=pixel_values[:, None], **torch_kwargs(settings, gen_kwargs),
            )
        return strip_generated(out, len(settings.prompt_ids), settings.eos_token_ids)

    def torch_answer(self, model, pixel_values, inputs, settings, gen_kwargs) -> list[list[int]]:
        return self.torch_generate(model, pixel_values, settings, gen_kwargs)  # the prompt holds all

    def export_onnx(self, model, out_dir: Path, opset: int) -> tuple[dict[str, str], dict]:
        from alttext_app.core.engines.smolvlm_export import export_smolvlm

        return export_smolvlm(model.float().eval(), out_dir, opset)

    def onnx_runner(self, export_dir: Path, manifest: dict, session: SessionFactory) -> OnnxRunner:
        return two_graph_runner(export_dir, manifest, session, SmolVlmRunner, "vision")
