"""PyTorch modules that cut a transformers Florence2ForConditionalGeneration into two ONNX graphs.

`Florence2EncoderGraph` computes everything that depends only on the image, once per image: the
DaViT vision tower and projector, the BART encoder over [image tokens, task prompt] (the prompt
is fixed at export time and stored in the graph), then each decoder layer's cross-attention keys
and values of the encoder output -> cross_k, cross_v (L, B, heads, S, head_dim).
`Florence2DecoderStep` is the BART decoder with an explicit self-attention cache, in the layout of
`engines.torch_graphs` so the shared `KVCacheRunner` drives it.

Both reuse the model's own sub-modules (same weights). This module imports torch.
"""

from __future__ import annotations

from pathlib import Path

import torch
from torch import nn

from alttext_app.core.engines.torch_graphs import (
    attend,
    causal_mask,
    export_encoder_decoder,
    merge_heads,
    split_heads,
)


class Florence2EncoderGraph(nn.Module):
    """pixel_values (B, 3, H, W) -> cross_k, cross_v (L, B, heads, S, head_dim)."""

    def __init__(self, model: nn.Module, prompt_ids: list[int]) -> None:
        super().__init__()
        self.inner = model.model
        self.register_buffer("prompt_ids", torch.tensor([prompt_ids], dtype=torch.long), persistent=False)

    def forward(self, pixel_values: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        image = self.inner.get_image_features(pixel_values).pooler_output
        text = self.inner.get_input_embeddings()(self.prompt_ids)
        text = text.expand(image.shape[0], -1, -1)
        # The processor puts every image placeholder before <s> prompt </s>, so scattering the
        # image features into them (as the model does) equals this concatenation.
        embeds = torch.cat([image.to(text.dtype), text], dim=1)
        encoded = self.inner.language_model.encoder(inputs_embeds=embeds).last_hidden_state
        keys, values = [], []
        for layer in self.inner.language_model.decoder.layers:
            cross = layer.encoder_attn
            keys.append(split_heads(cross.k_proj(encoded), cross.num_heads))
            values.append(split_heads(cross.v_proj(encoded), cross.num_heads))
        return torch.stack(keys), torch.stack(values)


class Florence2DecoderStep(nn.Module):
    """One BART decoder step (post-LN, learned positions offset by 2) over an explicit KV cache."""

    def __init__(self, model: nn.Module) -> None:
        super().__init__()
        self.decoder = model.model.language_model.decoder
        self.lm_head = model.lm_head

    def forward(self, input_ids, past_k, past_v, cross_k, cross_v):
        decoder = self.decoder
        n = input_ids.shape[1]
        past = past_k.shape[3]
        positions = torch.arange(n, device=input_ids.device) + past
        table = decoder.embed_positions
        hidden = decoder.embed_tokens(input_ids) + nn.functional.embedding(positions + table.offset, table.weight)[None]
        hidden = decoder.layernorm_embedding(hidden)
        mask = causal_mask(n, past, hidden)
        keys, values = [], []
        for i, layer in enumerate(decoder.layers):
            sa = layer.self_attn
            k = torch.cat([past_k[i], split_heads(sa.k_proj(hidden), sa.num_heads)], dim=2)
            v = torch.cat([past_v[i], split_heads(sa.v_proj(hidden), sa.num_heads)], dim=2)
            keys.append(k)
            values.append(v)
            o = attend(split_heads(sa.q_proj(hidden), sa.num_heads), k, v, sa.scaling, mask)
            hidden = layer.self_attn_layer_norm(hidden + sa.out_proj(merge_heads(o)))
            ca = layer.encoder_attn
            o = attend(split_heads(ca.q_proj(hidden), ca.num_heads), cross_k[i], cross_v[i], ca.scaling)
            hidden = layer.encoder_attn_layer_norm(hidden + ca.out_proj(merge_heads(o)))
            hidden = layer.final_layer_norm(hidden + layer.fc2(layer.activation_fn(layer.fc1(hidden))))
        return self.lm_head(hidden[:, -1]), torch.stack(keys), torch.stack(values)


def export_florence2(
    model: nn.Module, out_dir: Path, opset: int, prompt_ids: list[int], image_size: tuple[int, int]
) -> tuple[dict[str, str], dict]:
    """Write encoder.onnx and decoder.onnx (fp32); return ({role: file}, family_settings)."""
    text = model.config.text_config
    heads = text.decoder_attention_heads
    return export_encoder_decoder(
        Florence2EncoderGraph(model, prompt_ids).eval(), Florence2DecoderStep(model).eval(),
        Path(out_dir), image_size=image_size, layers=text.decoder_layers, heads=heads,
        head_dim=text.d_model // heads, opset=opset,
    )
