"""Florence-2 captioners in transformers' native format (Florence2ForConditionalGeneration).

Documented usage (transformers docs, florence-community model cards): the processor expands a task
token into its question — `<CAPTION>` becomes "What does the image describe?" — and builds the
encoder input [<image> x 577, <s>, question, </s>]; CLIP-style pixels at 768x768 (bicubic, no
crop, ImageNet mean/std); generate() with the model's generation_config (decoder start </s>,
forced <s>, no_repeat_ngram_size 3, 3 beams); the text is decoded and `<s>`, `</s>` and task or
location tokens are stripped (`post_process_generation` for pure-text tasks).

Task choice: `<CAPTION>` gives one short sentence ("A green car parked in front of a yellow
building."), which is what alt text needs. `<DETAILED_CAPTION>` / `<MORE_DETAILED_CAPTION>` write
several sentences starting "The image shows…", well over the 125-character budget and with more
room for confident mistakes.

Microsoft's original repositories (microsoft/Florence-2-base) hold remote code and pickled weights
in another layout; AltText never runs remote code, so it asks for the converted checkpoints
(florence-community/Florence-2-base) instead.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from alttext_app.core.engines.family import (
    AskInputs,
    Family,
    GenerationSettings,
    OnnxRunner,
    SessionFactory,
    generation_config,
    read_json,
)
from alttext_app.core.engines.family_common import (
    load_pretrained,
    settings_from_configs,
    strip_generated,
    torch_kwargs,
)
from alttext_app.core.engines.kv_runner import KVCacheRunner
from alttext_app.core.engines.preprocess import CLIP_PROCESSOR_DEFAULTS, image_processor_config
from alttext_app.core.errors import ModelError

TASK = "<CAPTION>"
DETAIL_TASK = "<MORE_DETAILED_CAPTION>"  # "More detail": a paragraph (the processor's own question)
# Florence2Processor.task_prompts_without_inputs: the question each task token stands for.
TASK_QUESTIONS = {
    "<CAPTION>": "What does the image describe?",
    "<DETAILED_CAPTION>": "Describe in detail what is shown in the image.",
    "<MORE_DETAILED_CAPTION>": "Describe with a paragraph what is shown in the image.",
}
DETAIL_MAX_NEW_TOKENS = 160
# generate() is documented with max_new_tokens=1024 (for long tasks such as OCR); a caption of
# 125 characters is ~30 tokens, so 64 leaves room while bounding a runaway decode.
CAPTION_MAX_NEW_TOKENS = 64
_DEBRIS = re.compile(r"</?s>|<pad>|<unk>|<loc_\d+>|<image>")


def is_original_format(config: dict[str, Any]) -> bool:
    """Microsoft's first release: remote-code classes, DaViT keys like `dim_embed`."""
    text = config.get("text_config") or {}
    vision = config.get("vision_config") or {}
    return bool(config.get("auto_map")) or text.get("model_type") == "florence2_language" or (
        "dim_embed" in vision
    )


def _check_native(model_dir: Path) -> dict[str, Any]:
    config = read_json(model_dir / "config.json")
    if is_original_format(config):
        raise ModelError(
            "This Florence-2 folder is Microsoft's original release, which needs remote code; "
            "use the converted model florence-community/Florence-2-base instead."
        )
    return config


def encoder_prompt(model_dir: Path) -> tuple[list[int], int]:
    """(prompt ids without image placeholders, number of image placeholders) from the processor."""
    import numpy as np
    from PIL import Image
    from transformers import AutoProcessor

    processor = AutoProcessor.from_pretrained(model_dir, local_files_only=True, trust_remote_code=False)
    size = processor.image_processor.size
    blank = Image.new("RGB", (int(size.get("width", 768)), int(size.get("height", 768))))
    ids = processor(text=TASK, images=blank, return_tensors="np")["input_ids"][0].tolist()
    image_id = processor.image_token_id
    count = int(np.sum(np.asarray(ids) == image_id))
    if ids[:count] != [image_id] * count:  # the ONNX encoder relies on the image coming first
        raise ModelError("This Florence-2 processor lays out its prompt in an unexpected way.")
    return ids[count:], count


