"""PyTorch modules that cut a transformers Florence2ForConditionalGeneration into two ONNX graphs.

`Florence2EncoderGraph` computes everything that depends only on the image, once per image: the
DaViT vision tower and projector, the BART encoder over [image tokens, task prompt] (the prompt
is fixed at export time and stored in the graph), then each decoder layer's cross-attention keys
and values of the encoder output -> cross_k, cross_v (L, B, heads, S, head_dim).
`Florence2DecoderStep` is the BART decoder for one token with an explicit self-attention cache, in
the layout of `engines.torch_graphs`, so the shared `KVCacheRunner` drives it.

Both reuse the model's own sub-modules (same weights). This module imports torch.
"""

from __future__ import annotations

from pathlib import Path

import torch
from torch import nn

from alttext_app.core.engines.torch_graphs import (
    attend,
    export_encoder_decoder,
    merge_step,
    split_heads,
    split_step,
)


class Florence2EncoderGraph(nn.Module):
    """pixel_values (B, 3, H, W) -> cross_k, cross_v (L, B, heads, S, head_dim)."""

    def __init__(self, model: nn.Module, prompt_ids: list[int]) -> None:
        super().__init__()
        self.inner = model.model
        # The prompt is fixed, so its embeddings are a constant: the graph then carries 8 rows
        # instead of the whole 51k-token table (~160 MB in fp32 for Florence-2-base).
        with torch.no_grad():
            ids = torch.tensor([prompt_ids], dtype=torch.long)
            embeds = self.inner.get_input_embeddings()(ids).detach().clone()
        self.register_buffer("prompt_embeds", embeds, persistent=False)

    def forward(self, pixel_values: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        image = self.inner.get_image_features(pixel_values).pooler_output
        text = self.prompt_embeds.expand(image.shape[0], -1, -1)
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
    """One BART decoder step (post-LN, learned positions offset by 2) for ONE new token.

    A single new token sees every cached position, so there is no causal mask; the shared
    `KVCacheRunner` feeds the decoder prompt one token per call.
    """

    def __init__(self, model: nn.Module) -> None:
        super().__init__()
        self.decoder = model.model.language_model.decoder
        self.lm_head = model.lm_head
        layer = self.decoder.layers[0].self_attn
        self.width = layer.embed_dim
        self.hd = (layer.num_heads, layer.head_dim)

    def embed(self, input_ids, past: int):
        decoder = self.decoder
        table = decoder.embed_positions
        positions = past + table.offset + torch.zeros_like(input_ids)
        hidden = decoder.embed_tokens(input_ids) + nn.functional.embedding(positions, table.weight)
        return decoder.layernorm_embedding(hidden)

    def logits(self, last):
        # lm_head shares its weight with the token embeddings. W @ h^T keeps that weight as it is;
        # lm_head(h) would make the exporter store a second, transposed copy (~160 MB).
        return torch.matmul(self.lm_head.weight, last.transpose(0, 1)).transpose(0, 1)

    def forward(self, input_ids, past_k, past_v, cross_k, cross_v):
        decoder, hd = self.decoder, self.hd
        hidden = self.embed(input_ids, past_k.shape[3])
        keys, values = [], []
        for i, layer in enumerate(decoder.layers):
            sa = layer.self_attn
            k = torch.cat([past_k[i], split_step(sa.k_proj(hidden), *hd)], dim=2)
            v = torch.cat([past_v[i], split_step(sa.v_proj(hidden), *hd)], dim=2)
            keys.append(k)
            values.append(v)
            o = attend(split_step(sa.q_proj(hidden), *hd), k, v, sa.scaling)
            hidden = layer.self_attn_layer_norm(hidden + sa.out_proj(merge_step(o, self.width)))
            ca = layer.encoder_attn
            o = attend(split_step(ca.q_proj(hidden), *hd), cross_k[i], cross_v[i], ca.scaling)
            hidden = layer.encoder_attn_layer_norm(hidden + ca.out_proj(merge_step(o, self.width)))
            hidden = layer.final_layer_norm(hidden + layer.fc2(layer.activation_fn(layer.fc1(hidden))))
        return self.logits(hidden[:, 0]), torch.stack(keys), torch.stack(values)


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
