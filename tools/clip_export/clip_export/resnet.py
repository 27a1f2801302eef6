"""CLIP's ModifiedResNet image tower, with OpenAI's parameter names (visual.layer1.0.conv1.weight ...).

Differences from a torchvision ResNet: a three-convolution stem with a 2x2 average pool,
strides taken by an average pool after the 3x3 convolution (also on the shortcut, before
its 1x1 convolution), and an attention-pooling head instead of global average pooling.
"""

from collections import OrderedDict
from typing import Sequence, Tuple

import torch
from torch import nn
from torch.nn import functional as F

EXPANSION = 4


def _conv_bn(in_channels: int, out_channels: int, kernel: int) -> Tuple[nn.Conv2d, nn.BatchNorm2d]:
    conv = nn.Conv2d(in_channels, out_channels, kernel, padding=kernel // 2, bias=False)
    return conv, nn.BatchNorm2d(out_channels)


class Bottleneck(nn.Module):
    def __init__(self, in_channels: int, planes: int, stride: int):
        super().__init__()
        self.conv1, self.bn1 = _conv_bn(in_channels, planes, 1)
        self.relu1 = nn.ReLU()
        self.conv2, self.bn2 = _conv_bn(planes, planes, 3)
        self.relu2 = nn.ReLU()
        self.avgpool = nn.AvgPool2d(stride) if stride > 1 else nn.Identity()
        self.conv3, self.bn3 = _conv_bn(planes, planes * EXPANSION, 1)
        self.relu3 = nn.ReLU()
        self.downsample = None
        if stride > 1 or in_channels != planes * EXPANSION:
            # OpenAI names the shortcut's pool "-1" so that the conv and BN keep indices 0 and 1.
            self.downsample = nn.Sequential(OrderedDict([
                ("-1", nn.AvgPool2d(stride) if stride > 1 else nn.Identity()),
                ("0", nn.Conv2d(in_channels, planes * EXPANSION, 1, bias=False)),
                ("1", nn.BatchNorm2d(planes * EXPANSION)),
            ]))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        shortcut = x if self.downsample is None else self.downsample(x)
        out = self.relu1(self.bn1(self.conv1(x)))
        out = self.relu2(self.bn2(self.conv2(out)))
        out = self.bn3(self.conv3(self.avgpool(out)))
        return self.relu3(out + shortcut)


class AttentionPool2d(nn.Module):
    """Attention pooling: the mean token, with positional embeddings, attends over the grid."""

    def __init__(self, grid: int, channels: int, heads: int, output_dim: int):
        super().__init__()
        self.grid = grid
        self.channels = channels
        self.heads = heads
        self.positional_embedding = nn.Parameter(torch.empty(grid * grid + 1, channels))
        self.k_proj = nn.Linear(channels, channels)
        self.q_proj = nn.Linear(channels, channels)
        self.v_proj = nn.Linear(channels, channels)
        self.c_proj = nn.Linear(channels, output_dim)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        tokens, channels, heads = self.grid * self.grid + 1, self.channels, self.heads
        head_width = channels // heads
        x = x.reshape(-1, channels, self.grid * self.grid).permute(0, 2, 1)
        x = torch.cat([x.mean(dim=1, keepdim=True), x], dim=1) + self.positional_embedding
        q = self.q_proj(x[:, :1]).reshape(-1, 1, heads, head_width).permute(0, 2, 1, 3)
        k = self.k_proj(x).reshape(-1, tokens, heads, head_width).permute(0, 2, 3, 1)
        v = self.v_proj(x).reshape(-1, tokens, heads, head_width).permute(0, 2, 1, 3)
        weights = torch.softmax(torch.matmul(q * head_width ** -0.5, k), dim=-1)
        pooled = torch.matmul(weights, v).permute(0, 2, 1, 3).reshape(-1, channels)
        return self.c_proj(pooled)


class ModifiedResNet(nn.Module):
    def __init__(self, layers: Sequence[int], width: int, output_dim: int, heads: int, resolution: int):
        super().__init__()
        if resolution % 32 != 0:
            raise ValueError(f"ModifiedResNet input size {resolution} is not a multiple of 32")
        self.layers = tuple(layers)
        self.conv1 = nn.Conv2d(3, width // 2, 3, stride=2, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(width // 2)
        self.relu1 = nn.ReLU()
        self.conv2, self.bn2 = _conv_bn(width // 2, width // 2, 3)
        self.relu2 = nn.ReLU()
        self.conv3, self.bn3 = _conv_bn(width // 2, width, 3)
        self.relu3 = nn.ReLU()
        self.avgpool = nn.AvgPool2d(2)

        channels = width
        for stage, blocks in enumerate(self.layers, start=1):
            planes = width * 2 ** (stage - 1)
            stage_blocks = []
            for index in range(blocks):
                stride = 2 if stage > 1 and index == 0 else 1
                stage_blocks.append(Bottleneck(channels, planes, stride))
                channels = planes * EXPANSION
            setattr(self, f"layer{stage}", nn.Sequential(*stage_blocks))

        self.attnpool = AttentionPool2d(resolution // 32, channels, heads, output_dim)

    def _stem(self, x: torch.Tensor) -> torch.Tensor:
        x = self.relu1(self.bn1(self.conv1(x)))
        x = self.relu2(self.bn2(self.conv2(x)))
        x = self.relu3(self.bn3(self.conv3(x)))
        return self.avgpool(x)

    def forward_with_layers(self, x: torch.Tensor) -> Tuple[torch.Tensor, "OrderedDict[str, torch.Tensor]"]:
        """The embedding plus the atlas layers: every layer4 block (image_block_4_i) and stages 1-3.

        Stage 4's output is the last layer4 block, so it is listed once, under the block's name.
        """
        layers: "OrderedDict[str, torch.Tensor]" = OrderedDict()
        x = self._stem(x)
        for stage in (1, 2, 3):
            x = getattr(self, f"layer{stage}")(x)
            layers[f"image_stage_{stage}"] = x
        for index, block in enumerate(self.layer4):
            x = block(x)
            layers[f"image_block_4_{index}"] = x
        return self.attnpool(x), layers

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self._stem(x)
        x = self.layer4(self.layer3(self.layer2(self.layer1(x))))
        return self.attnpool(x)

