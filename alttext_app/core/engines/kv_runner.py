"""The ONNX runner for encoder-decoder captioners exported by `torch_graphs` (numpy, no torch).

State = cross-attention K/V from the encoder graph (computed once per image) plus the growing
self-attention cache. Outputs of one decoder step are fed straight back as OrtValues, so the cache
never round-trips through numpy between tokens.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np


@dataclass
class KVState:
    cross_k: Any  # (L, B, H, S, D)
    cross_v: Any
    past_k: Any  # (L, B, H, T, D); numpy or OrtValue
    past_v: Any
    batch: int


class KVCacheRunner:
    def __init__(self, encoder: Any, decoder: Any, family_settings: dict[str, Any]) -> None:
        self.encoder = encoder
        self.decoder = decoder
        self.layers = int(family_settings["layers"])
        self.heads = int(family_settings["heads"])
        self.head_dim = int(family_settings["head_dim"])
        self._outputs = ["logits", "present_k", "present_v"]

    def encode(self, pixel_values: np.ndarray) -> KVState:
        cross_k, cross_v = self.encoder.run(["cross_k", "cross_v"], {"pixel_values": pixel_values})
        empty = np.zeros((self.layers, 1, self.heads, 0, self.head_dim), dtype=cross_k.dtype)
        return KVState(cross_k, cross_v, empty, empty, 1)

    def step(self, state: KVState, input_ids: np.ndarray) -> tuple[np.ndarray, KVState]:
        logits = None
        for column in range(input_ids.shape[1]):  # the graph takes one token per call
            logits, state = self._step1(state, input_ids[:, column : column + 1])
        return logits, state

    def _step1(self, state: KVState, input_ids: np.ndarray) -> tuple[np.ndarray, KVState]:
        feeds = {
            "input_ids": input_ids,
            "past_k": state.past_k,
            "past_v": state.past_v,
            "cross_k": state.cross_k,
            "cross_v": state.cross_v,
        }
        logits, present_k, present_v = self.decoder.run(self._outputs, feeds)
        state.past_k, state.past_v = present_k, present_v
        return logits, state

    def select(self, state: KVState, rows: np.ndarray) -> KVState:
        rows = np.asarray(rows, dtype=np.int64)
        cross_k, cross_v = state.cross_k, state.cross_v
        if cross_k.shape[1] != len(rows):  # one image: every beam shares the same cross K/V
            cross_k = np.ascontiguousarray(np.repeat(cross_k[:, :1], len(rows), axis=1))
            cross_v = np.ascontiguousarray(np.repeat(cross_v[:, :1], len(rows), axis=1))
        past_k = np.ascontiguousarray(np.take(np.asarray(state.past_k), rows, axis=1))
        past_v = np.ascontiguousarray(np.take(np.asarray(state.past_v), rows, axis=1))
        return KVState(cross_k, cross_v, past_k, past_v, len(rows))
