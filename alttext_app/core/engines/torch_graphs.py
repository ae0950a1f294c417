"""PyTorch modules that become the ONNX graphs of encoder-decoder captioners (export time only).

Two graphs per model, shared by the ViT-GPT2 and BLIP families (and Florence-2):
- encoder: pixel_values (1,3,H,W) -> cross_k_0..L-1, cross_v_0..L-1 (B, heads, S, head_dim): the
  image encoder plus every decoder layer's cross-attention key/value projection, so they are
  computed once per image instead of once per token;
- decoder step: input_ids (B,1), past_k/past_v (L,B,heads,T,head_dim), cross_k_i, cross_v_i ->
  logits (B,V), present_k/present_v (L,B,heads,T+1,head_dim). One token per call, written with
  constant reshapes so the graph holds no shape arithmetic (it runs once per generated token).
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
    """(B, T, E) -> (B, heads, T, E/heads); used where shapes are static (the encoder graph)."""
    b, t, e = x.shape
    return x.view(b, t, heads, e // heads).transpose(1, 2)


def merge_heads(x: torch.Tensor) -> torch.Tensor:
    """(B, heads, T, D) -> (B, T, heads*D); for graphs with static or multi-token shapes."""
    b, h, t, d = x.shape
    return x.transpose(1, 2).reshape(b, t, h * d)


def causal_mask(n: int, past: int, like: torch.Tensor) -> torch.Tensor:
    """Additive (n, past+n) mask: new token i sees cache positions <= past + i."""
    cols = torch.arange(past + n, device=like.device)
    rows = torch.arange(n, device=like.device) + past
    return (cols[None, :] > rows[:, None]).to(like.dtype) * torch.finfo(like.dtype).min


def split_step(x: torch.Tensor, heads: int, head_dim: int) -> torch.Tensor:
    """(B, 1, E) -> (B, heads, 1, head_dim) with Python-int shapes only, so the traced step graph
    has no Shape/Gather/Concat plumbing (hundreds of tiny ops per token otherwise)."""
    return x.reshape(-1, 1, heads, head_dim).transpose(1, 2)


def merge_step(x: torch.Tensor, width: int) -> torch.Tensor:
    """(B, heads, 1, D) -> (B, 1, width) with a constant shape."""
    return x.transpose(1, 2).reshape(-1, 1, width)


def conv1d(module, x: torch.Tensor) -> torch.Tensor:
    """GPT-2's Conv1D as one MatMul+Add (its own forward reshapes through x.size())."""
    return torch.matmul(x, module.weight) + module.bias


def attend(q, k, v, scaling: float, mask: torch.Tensor | None = None) -> torch.Tensor:
    scores = torch.matmul(q, k.transpose(-1, -2)) * scaling
    if mask is not None:
        scores = scores + mask
    return torch.matmul(torch.softmax(scores, dim=-1), v)


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
        return (*keys, *values)  # one tensor per layer: the decoder reads them without slicing


