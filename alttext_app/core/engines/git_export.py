"""PyTorch modules that cut a transformers GitForCausalLM into two ONNX graphs (export time only).

GIT's text decoder reads the image as a prefix of tokens that attend only to each other, never to
the text, so their keys/values depend on the image alone. `GitImageGraph` therefore runs the
vision tower, the projection *and* the image prefix through every decoder layer, once per image,
and returns the stacked keys/values (L, B, heads, N, head_dim). `GitStepGraph` then feeds text
against that cache — the prompt ([CLS]) first, then one token per call; text attends causally to
the image and to earlier text, and returns the logits of the last position plus the grown cache.

Both reuse the model's own sub-modules (same weights); the attention is written out so the graphs
have plain tensors instead of transformers' Cache objects. This module imports torch.
"""

from __future__ import annotations

import math
from pathlib import Path

import torch
from torch import nn

from alttext_app.core.engines.torch_graphs import _export, causal_mask, merge_heads, split_heads


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


class GitImageGraph(nn.Module):
    """pixel_values (B, 3, H, W) -> image-prefix keys, values (L, B, heads, N, head_dim)."""

    def __init__(self, model: nn.Module) -> None:
        super().__init__()
        self.git = model.git

    def forward(self, pixel_values: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        visual = self.git.image_encoder.vision_model(pixel_values=pixel_values).last_hidden_state
        hidden = self.git.visual_projection(visual)
        keys, values = [], []
        for layer in self.git.encoder.layer:  # image tokens see every image token: no mask
            hidden, key, value = git_layer(layer, hidden, None, None, None)
            keys.append(key)
            values.append(value)
        return torch.stack(keys), torch.stack(values)


class GitStepGraph(nn.Module):
    """input_ids (B, n), past_k/past_v (L, B, heads, T, d) -> logits (B, V), present_k/present_v."""

    def __init__(self, model: nn.Module, num_image_tokens: int) -> None:
        super().__init__()
        self.git = model.git
        self.output = model.output
        self.num_image_tokens = num_image_tokens

    def forward(self, input_ids, past_k, past_v):
        emb = self.git.embeddings
        n = input_ids.shape[1]
        past = past_k.shape[3]
        # Text positions count text tokens only; the image prefix has no position embedding.
        positions = torch.arange(n, device=input_ids.device) + (past - self.num_image_tokens)
        hidden = emb.LayerNorm(emb.word_embeddings(input_ids) + emb.position_embeddings(positions)[None])
        mask = causal_mask(n, past, hidden)
        keys, values = [], []
        for i, layer in enumerate(self.git.encoder.layer):
            hidden, key, value = git_layer(layer, hidden, past_k[i], past_v[i], mask)
            keys.append(key)
            values.append(value)
        return self.output(hidden[:, -1]), torch.stack(keys), torch.stack(values)


def image_token_count(model: nn.Module) -> int:
    return int(model.git.encoder.layer[0].attention.self.image_patch_tokens)


def export_git(model: nn.Module, out_dir: Path, opset: int) -> tuple[dict[str, str], dict]:
    """Write image.onnx and decoder.onnx (fp32); return ({role: file}, family_settings)."""
    out_dir = Path(out_dir)
    cfg = model.config
    layers, heads = cfg.num_hidden_layers, cfg.num_attention_heads
    head_dim = cfg.hidden_size // heads
    size = cfg.vision_config.image_size
    image = GitImageGraph(model).eval()
    pixel_values = torch.randn(1, 3, size, size)
    with torch.no_grad():
        image_k, image_v = image(pixel_values)
    _export(
        image, (pixel_values,), out_dir / "image.onnx", ["pixel_values"], ["image_k", "image_v"],
        {"pixel_values": {0: "batch"}, "image_k": {1: "batch"}, "image_v": {1: "batch"}}, opset,
    )
    step = GitStepGraph(model, image_token_count(model)).eval()
    # Trace with 2 rows, 3 new tokens and a cache longer than the image prefix (no size of 1).
    ids = torch.tensor([[cfg.bos_token_id, 5, 6], [cfg.bos_token_id, 7, 8]], dtype=torch.long)
    text = torch.randn(layers, 2, heads, 2, head_dim)
    past_k = torch.cat([image_k.repeat(1, 2, 1, 1, 1), text], dim=3)
    past_v = torch.cat([image_v.repeat(1, 2, 1, 1, 1), text], dim=3)
    _export(
        step, (ids, past_k, past_v), out_dir / "decoder.onnx",
        ["input_ids", "past_k", "past_v"], ["logits", "present_k", "present_v"],
        {
            "input_ids": {0: "batch", 1: "new"},
            "past_k": {1: "batch", 3: "past"},
            "past_v": {1: "batch", 3: "past"},
            "logits": {0: "batch"},
            "present_k": {1: "batch", 3: "total"},
            "present_v": {1: "batch", 3: "total"},
        },
        opset,
    )
    graphs = {"image": "image.onnx", "decoder": "decoder.onnx"}
    settings = {"layers": layers, "heads": heads, "head_dim": head_dim, "image_size": [size, size],
                "image_tokens": image_token_count(model), "kv_dtype": "float32"}
    return graphs, settings
