"""PyTorch modules that cut a transformers GitForCausalLM into two ONNX graphs (export time only).

`GitVisionGraph` turns pixels into the projected image tokens, once per image. GIT's text decoder
reads them as a prefix that attends only to itself, never to the text, so their keys/values depend
on the image alone: `GitDecoderGraph` takes the image tokens together with the prompt ([CLS]) on
its first call, caches their keys/values, and from then on takes one token per call with an empty
image — the image prefix is never recomputed. One decoder graph serves both calls, so the decoder
weights are stored once (a separate image-prefix graph would duplicate ~170 MB for git-base).

Both reuse the model's own sub-modules (same weights); the attention is written out so the graphs
have plain tensors instead of transformers' Cache objects. This module imports torch.
"""

from __future__ import annotations

import math
from pathlib import Path

import torch
from torch import nn

from alttext_app.core.engines.torch_graphs import (
    _export,
    export_image_prefix_decoder,
    merge_heads,
    split_heads,
)


def git_layer(
    layer: nn.Module,
    hidden: torch.Tensor,
    past_key: torch.Tensor | None,
    past_value: torch.Tensor | None,
    mask: torch.Tensor | None,
) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """One GitLayer (post-norm BERT block) over an explicit key/value cache."""
    attn = layer.attention.self
    heads = attn.num_attention_heads
    key = split_heads(attn.key(hidden), heads)
    value = split_heads(attn.value(hidden), heads)
    if past_key is not None and past_value is not None:
        key = torch.cat([past_key, key], dim=2)
        value = torch.cat([past_value, value], dim=2)
    query = split_heads(attn.query(hidden), heads)
    scores = torch.matmul(query, key.transpose(-1, -2)) / math.sqrt(attn.attention_head_size)
    if mask is not None:
        scores = scores + mask
    context = merge_heads(torch.matmul(torch.softmax(scores, dim=-1), value))
    attention_output = layer.attention.output(context, hidden)
    return layer.output(layer.intermediate(attention_output), attention_output), key, value


class GitVisionGraph(nn.Module):
    """pixel_values (B, 3, H, W) -> image_embeds (B, N, hidden): CLIP tower + projection."""

    def __init__(self, model: nn.Module) -> None:
        super().__init__()
        self.git = model.git

    def forward(self, pixel_values: torch.Tensor) -> torch.Tensor:
        visual = self.git.image_encoder.vision_model(pixel_values=pixel_values).last_hidden_state
        return self.git.visual_projection(visual)


class GitDecoderGraph(nn.Module):
    """input_ids (B, n), image_embeds (B, m, hidden), past_k/past_v (L, B, heads, T, d)
    -> logits of the last position (B, V), present_k/present_v (L, B, heads, T+m+n, d).

    The first call carries the image (m = N image tokens) and the prompt; later calls carry an
    empty image (m = 0) and one token. Image tokens attend to the image block only, text attends
    causally to everything before it — the mask transformers builds for GIT.
    """

    def __init__(self, model: nn.Module, num_image_tokens: int) -> None:
        super().__init__()
        self.git = model.git
        self.output = model.output
        self.num_image_tokens = num_image_tokens

    def forward(self, input_ids, image_embeds, past_k, past_v):
        emb = self.git.embeddings
        n, m, past = input_ids.shape[1], image_embeds.shape[1], past_k.shape[3]
        device = input_ids.device
        # Text positions count text tokens only; the image prefix has no position embedding.
        positions = torch.arange(n, device=device) + (past + m - self.num_image_tokens)
        text = emb.LayerNorm(emb.word_embeddings(input_ids) + emb.position_embeddings(positions)[None])
        hidden = torch.cat([image_embeds.to(text.dtype), text], dim=1)
        query = torch.arange(m + n, device=device)[:, None]
        key = torch.arange(past + m + n, device=device)[None, :]
        image_row = query < m
        outside_image = (key < past) | (key >= past + m)
        blocked = (image_row & outside_image) | (~image_row & (key > past + query))
        mask = (blocked.to(hidden.dtype) * torch.finfo(hidden.dtype).min)[None, None]
        keys, values = [], []
        for i, layer in enumerate(self.git.encoder.layer):
            hidden, k, v = git_layer(layer, hidden, past_k[i], past_v[i], mask)
            keys.append(k)
            values.append(v)
        return self.output(hidden[:, -1]), torch.stack(keys), torch.stack(values)


def image_token_count(model: nn.Module) -> int:
    return int(model.git.encoder.layer[0].attention.self.image_patch_tokens)


def export_git(model: nn.Module, out_dir: Path, opset: int) -> tuple[dict[str, str], dict]:
    """Write vision.onnx and decoder.onnx (fp32); return ({role: file}, family_settings)."""
    out_dir = Path(out_dir)
    cfg = model.config
    layers, heads, hidden = cfg.num_hidden_layers, cfg.num_attention_heads, cfg.hidden_size
    size = cfg.vision_config.image_size
    vision = GitVisionGraph(model).eval()
    pixel_values = torch.randn(1, 3, size, size)
    with torch.no_grad():
        image_embeds = vision(pixel_values)
    _export(
        vision, (pixel_values,), out_dir / "vision.onnx", ["pixel_values"], ["image_embeds"],
        {"pixel_values": {0: "batch"}, "image_embeds": {0: "batch"}}, opset,
    )
    decoder = GitDecoderGraph(model, image_token_count(model)).eval()
    # Trace with 2 rows, the image, 3 new tokens and 2 cached ones: every size differs and is > 1,
    # so none is frozen into the graph (at run time the cache starts empty, the image comes once).
    ids = torch.tensor([[cfg.bos_token_id, 5, 6], [cfg.bos_token_id, 7, 8]], dtype=torch.long)
    past = torch.randn(layers, 2, heads, 2, hidden // heads)
    export_image_prefix_decoder(decoder, ids, image_embeds.repeat(2, 1, 1), past, out_dir / "decoder.onnx", opset)
    graphs = {"vision": "vision.onnx", "decoder": "decoder.onnx"}
    settings = {"layers": layers, "heads": heads, "head_dim": hidden // heads, "hidden": hidden,
                "image_size": [size, size], "image_tokens": image_token_count(model),
                "kv_dtype": "float32"}
    return graphs, settings
