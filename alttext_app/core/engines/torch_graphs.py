"""PyTorch modules that become the ONNX graphs of encoder-decoder captioners (export time only).

Two graphs per model, shared by the ViT-GPT2 and BLIP families:
- encoder: pixel_values (1,3,H,W) -> cross_k, cross_v (L, B, heads, S, head_dim): the image
  encoder plus every decoder layer's cross-attention key/value projection, so they are computed
  once per image instead of once per token;
- decoder step: input_ids (B,n), past_k/past_v (L,B,heads,T,head_dim), cross_k, cross_v ->
  logits of the last position (B,V), present_k/present_v (L,B,heads,T+n,head_dim).
The decoder step re-states the transformers forward pass with an explicit tensor KV cache (the
transformers Cache objects do not trace); parity tests hold it to transformers' generate().
This module imports torch: only the exporter imports it.
"""

from __future__ import annotations

import logging
from pathlib import Path

import torch
from torch import nn

log = logging.getLogger(__name__)


def split_heads(x: torch.Tensor, heads: int) -> torch.Tensor:
    b, t, e = x.shape
    return x.view(b, t, heads, e // heads).transpose(1, 2)


def merge_heads(x: torch.Tensor) -> torch.Tensor:
    b, h, t, d = x.shape
    return x.transpose(1, 2).reshape(b, t, h * d)


def attend(q, k, v, scaling: float, mask: torch.Tensor | None = None) -> torch.Tensor:
    scores = torch.matmul(q, k.transpose(-1, -2)) * scaling
    if mask is not None:
        scores = scores + mask
    return torch.matmul(torch.softmax(scores, dim=-1), v)


def causal_mask(n: int, past: int, like: torch.Tensor) -> torch.Tensor:
    """Additive (n, past+n) mask: new token i sees cache positions <= past + i."""
    cols = torch.arange(past + n, device=like.device)
    rows = torch.arange(n, device=like.device) + past
    return (cols[None, :] > rows[:, None]).to(like.dtype) * torch.finfo(like.dtype).min


class EncoderWithCrossKV(nn.Module):
    """image encoder -> (optional projection) -> stacked cross-attention K and V of every layer."""

    def __init__(self, encoder, proj, kv_fns, heads: int) -> None:
        super().__init__()
        self.encoder = encoder
        self.proj = proj
        self.kv_fns = kv_fns  # list of callables: hidden -> (k, v), each (B, S, E)
        self.heads = heads

    def forward(self, pixel_values: torch.Tensor):
        hidden = self.encoder(pixel_values=pixel_values)[0]
        if self.proj is not None:
            hidden = self.proj(hidden)
        keys, values = [], []
        for fn in self.kv_fns:
            k, v = fn(hidden)
            keys.append(split_heads(k, self.heads))
            values.append(split_heads(v, self.heads))
        return torch.stack(keys), torch.stack(values)


class Gpt2DecoderStep(nn.Module):
    """One GPT-2 (with cross-attention) decoding step over an explicit KV cache."""

    def __init__(self, lm) -> None:  # GPT2LMHeadModel
        super().__init__()
        self.t = lm.transformer
        self.lm_head = lm.lm_head
        self.heads = lm.config.n_head
        self.embed = lm.config.n_embd

    def forward(self, input_ids, past_k, past_v, cross_k, cross_v):
        n = input_ids.shape[1]
        past = past_k.shape[3]
        positions = torch.arange(n, device=input_ids.device) + past
        h = self.t.wte(input_ids) + self.t.wpe(positions)[None]
        mask = causal_mask(n, past, h)
        keys, values = [], []
        for i, block in enumerate(self.t.h):
            attn = block.attn
            q, k, v = attn.c_attn(block.ln_1(h)).split(self.embed, dim=2)
            k = torch.cat([past_k[i], split_heads(k, self.heads)], dim=2)
            v = torch.cat([past_v[i], split_heads(v, self.heads)], dim=2)
            keys.append(k)
            values.append(v)
            o = attend(split_heads(q, self.heads), k, v, attn.scaling, mask)
            h = h + attn.c_proj(merge_heads(o))
            cross = block.crossattention
            q = split_heads(cross.q_attn(block.ln_cross_attn(h)), self.heads)
            h = h + cross.c_proj(merge_heads(attend(q, cross_k[i], cross_v[i], cross.scaling)))
            h = h + block.mlp(block.ln_2(h))
        logits = self.lm_head(self.t.ln_f(h[:, -1]))
        return logits, torch.stack(keys), torch.stack(values)


def gpt2_cross_kv_fns(lm) -> list:
    embed = lm.config.n_embd
    return [
        (lambda hidden, c=block.crossattention: c.c_attn(hidden).split(embed, dim=2))
        for block in lm.transformer.h
    ]


class BlipTextDecoderStep(nn.Module):
    """One BLIP text-decoder (BERT with cross-attention, post-LN) step over an explicit KV cache."""

    def __init__(self, text_decoder) -> None:  # BlipTextLMHeadModel
        super().__init__()
        self.bert = text_decoder.bert
        self.cls = text_decoder.cls
        self.heads = text_decoder.config.num_attention_heads
        self.scaling = (text_decoder.config.hidden_size // self.heads) ** -0.5

    def forward(self, input_ids, past_k, past_v, cross_k, cross_v):
        n = input_ids.shape[1]
        past = past_k.shape[3]
        emb = self.bert.embeddings
        positions = torch.arange(n, device=input_ids.device) + past
        h = emb.LayerNorm(emb.word_embeddings(input_ids) + emb.position_embeddings(positions)[None])
        mask = causal_mask(n, past, h)
        keys, values = [], []
        for i, layer in enumerate(self.bert.encoder.layer):
            sa = layer.attention.self
            k = torch.cat([past_k[i], split_heads(sa.key(h), self.heads)], dim=2)
            v = torch.cat([past_v[i], split_heads(sa.value(h), self.heads)], dim=2)
            keys.append(k)
            values.append(v)
            o = attend(split_heads(sa.query(h), self.heads), k, v, self.scaling, mask)
            h = layer.attention.output.LayerNorm(layer.attention.output.dense(merge_heads(o)) + h)
            ca = layer.crossattention
            q = split_heads(ca.self.query(h), self.heads)
            o = attend(q, cross_k[i], cross_v[i], self.scaling)
            h = ca.output.LayerNorm(ca.output.dense(merge_heads(o)) + h)
            h = layer.output(layer.intermediate(h), h)
        logits = self.cls(h[:, -1:])[:, 0]
        return logits, torch.stack(keys), torch.stack(values)


def blip_cross_kv_fns(text_decoder) -> list:
    return [
        (lambda hidden, s=layer.crossattention.self: (s.key(hidden), s.value(hidden)))
        for layer in text_decoder.bert.encoder.layer
    ]


def export_encoder_decoder(
    encoder: nn.Module,
    decoder: nn.Module,
    out_dir: Path,
    *,
    image_size: tuple[int, int],
    layers: int,
    heads: int,
    head_dim: int,
    opset: int,
) -> tuple[dict[str, str], dict]:
    """Trace both graphs to out_dir/encoder.onnx and out_dir/decoder.onnx (fp32)."""
    pixel_values = torch.randn(1, 3, *image_size)
    with torch.no_grad():
        cross_k, cross_v = encoder(pixel_values)
    _export(
        encoder, (pixel_values,), out_dir / "encoder.onnx",
        ["pixel_values"], ["cross_k", "cross_v"],
        {"pixel_values": {0: "batch"}, "cross_k": {1: "batch"}, "cross_v": {1: "batch"}},
        opset,
    )
    past = torch.randn(layers, 1, heads, 3, head_dim)
    ids = torch.tensor([[1, 2]], dtype=torch.long)
    _export(
        decoder, (ids, past, past.clone(), cross_k, cross_v), out_dir / "decoder.onnx",
        ["input_ids", "past_k", "past_v", "cross_k", "cross_v"],
        ["logits", "present_k", "present_v"],
        {
            "input_ids": {0: "batch", 1: "new"},
            "past_k": {1: "batch", 3: "past"},
            "past_v": {1: "batch", 3: "past"},
            "cross_k": {1: "batch", 3: "image_tokens"},
            "cross_v": {1: "batch", 3: "image_tokens"},
            "logits": {0: "batch"},
            "present_k": {1: "batch", 3: "total"},
            "present_v": {1: "batch", 3: "total"},
        },
        opset,
    )
    graphs = {"encoder": "encoder.onnx", "decoder": "decoder.onnx"}
    settings = {"layers": layers, "heads": heads, "head_dim": head_dim,
                "image_size": list(image_size), "kv_dtype": "float32"}
    return graphs, settings


def _export(module, args, path, inputs, outputs, axes, opset) -> None:
    import warnings

    module.eval()
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # tracer warnings about shape-derived Python ints
        torch.onnx.export(
            module, args, str(path), input_names=inputs, output_names=outputs,
            dynamic_axes=axes, opset_version=opset, dynamo=False, do_constant_folding=True,
        )
    log.info("exported %s", path.name)