class Florence2Family(Family):
    name = "florence2"
    label = "Florence-2"
    models = (
        "florence-community/Florence-2-base",
        "florence-community/Florence-2-base-ft",
        "florence-community/Florence-2-large",
        "florence-community/Florence-2-large-ft",
    )
    # Florence-2's preprocessor_config.json sets every key (768x768, no crop, ImageNet mean/std);
    # a key it left out would take transformers' CLIPImageProcessor default, as here.
    preprocess_defaults = CLIP_PROCESSOR_DEFAULTS

    def matches(self, config: dict[str, Any]) -> bool:
        architectures = config.get("architectures") or []
        return config.get("model_type") == "florence2" and (
            not architectures or "Florence2ForConditionalGeneration" in architectures
        )

    def generation_settings(self, model_dir: Path) -> GenerationSettings:
        config = _check_native(model_dir)
        text = config.get("text_config") or {}
        gen = generation_config(model_dir)
        start = gen.get("decoder_start_token_id", text.get("decoder_start_token_id", 2))
        # generate() forces <s> right after the start token; feeding it as part of the decoder
        # prompt gives the same tokens and lets the shared ONNX loop stay processor-free.
        forced = gen.get("forced_bos_token_id", text.get("forced_bos_token_id"))
        prompt = [int(start)] + ([int(forced)] if forced is not None else [])
        settings = settings_from_configs(
            model_dir, prompt, text.get("eos_token_id", 2), text.get("pad_token_id", 1), text
        )
        if not gen.get("max_new_tokens") and not gen.get("max_length"):
            settings.max_new_tokens = CAPTION_MAX_NEW_TOKENS
        return settings

    detail_levels = ("brief", "more")

    def detail_inputs(self, tokenizer: Any, detail: str, settings: GenerationSettings) -> AskInputs:
        # "<s> question </s>" as the processor tokenises it (a test compares the two)
        ids = list(tokenizer.encode(TASK_QUESTIONS[DETAIL_TASK]).ids)
        return AskInputs(prompt_ids=list(settings.prompt_ids), question_ids=ids,
                         max_new_tokens=DETAIL_MAX_NEW_TOKENS)

    def clean_text(self, text: str) -> str:
        return " ".join(_DEBRIS.sub(" ", text).split())

    def load_torch(self, model_dir: Path, device: str, dtype: Any) -> Any:
        from transformers import Florence2ForConditionalGeneration

        _check_native(model_dir)
        model = load_pretrained(Florence2ForConditionalGeneration, model_dir, device, dtype)
        model.alttext_prompt = encoder_prompt(model_dir)
        return model

    def torch_generate(self, model, pixel_values, settings, gen_kwargs) -> list[list[int]]:
        return self._generate(model, pixel_values, _prompt_of(model)[0], settings, gen_kwargs)

    def torch_answer(self, model, pixel_values, inputs, settings, gen_kwargs) -> list[list[int]]:
        return self._generate(model, pixel_values, inputs.question_ids, settings, gen_kwargs)

    def _generate(self, model, pixel_values, prompt_ids, settings, gen_kwargs) -> list[list[int]]:
        import torch

        image_tokens = _prompt_of(model)[1]
        image_id = model.config.image_token_id
        device = pixel_values.device
        input_ids = torch.tensor([[image_id] * image_tokens + prompt_ids], dtype=torch.long, device=device)
        decoder_ids = torch.tensor([settings.prompt_ids], dtype=torch.long, device=device)
        kwargs = torch_kwargs(settings, gen_kwargs)
        # The shared ONNX loop never forces EOS at the length limit; generate() would swap the
        # last word of a cut-off caption for </s>. Turned off so both backends agree.
        kwargs["forced_eos_token_id"] = None
        if kwargs.get("num_beams", 1) <= 1:  # a beam-only flag; greedy generate() warns about it
            kwargs.pop("early_stopping", None)
        with torch.inference_mode():
            out = model.generate(
                input_ids=input_ids, attention_mask=torch.ones_like(input_ids),
                pixel_values=pixel_values, decoder_input_ids=decoder_ids, **kwargs,
            )
        return strip_generated(out, len(settings.prompt_ids), settings.eos_token_ids)

    def export_onnx(self, model, out_dir: Path, opset: int) -> tuple[dict[str, str], dict]:
        from tokenizers import Tokenizer

        from alttext_app.core.engines.florence2_export import export_florence2

        prompt_ids, image_tokens = _prompt_of(model)
        folder = Path(model.name_or_path)
        size = image_processor_config(folder).get("size") or {}
        image_size = (int(size.get("height", 768)), int(size.get("width", 768)))
        tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        vocab = set(prompt_ids)
        for question in TASK_QUESTIONS.values():
            vocab.update(tokenizer.encode(question).ids)
        graphs, settings = export_florence2(
            model.float().eval(), out_dir, opset, prompt_ids, image_size, sorted(vocab)
        )
        settings.update(task=TASK, encoder_prompt_ids=prompt_ids, image_tokens=image_tokens)
        return graphs, settings

    def onnx_runner(self, export_dir: Path, manifest: dict, session: SessionFactory) -> OnnxRunner:
        graphs = manifest["graphs"]
        return Florence2Runner(
            session(export_dir / graphs["encoder"]),
            session(export_dir / graphs["decoder"]),
            manifest["family_settings"],
            export_dir,
        )


class Florence2Runner(KVCacheRunner):
    """The encoder graph takes the task prompt as embeddings: rows of prompt_embeds.npy.

    Exports made before the prompt became an input have it built in: they caption only.
    """

    def __init__(self, encoder, decoder, family_settings: dict[str, Any], export_dir: Path) -> None:
        super().__init__(encoder, decoder, family_settings)
        self._inputs = {i.name for i in encoder.get_inputs()}
        self._prompt = [int(t) for t in family_settings.get("encoder_prompt_ids", [])]
        self._rows = None
        if "prompt_embeds" in self._inputs:
            import numpy as np

            table = np.load(export_dir / family_settings["prompt_embeds"], allow_pickle=False)
            self._rows = (table, {int(t): i for i, t in enumerate(family_settings["prompt_vocab"])})

    def encode(self, pixel_values):
        if self._rows is None:
            return super().encode(pixel_values)
        return self.encode_question(pixel_values, self._prompt)

    def encode_question(self, pixel_values, question_ids: list[int]):
        if self._rows is None:
            raise ModelError("This Florence-2 export predates “More detail”; export the model again.")
        table, index = self._rows
        if any(t not in index for t in question_ids):
            raise ModelError("This Florence-2 export cannot take that task; export the model again.")
        prompt = table[[index[t] for t in question_ids]][None]
        return self.encode_feeds({"pixel_values": pixel_values, "prompt_embeds": prompt})


def _prompt_of(model: Any) -> tuple[list[int], int]:
    prompt = getattr(model, "alttext_prompt", None)
    if prompt is None:  # a model loaded without load_torch: ask its own folder's processor
        prompt = encoder_prompt(Path(model.name_or_path))
        model.alttext_prompt = prompt
    return prompt
