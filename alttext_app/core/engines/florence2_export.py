"""PyTorch modules that cut a transformers Florence2ForConditionalGeneration into two ONNX graphs.

`Florence2EncoderGraph` computes everything that depends on the image and the task, once per
caption: the DaViT vision tower and projector, the BART encoder over [image tokens, task prompt]
(the prompt comes in as embeddings: the runner picks rows of `prompt_embeds.npy`, the embeddings of
every token the task prompts use, so the graph needs no 51k-row table), then each decoder layer's
cross-attention keys and values of the encoder output -> cross_k, cross_v (L, B, heads, S, head_dim).
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
    export_step_decoder,
    merge_step,
    split_heads,
    split_step,
)


class Florence2EncoderGraph(nn.Module):
    """pixel_values (B, 3, H, W), prompt_embeds (B, n, d) -> cross_k, cross_v (L, B, heads, S, head_dim)."""

    def __init__(self, model: nn.Module) -> None:
        super().__init__()
        self.inner = model.model

    def forward(self, pixel_values: torch.Tensor, prompt_embeds: torch.Tensor):
        image = self.inner.get_image_features(pixel_values).pooler_output
        text = prompt_embeds
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
    model: nn.Module, out_dir: Path, opset: int, prompt_ids: list[int], image_size: tuple[int, int],
    prompt_vocab: list[int],
) -> tuple[dict[str, str], dict]:
    """Write encoder.onnx, decoder.onnx (fp32) and prompt_embeds.npy (the embedding rows of
    `prompt_vocab`); return ({role: file}, family_settings)."""
    import numpy as np

    from alttext_app.core.engines.torch_graphs import PerLayerEncoder, _export, cross_names

    out_dir = Path(out_dir)
    text = model.config.text_config
    heads, layers = text.decoder_attention_heads, text.decoder_layers
    with torch.no_grad():
        rows = model.model.get_input_embeddings()(torch.tensor([prompt_vocab], dtype=torch.long))[0]
    np.save(out_dir / "prompt_embeds.npy", rows.float().numpy())
    index = {token: i for i, token in enumerate(prompt_vocab)}
    prompt = rows[[index[t] for t in prompt_ids]][None]
    encoder = PerLayerEncoder(Florence2EncoderGraph(model).eval(), layers)
    pixels = torch.randn(1, 3, *image_size)
    with torch.no_grad():
        cross = encoder(pixels, prompt)
    names = cross_names(layers)
    _export(encoder, (pixels, prompt), out_dir / "encoder.onnx", ["pixel_values", "prompt_embeds"],
            names, {"prompt_embeds": {1: "prompt"}, **{n: {2: "source_tokens"} for n in names}}, opset)
    export_step_decoder(Florence2DecoderStep(model).eval(), cross, out_dir, layers=layers,
                        heads=heads, head_dim=text.d_model // heads, opset=opset)
    graphs = {"encoder": "encoder.onnx", "decoder": "decoder.onnx"}
    settings = {"step_tokens": 1, "cross_layout": "per_layer", "layers": layers, "heads": heads,
                "head_dim": text.d_model // heads, "image_size": list(image_size),
                "kv_dtype": "float32", "prompt_embeds": "prompt_embeds.npy", "prompt_vocab": prompt_vocab}
    return graphs, settings