class Gpt2DecoderStep(nn.Module):
    """One GPT-2 (with cross-attention) decoding step for ONE new token over an explicit KV cache.

    A single new token sees every cached position, so no causal mask is needed; prompts longer
    than one token are fed one token per step by the runner.
    """

    def __init__(self, lm) -> None:  # GPT2LMHeadModel
        super().__init__()
        self.t = lm.transformer
        self.lm_head = lm.lm_head
        self.heads = lm.config.n_head
        self.embed = self.width = lm.config.n_embd
        self.hd = (self.heads, self.embed // self.heads)

    def forward(self, input_ids, past_k, past_v, cross_k, cross_v):
        positions = past_k.shape[3] + torch.zeros_like(input_ids)
        h = self.t.wte(input_ids) + self.t.wpe(positions)
        keys, values = [], []
        for i, block in enumerate(self.t.h):
            attn, mlp = block.attn, block.mlp
            q, k, v = conv1d(attn.c_attn, block.ln_1(h)).split(self.embed, dim=2)
            k = torch.cat([past_k[i], split_step(k, *self.hd)], dim=2)
            v = torch.cat([past_v[i], split_step(v, *self.hd)], dim=2)
            keys.append(k)
            values.append(v)
            o = attend(split_step(q, *self.hd), k, v, attn.scaling)
            h = h + conv1d(attn.c_proj, merge_step(o, self.width))
            cross = block.crossattention
            q = split_step(conv1d(cross.q_attn, block.ln_cross_attn(h)), *self.hd)
            h = h + conv1d(cross.c_proj, merge_step(attend(q, cross_k[i], cross_v[i], cross.scaling), self.width))
            h = h + conv1d(mlp.c_proj, mlp.act(conv1d(mlp.c_fc, block.ln_2(h))))
        logits = self.lm_head(self.t.ln_f(h[:, 0]))
        return logits, torch.stack(keys), torch.stack(values)


def gpt2_cross_kv_fns(lm) -> list:
    embed = lm.config.n_embd
    return [
        # MatMul, not Conv1D's addmm: onnxruntime's dynamic int8 quantises MatMul but not Gemm
        (lambda hidden, c=block.crossattention: conv1d(c.c_attn, hidden).split(embed, dim=2))
        for block in lm.transformer.h
    ]


class BlipTextDecoderStep(nn.Module):
    """One BLIP text-decoder (BERT with cross-attention, post-LN) step for ONE new token."""

    def __init__(self, text_decoder) -> None:  # BlipTextLMHeadModel
        super().__init__()
        self.bert = text_decoder.bert
        self.cls = text_decoder.cls
        self.heads = text_decoder.config.num_attention_heads
        self.width = text_decoder.config.hidden_size
        self.hd = (self.heads, self.width // self.heads)
        self.scaling = self.hd[1] ** -0.5

    def forward(self, input_ids, past_k, past_v, cross_k, cross_v):
        emb = self.bert.embeddings
        positions = past_k.shape[3] + torch.zeros_like(input_ids)
        h = emb.LayerNorm(emb.word_embeddings(input_ids) + emb.position_embeddings(positions))
        keys, values = [], []
        for i, layer in enumerate(self.bert.encoder.layer):
            sa = layer.attention.self
            k = torch.cat([past_k[i], split_step(sa.key(h), *self.hd)], dim=2)
            v = torch.cat([past_v[i], split_step(sa.value(h), *self.hd)], dim=2)
            keys.append(k)
            values.append(v)
            o = attend(split_step(sa.query(h), *self.hd), k, v, self.scaling)
            h = layer.attention.output.LayerNorm(layer.attention.output.dense(merge_step(o, self.width)) + h)
            ca = layer.crossattention
            q = split_step(ca.self.query(h), *self.hd)
            o = attend(q, cross_k[i], cross_v[i], self.scaling)
            h = ca.output.LayerNorm(ca.output.dense(merge_step(o, self.width)) + h)
            h = layer.output(layer.intermediate(h), h)
        logits = self.cls(h)[:, 0]
        return logits, torch.stack(keys), torch.stack(values)


def blip_cross_kv_fns(text_decoder) -> list:
    return [
        (lambda hidden, s=layer.crossattention.self: (s.key(hidden), s.value(hidden)))
        for layer in text_decoder.bert.encoder.layer
    ]


class _LayerList(list):
    """Per-layer tensors that index like a stacked (L, ...) tensor (`x[i]`, `x.shape`)."""

    @property
    def shape(self):
        return (len(self), *self[0].shape)


class PerLayerEncoder(nn.Module):
    """Encoder graph outputs cross_k_0..L-1, cross_v_0..L-1 (stacked outputs are split once here)."""

    def __init__(self, encoder: nn.Module, layers: int) -> None:
        super().__init__()
        self.encoder = encoder
        self.layers = layers

    def forward(self, *inputs):
        out = self.encoder(*inputs)
        if len(out) == 2:  # stacked (L, B, H, S, D) pair
            return (*out[0].unbind(0), *out[1].unbind(0))
        return tuple(out)


class PerLayerCrossStep(nn.Module):
    """Decoder step taking cross K/V as one input per layer.

    ONNX Runtime copies any slice of a tensor, so indexing a stacked (L, B, H, S, D) cross K/V
    costs a full copy of it for every token (about 15 MB for ViT-GPT2); separate inputs cost none.
    """

    def __init__(self, step: nn.Module, layers: int) -> None:
        super().__init__()
        self.step = step
        self.layers = layers

    def forward(self, input_ids, past_k, past_v, *cross):
        n = self.layers
        return self.step(input_ids, past_k, past_v, _LayerList(cross[:n]), _LayerList(cross[n:]))


def cross_names(layers: int) -> list[str]:
    return [f"cross_k_{i}" for i in range(layers)] + [f"cross_v_{i}" for i in range(layers)]


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
    source: tuple[str, torch.Tensor, dict] | None = None,
) -> tuple[dict[str, str], dict]:
    """Trace both graphs to out_dir/encoder.onnx and out_dir/decoder.onnx (fp32).

    `encoder` returns stacked (cross_k, cross_v) or 2*layers per-layer tensors; `decoder` is a
    one-token step module(input_ids, past_k, past_v, cross_k, cross_v) that indexes cross_k[i].
    `source` replaces the image input: (name, example tensor, its dynamic axes), e.g. the token
    ids of a sentence for a translation model.
    """
    encoder = PerLayerEncoder(encoder, layers)
    names = cross_names(layers)
    # One image per call: static shapes let constant folding remove all shape arithmetic.
    name, example, source_axes = source or ("pixel_values", torch.randn(1, 3, *image_size), {})
    with torch.no_grad():
        cross = encoder(example)
    out_axes = {n: {2: "source_tokens"} for n in names} if source_axes else {}
    _export(encoder, (example,), out_dir / "encoder.onnx", [name], names,
            {name: source_axes, **out_axes} if source_axes else {}, opset)
    export_step_decoder(decoder, cross, out_dir, layers=layers, heads=heads, head_dim=head_dim, opset=opset)
    graphs = {"encoder": "encoder.onnx", "decoder": "decoder.onnx"}
    settings = {"step_tokens": 1, "cross_layout": "per_layer", "layers": layers, "heads": heads,
                "head_dim": head_dim, "image_size": list(image_size), "kv_dtype": "float32"}
    return graphs, settings


def export_step_decoder(
    decoder: nn.Module, cross: tuple, out_dir: Path, *, layers: int, heads: int, head_dim: int,
    opset: int,
) -> None:
    """Trace a one-token step module to out_dir/decoder.onnx; `cross` = one example per layer."""
    decoder = PerLayerCrossStep(decoder, layers)
    names = cross_names(layers)
    cross = tuple(t.repeat(2, 1, 1, 1) for t in cross)  # batch 2 keeps the batch axis symbolic
    past = torch.randn(layers, 2, heads, 3, head_dim)
    ids = torch.tensor([[1], [2]], dtype=torch.long)
    axes = {
        "input_ids": {0: "batch"},
        "past_k": {1: "batch", 3: "past"},
        "past_v": {1: "batch", 3: "past"},
        "logits": {0: "batch"},
        "present_k": {1: "batch", 3: "past_plus_one"},
        "present_v": {1: "batch", 3: "past_plus_one"},
        **{name: {0: "batch", 2: "image_tokens"} for name in names},
    }
    _export(
        decoder, (ids, past, past.clone(), *cross), out_dir / "decoder.onnx",
        ["input_ids", "past_k", "past_v", *names], ["logits", "present_k", "present_v"], axes, opset,
    )


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


def export_image_prefix_decoder(decoder, ids, image_embeds, past, path, opset) -> None:
    """Export a decoder step that takes image tokens beside new ids and a stacked K/V cache.

    GIT and SmolVLM share this graph signature (GitRunner drives both): every size is dynamic so
    the same graph serves the first step (image + prompt, empty cache) and each later token.
    """
    _export(
        decoder, (ids, image_embeds, past, past.clone()), path,
        ["input_ids", "image_embeds", "past_k", "past_v"], ["logits", "present_k", "present_v"],
        {
            "input_ids": {0: "batch", 1: "new"},
            "image_embeds": {0: "batch", 1: "image_tokens"},
            "past_k": {1: "batch", 3: "past"},
            "past_v": {1: "batch", 3: "past"},
            "logits": {0: "batch"},
            "present_k": {1: "batch", 3: "total"},
            "present_v": {1: "batch", 3: "total"},
        },
        opset,
    )
