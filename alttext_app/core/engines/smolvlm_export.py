"""PyTorch modules that cut a transformers SmolVLMForConditionalGeneration into two ONNX graphs.

- vision.onnx: pixel_values (1, 3, S, S) -> image_embeds (1, m, E): SigLIP tower + pixel-shuffle
  connector, once per image. AltText feeds one whole, unsplit S x S image, so every patch is real
  and the position ids are simply 0..P-1 (the bucketing in SmolVLMVisionEmbeddings reduces to that).
- decoder.onnx: input_ids (B, n), image_embeds (B, m, E), past_k/past_v (L, B, kv_heads, T, D)
  -> logits of the last position (B, V), present_k/present_v (L, B, kv_heads, T+n, D). The Llama
  text model with RoPE and grouped-query attention over an explicit cache; `<image>` placeholders
  in input_ids take the image features in order (what masked_scatter does in transformers). The
  prompt goes in with one call, then one token per call.
This module imports torch: only the exporter imports it.
"""

from __future__ import annotations

from pathlib import Path

import torch
from torch import nn

from alttext_app.core.engines.torch_graphs import (
    _export,
    attend,
    causal_mask,
    export_image_prefix_decoder,
    merge_heads,
)


class SmolVlmVisionGraph(nn.Module):
    def __init__(self, model: nn.Module) -> None:
        super().__init__()
        self.vision = model.model.vision_model
        self.connector = model.model.connector

    def forward(self, pixel_values: torch.Tensor) -> torch.Tensor:
        emb = self.vision.embeddings
        patches = emb.patch_embedding(pixel_values).flatten(2).transpose(1, 2)
        hidden = patches + emb.position_embedding.weight[None, : patches.shape[1]]
        hidden = self.vision.encoder(inputs_embeds=hidden).last_hidden_state
        return self.connector(self.vision.post_layernorm(hidden))


class SmolVlmDecoderGraph(nn.Module):
    def __init__(self, model: nn.Module) -> None:
        super().__init__()
        self.text = model.model.text_model
        self.lm_head = model.lm_head
        self.image_token_id = int(model.config.image_token_id)
        attn = self.text.layers[0].self_attn
        self.heads = model.config.text_config.num_attention_heads
        self.kv_heads = model.config.text_config.num_key_value_heads
        self.head_dim = attn.head_dim
        self.scaling = attn.scaling

    def forward(self, input_ids, image_features, past_k, past_v):
        from transformers.models.llama.modeling_llama import apply_rotary_pos_emb, repeat_kv

        n, past = input_ids.shape[1], past_k.shape[3]
        hidden = self.text.embed_tokens(input_ids)
        is_image = input_ids == self.image_token_id
        order = (torch.cumsum(is_image.long(), dim=1) - 1).clamp(0, image_features.shape[1] - 1)
        picked = torch.gather(image_features, 1, order[..., None].expand(-1, -1, hidden.shape[-1]))
        hidden = torch.where(is_image[..., None], picked.to(hidden.dtype), hidden)
        positions = (torch.arange(n, device=input_ids.device) + past)[None]
        cos, sin = self.text.rotary_emb(hidden, positions)
        mask = causal_mask(n, past, hidden)[None, None]
        keys, values = [], []
        rep = self.heads // self.kv_heads
        for i, layer in enumerate(self.text.layers):
            sa = layer.self_attn
            h = layer.input_layernorm(hidden)
            b = h.shape[0]
            q = sa.q_proj(h).view(b, n, self.heads, self.head_dim).transpose(1, 2)
            k = sa.k_proj(h).view(b, n, self.kv_heads, self.head_dim).transpose(1, 2)
            v = sa.v_proj(h).view(b, n, self.kv_heads, self.head_dim).transpose(1, 2)
            q, k = apply_rotary_pos_emb(q, k, cos, sin)
            k = torch.cat([past_k[i], k], dim=2)
            v = torch.cat([past_v[i], v], dim=2)
            keys.append(k)
            values.append(v)
            o = attend(q, repeat_kv(k, rep), repeat_kv(v, rep), self.scaling, mask)
            hidden = hidden + sa.o_proj(merge_heads(o))
            hidden = hidden + layer.mlp(layer.post_attention_layernorm(hidden))
        logits = self.lm_head(self.text.norm(hidden[:, -1]))
        return logits, torch.stack(keys), torch.stack(values)


def export_smolvlm(model: nn.Module, out_dir: Path, opset: int) -> tuple[dict[str, str], dict]:
    """Write vision.onnx and decoder.onnx (fp32); return ({role: file}, family_settings)."""
    out_dir = Path(out_dir)
    size = int(model.config.vision_config.image_size)
    vision = SmolVlmVisionGraph(model).eval()
    pixel_values = torch.randn(1, 3, size, size)
    with torch.no_grad():
        features = vision(pixel_values)
    _export(vision, (pixel_values,), out_dir / "vision.onnx", ["pixel_values"], ["image_embeds"],
            {}, opset)
    decoder = SmolVlmDecoderGraph(model).eval()
    layers = len(decoder.text.layers)
    image_id = decoder.image_token_id
    # 2 rows, 3 new tokens (one an image placeholder), 2 cached: every traced size differs.
    ids = torch.tensor([[5, image_id, 6], [7, image_id, 8]], dtype=torch.long)
    past = torch.randn(layers, 2, decoder.kv_heads, 2, decoder.head_dim)
    export_image_prefix_decoder(decoder, ids, features.repeat(2, 1, 1), past, out_dir / "decoder.onnx", opset)
    graphs = {"vision": "vision.onnx", "decoder": "decoder.onnx"}
    # "heads" = the cached key/value heads (grouped-query attention), as GitRunner reads it
    settings = {"layers": layers, "heads": decoder.kv_heads, "head_dim": decoder.head_dim,
                "image_size": [size, size], "image_tokens": int(features.shape[1]),
                "kv_dtype": "float32"}
    return graphs, settings
