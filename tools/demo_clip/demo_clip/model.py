"""The demo CLIP: ImageNet ResNet18 (stem and layer1 frozen) + OpenAI's attention pool, and CLIP's text tower.

Text tower and logit scale are clip_export's ClipModel; only the image tower differs.
"""
import math
from collections import OrderedDict
from typing import Optional, Tuple

import torch
import torchvision
from torch import nn

from . import paths  # noqa: F401  (puts clip_export on the import path)
from .imagenet_resnet18 import BLOCKS, DEFAULT_ONNX, load_resnet18, padded, read_onnx, set_module
from clip_export.clip_model import ClipModel
from clip_export.config import ClipConfig
from clip_export.manifest import ATTENTION_POOL_LAYER, InputNormalization
from clip_export.random_init import randomize
from clip_export.resnet import AttentionPool2d

IMAGE_SIZE = 96
POOL_HEADS = 8
EMBED_DIM = 256
LAYER4_CHANNELS = 512
CONFIG = ClipConfig(embed_dim=EMBED_DIM, image_resolution=IMAGE_SIZE, vision_layers=(2, 2, 2, 3), vision_width=64,
                    vision_patch_size=None, transformer_width=128, transformer_layers=2, context_length=16,
                    text_heads=4)
# The ResNet18's own preprocessing (data/models/resnet18/manifest.json): BGR, pixel - mean * 255.
NORMALIZATION = InputNormalization(channel_order="bgr", mean=(0.404167, 0.454521, 0.482948),
                                   std=(1 / 255, 1 / 255, 1 / 255), resize_mode="bicubic")
FROZEN = ("conv1", "bn1", "layer1")
# The CNTK graph's asymmetric pads [top, left, bottom, right] (tests check them against the ONNX file).
CNTK_STEM_PADS = [3, 3, 2, 2]
CNTK_STRIDED_PADS = [1, 1, 0, 0]


class ImageTower(nn.Module):
    """ResNet18 trunk -> layer4 [N, 512, 3, 3] -> attention pool -> [N, 256]."""

    def __init__(self, resnet: nn.Module):
        super().__init__()
        for name in ("conv1", "bn1", "relu", "maxpool", "layer1", "layer2", "layer3", "layer4"):
            setattr(self, name, getattr(resnet, name))
        self.attnpool = AttentionPool2d(IMAGE_SIZE // 32, LAYER4_CHANNELS, POOL_HEADS, EMBED_DIM)
        for name in FROZEN:
            for parameter in getattr(self, name).parameters():
                parameter.requires_grad_(False)

    def train(self, mode: bool = True) -> "ImageTower":
        """The frozen stem and layer1 keep their ImageNet BatchNorm statistics in training too."""
        super().train(mode)
        for name in FROZEN:
            getattr(self, name).eval()
        return self

    def _stem(self, x: torch.Tensor) -> torch.Tensor:
        return self.layer1(self.maxpool(self.relu(self.bn1(self.conv1(x)))))

    def forward_with_layers(self, x: torch.Tensor) -> Tuple[torch.Tensor, "OrderedDict[str, torch.Tensor]"]:
        """The embedding plus the atlas layers (clip_export's names): stages 1-3, every layer4 block, the pool."""
        layers: "OrderedDict[str, torch.Tensor]" = OrderedDict()
        x = self._stem(x)
        layers["image_stage_1"] = x
        x = self.layer2(x)
        layers["image_stage_2"] = x
        x = self.layer3(x)
        layers["image_stage_3"] = x
        for index, block in enumerate(self.layer4):
            x = block(x)
            layers[f"image_block_4_{index}"] = x
        embedding = self.attnpool(x)
        layers[ATTENTION_POOL_LAYER] = embedding.reshape(-1, EMBED_DIM, 1, 1)
        return embedding, layers

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.layer4(self.layer3(self.layer2(self._stem(x))))
        return self.attnpool(x)


def build_model(seed: int, backbone: str, resnet_onnx: Optional[str] = None) -> ClipModel:
    """backbone "imagenet": the shipped weights, a random pool and text tower (the training start and a baseline);
    "random": everything random (the random-init baseline, and the CPU-only smoke test)."""
    if backbone not in ("imagenet", "random"):
        raise ValueError(f"unknown backbone '{backbone}' (expected 'imagenet' or 'random')")
    graph, inits = read_onnx(resnet_onnx or DEFAULT_ONNX) if backbone == "imagenet" else (None, None)
    if backbone == "imagenet":
        resnet = load_resnet18(graph, inits)
    else:
        resnet = _random_resnet18()
    imagenet_state = {k: v.clone() for k, v in resnet.state_dict().items()}
    model = ClipModel(CONFIG, visual=ImageTower(resnet))
    randomize(model, seed)
    if backbone == "imagenet":
        model.visual.load_state_dict(imagenet_state, strict=False)
    else:
        _reset_batch_norms(model.visual)
    return model


def _random_resnet18() -> nn.Module:
    """The same module structure, with CNTK's asymmetric pads, without reading the NuGet file."""
    model = torchvision.models.resnet.ResNet(torchvision.models.resnet.BasicBlock, BLOCKS)
    for name, module in list(model.named_modules()):
        if name == "conv1":
            set_module(model, name, padded(module, CNTK_STEM_PADS))
        elif isinstance(module, nn.Conv2d) and module.kernel_size == (3, 3) and module.stride == (2, 2):
            set_module(model, name, padded(module, CNTK_STRIDED_PADS))
    model.maxpool = padded(nn.MaxPool2d(3, 2), CNTK_STRIDED_PADS, value=-math.inf)
    return model


def _reset_batch_norms(module: nn.Module) -> None:
    """Unit statistics and affine identity: random convolutions then see BatchNorm as (almost) a no-op."""
    for child in module.modules():
        if isinstance(child, nn.BatchNorm2d):
            child.reset_parameters()
