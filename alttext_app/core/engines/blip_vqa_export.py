"""PyTorch modules that cut a transformers BlipForQuestionAnswering into three ONNX graphs.

- vision.onnx: pixel_values (1, 3, H, W) -> image_embeds (1, S, E), once per image (a person
  often asks several questions about one image, so the runner keeps the last image's embeddings);
- question.onnx: image_embeds, input_ids (1, n) -> cross_k_i, cross_v_i (1, heads, n, head_dim):
  the BERT question encoder reading the image, then every answer-decoder layer's cross-attention
  keys/values of the encoded question, once per question;
- decoder.onnx: the same one-token BLIP text-decoder step as the captioner (`torch_graphs`).
This module imports torch: only the exporter imports it.
"""

from __future__ import annotations

from pathlib import Path

import torch
from torch import nn

from alttext_app.core.engines import torch_graphs as tg


class BlipVisionGraph(nn.Module):
    def __init__(self, model: nn.Module) -> None:
        super().__init__()
        self.vision = model.vision_model

    def forward(self, pixel_values: torch.Tensor) -> torch.Tensor:
        return self.vision(pixel_values=pixel_values)[0]


class BlipQuestionGraph(nn.Module):
    """image_embeds + question ids -> per-layer cross K/V of the question encoding."""

    def __init__(self, model: nn.Module) -> None:
        super().__init__()
        self.text_encoder = model.text_encoder
        decoder = model.text_decoder
        self.heads = decoder.config.num_attention_heads
        self.kv_fns = tg.blip_cross_kv_fns(decoder)

    def forward(self, image_embeds: torch.Tensor, input_ids: torch.Tensor):
        question = self.text_encoder(
            input_ids=input_ids, encoder_hidden_states=image_embeds, return_dict=False
        )[0]
        keys, values = [], []
        for fn in self.kv_fns:
            k, v = fn(question)
            keys.append(tg.split_heads(k, self.heads))
            values.append(tg.split_heads(v, self.heads))
        return (*keys, *values)


def export_blip_vqa(model: nn.Module, out_dir: Path, opset: int) -> tuple[dict[str, str], dict]:
    """Write vision.onnx, question.onnx and decoder.onnx (fp32); return ({role: file}, settings)."""
    out_dir = Path(out_dir)
    cfg = model.text_decoder.config
    layers, heads = cfg.num_hidden_layers, cfg.num_attention_heads
    head_dim = cfg.hidden_size // heads
    size = model.config.vision_config.image_size
    vision = BlipVisionGraph(model).eval()
    pixel_values = torch.randn(1, 3, size, size)
    with torch.no_grad():
        image_embeds = vision(pixel_values)
    tg._export(vision, (pixel_values,), out_dir / "vision.onnx", ["pixel_values"], ["image_embeds"],
               {}, opset)
    question = BlipQuestionGraph(model).eval()
    ids = torch.tensor([[cfg.bos_token_id or 1, 5, 6, 7]], dtype=torch.long)
    with torch.no_grad():
        cross = question(image_embeds, ids)
    names = tg.cross_names(layers)
    tg._export(
        question, (image_embeds, ids), out_dir / "question.onnx", ["image_embeds", "input_ids"],
        names, {"input_ids": {1: "question"}, **{n: {2: "question"} for n in names}}, opset,
    )
    tg.export_step_decoder(tg.BlipTextDecoderStep(model.text_decoder), cross, out_dir,
                           layers=layers, heads=heads, head_dim=head_dim, opset=opset)
    graphs = {"vision": "vision.onnx", "question": "question.onnx", "decoder": "decoder.onnx"}
    settings = {"step_tokens": 1, "cross_layout": "per_layer", "layers": layers, "heads": heads,
                "head_dim": head_dim, "image_size": [size, size], "kv_dtype": "float32"}
    return graphs, settings
