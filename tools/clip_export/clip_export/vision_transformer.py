"""CLIP's ViT image tower, with OpenAI's parameter names (visual.conv1.weight, visual.class_embedding ...).

Tokens are kept batch-first, [N, 1 + grid*grid, width]: the class token, then the patch grid
in row-major order ("cls+grid").
"""

from collections import OrderedDict
from typing import Tuple

import torch
from torch import nn

from .transformer import Transformer


class VisionTransformer(nn.Module):
    def __init__(self, resolution: int, patch_size: int, width: int, layers: int, heads: int,
                 output_dim: int, activation: str):
        super().__init__()
        if resolution % patch_size != 0:
            raise ValueError(f"ViT input size {resolution} is not a multiple of the patch size {patch_size}")
        self.grid = resolution // patch_size
        self.width = width
        self.conv1 = nn.Conv2d(3, width, patch_size, stride=patch_size, bias=False)
        self.class_embedding = nn.Parameter(torch.empty(width))
        self.positional_embedding = nn.Parameter(torch.empty(self.grid * self.grid + 1, width))
        self.ln_pre = nn.LayerNorm(width)
        self.transformer = Transformer(width, layers, heads, self.grid * self.grid + 1, activation, causal=False)
        self.ln_post = nn.LayerNorm(width)
        self.proj = nn.Parameter(torch.empty(width, output_dim))

    def _tokens(self, x: torch.Tensor) -> torch.Tensor:
        patches = self.conv1(x).reshape(-1, self.width, self.grid * self.grid).permute(0, 2, 1)
        # A zeroed slice of the patches broadcasts the class token over the batch with
        # Slice/Mul/Add, ops whose shapes ONNX infers statically (unlike expand or zeros_like).
        class_token = patches[:, :1] * 0.0 + self.class_embedding
        x = torch.cat([class_token, patches], dim=1) + self.positional_embedding
        return self.ln_pre(x)

    def _embed(self, x: torch.Tensor) -> torch.Tensor:
        return torch.matmul(self.ln_post(x[:, 0]), self.proj)

    def forward_with_layers(self, x: torch.Tensor) -> Tuple[torch.Tensor, "OrderedDict[str, torch.Tensor]"]:
        """The embedding plus the residual stream after every block (image_resblock_i)."""
        states = self.transformer.forward_with_states(self._tokens(x))
        layers = OrderedDict((f"image_resblock_{index}", state) for index, state in enumerate(states))
        return self._embed(states[-1]), layers

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self._embed(self.transformer(self._tokens(x)))
