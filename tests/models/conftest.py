"""Fixtures for model tests: a fake hub on 127.0.0.1, a test catalogue and tiny model files."""

from __future__ import annotations

import json
import socket

import numpy as np
import pytest
from fake_hub import FakeHub
from safetensors.numpy import save as save_safetensors

TINY_ID = "test-org/tiny-captioner"


def tiny_files(weight_floats: int = 700_000) -> dict[str, bytes]:
    """A small transformers-shaped repo: what AltText needs plus files it must never fetch."""
    rng = np.random.default_rng(0)
    weights = {"encoder.weight": rng.standard_normal(weight_floats).astype(np.float32)}
    return {
        "config.json": json.dumps({"model_type": "vision-encoder-decoder"}).encode(),
        "preprocessor_config.json": json.dumps({"image_processor_type": "ViTImageProcessor"}).encode(),
        "tokenizer.json": json.dumps({"version": "1.0", "model": {"type": "WordLevel"}}).encode(),
        "model.safetensors": save_safetensors(weights),
        "pytorch_model.bin": b"pickled weights must never be fetched when safetensors exist" * 10,
        "modeling_evil.py": b"raise SystemExit('remote code must never be fetched')",
        "README.md": b"# tiny",
        "tf_model.h5": b"tensorflow weights are not needed",
    }


NEEDED = {"config.json", "preprocessor_config.json", "tokenizer.json", "model.safetensors"}


def write_catalogue(path, entries: list[dict]) -> None:
    path.write_text(json.dumps({"format": 1, "models": entries}), encoding="utf-8")


def catalogue_entry(repo_id: str = TINY_ID, alias: str = "tiny", **extra) -> dict:
    entry = {
        "id": repo_id,
        "aliases": [alias],
        "family": "vision-encoder-decoder",
        "revision": "main",
        "download_bytes": 3_000_000,
        "license": "apache-2.0",
        "good_at": "Tests.",
        "coco_cider": None,
        "onnx_recommended": False,
    }
    entry.update(extra)
    return entry


@pytest.fixture
def catalogue(tmp_path, monkeypatch):
    path = tmp_path / "catalogue.json"
    write_catalogue(path, [catalogue_entry(recommended=True)])
    monkeypatch.setenv("ALTTEXT_CATALOGUE", str(path))
    return path


@pytest.fixture
def hub(monkeypatch, catalogue):
    import huggingface_hub.constants as hf_constants

    server = FakeHub().start()
    server.add_repo(TINY_ID, tiny_files())
    monkeypatch.setenv("HF_ENDPOINT", server.url)
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.delenv("TRANSFORMERS_OFFLINE", raising=False)
    monkeypatch.setattr(hf_constants, "HF_HUB_OFFLINE", False)
    yield server
    server.stop()


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a network connection fails the test."""
    attempts: list[object] = []

    def refuse(self, address):  # noqa: ANN001
        attempts.append(address)
        raise AssertionError(f"unexpected network connection to {address}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    return attempts
