"""PyTorch modules that cut a transformers MarianMTModel into the two shared ONNX graphs.

`MarianEncoderGraph`: input_ids (1, S) -> the encoder, then each decoder layer's cross-attention
K/V of its output (computed once per sentence). `MarianDecoderStep`: the Florence-2/BART decoder
step (Marian decoders are post-LN BART layers too) with Marian's embedding — token embeddings
times sqrt(d_model) plus sinusoidal positions, no embedding layer norm — and the final logits
bias. This module imports torch: only the exporter imports it.
"""

from __future__ import annotations

from pathlib import Path

import torch
from torch import nn

from alttext_app.core.engines.florence2_export import Florence2DecoderStep
from alttext_app.core.engines.torch_graphs import export_encoder_decoder, split_heads


class MarianEncoderGraph(nn.Module):
    def __init__(self, model: nn.Module) -> None:
        super().__init__()
        self.encoder = model.model.encoder
        self.layers = model.model.decoder.layers

    def forward(self, input_ids: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        # One unpadded sentence: the attention mask is all ones, so none is passed.
        encoded = self.encoder(input_ids=input_ids).last_hidden_state
        keys, values = [], []
        for layer in self.layers:
            cross = layer.encoder_attn
            keys.append(split_heads(cross.k_proj(encoded), cross.num_heads))
            values.append(split_heads(cross.v_proj(encoded), cross.num_heads))
        return torch.stack(keys), torch.stack(values)


class MarianDecoderStep(Florence2DecoderStep):
    def __init__(self, model: nn.Module) -> None:  # not super().__init__: that one reads Florence-2
        nn.Module.__init__(self)
        self.decoder = model.model.decoder
        self.lm_head = model.lm_head
        self.register_buffer("bias", model.final_logits_bias.detach().clone(), persistent=False)
        layer = self.decoder.layers[0].self_attn
        self.width = layer.embed_dim
        self.hd = (layer.num_heads, layer.head_dim)

    def embed(self, input_ids, past: int):
        decoder = self.decoder
        positions = past + torch.zeros_like(input_ids)
        table = decoder.embed_positions.weight
        return decoder.embed_tokens(input_ids) * decoder.embed_scale + nn.functional.embedding(positions, table)

    def logits(self, last):
        return super().logits(last) + self.bias


def export_marian(model: nn.Module, out_dir: Path, opset: int) -> tuple[dict[str, str], dict]:
    config = model.config
    heads = config.decoder_attention_heads
    example = torch.tensor([[5, 6, 7, config.eos_token_id]], dtype=torch.long)
    graphs, settings = export_encoder_decoder(
        MarianEncoderGraph(model).eval(), MarianDecoderStep(model).eval(), out_dir,
        image_size=(0, 0), layers=config.decoder_layers, heads=heads,
        head_dim=config.d_model // heads, opset=opset,
        source=("input_ids", example, {1: "source_tokens"}),
    )
    settings.pop("image_size", None)
    settings["task"] = "translation"
    return graphs, settings
