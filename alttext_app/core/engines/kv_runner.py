"""The ONNX runner for encoder-decoder captioners exported by `torch_graphs` (numpy, no torch).

State = cross-attention K/V from the encoder graph (computed once per image, one array per layer so
the decoder never slices — and so copies — them) plus the growing self-attention cache.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np


@dataclass
class KVState:
    cross: dict[str, np.ndarray]  # decoder input name -> cross-attention K or V
    past_k: Any  # (L, B, H, T, D)
    past_v: Any
    batch: int

    @property
    def cross_k(self) -> np.ndarray:
        """Stacked (L, B, H, S, D) copy of the cross-attention keys (for inspection and tests)."""
        return self._stacked("cross_k")

    @property
    def cross_v(self) -> np.ndarray:
        return self._stacked("cross_v")

    def _stacked(self, prefix: str) -> np.ndarray:
        if prefix in self.cross:
            return self.cross[prefix]
        parts = [v for k, v in self.cross.items() if k.startswith(prefix + "_")]
        return np.stack(parts)


class KVCacheRunner:
    def __init__(self, encoder: Any, decoder: Any, family_settings: dict[str, Any]) -> None:
        self.encoder = encoder
        self.decoder = decoder
        self.layers = int(family_settings["layers"])
        self.heads = int(family_settings["heads"])
        self.head_dim = int(family_settings["head_dim"])
        self._outputs = ["logits", "present_k", "present_v"]
        # per-layer cross K/V inputs (current exports) or one stacked pair (first exports)
        self._cross_names = [o.name for o in encoder.get_outputs()]
        self._cross_axis = 1 if self._cross_names == ["cross_k", "cross_v"] else 0
        self._source = encoder.get_inputs()[0].name  # pixel_values, or input_ids for text

    def encode(self, pixel_values: np.ndarray) -> KVState:
        return self.encode_feeds({self._source: pixel_values})

    def encode_feeds(self, feeds: dict[str, np.ndarray]) -> KVState:
        """Run the encoder graph on these inputs; the state starts with an empty cache."""
        outputs = self.encoder.run(self._cross_names, feeds)
        cross = dict(zip(self._cross_names, outputs, strict=True))
        empty = np.zeros((self.layers, 1, self.heads, 0, self.head_dim), dtype=outputs[0].dtype)
        return KVState(cross, empty, empty, 1)

    def step(self, state: KVState, input_ids: np.ndarray) -> tuple[np.ndarray, KVState]:
        logits = None
        for column in range(input_ids.shape[1]):  # the graph takes one token per call
            logits, state = self._step1(state, input_ids[:, column : column + 1])
        return logits, state

    def _step1(self, state: KVState, input_ids: np.ndarray) -> tuple[np.ndarray, KVState]:
        feeds = {"input_ids": input_ids, "past_k": state.past_k, "past_v": state.past_v, **state.cross}
        logits, present_k, present_v = self.decoder.run(self._outputs, feeds)
        state.past_k, state.past_v = present_k, present_v
        return logits, state

    def select(self, state: KVState, rows: np.ndarray) -> KVState:
        rows = np.asarray(rows, dtype=np.int64)
        cross = state.cross
        if state.batch != len(rows):  # one image: every beam shares the same cross K/V
            axis = self._cross_axis
            cross = {
                name: np.ascontiguousarray(np.repeat(np.take(value, [0], axis=axis), len(rows), axis))
                for name, value in cross.items()
            }
        past_k = np.ascontiguousarray(np.take(np.asarray(state.past_k), rows, axis=1))
        past_v = np.ascontiguousarray(np.take(np.asarray(state.past_v), rows, axis=1))
        return KVState(cross, past_k, past_v, len(rows))
