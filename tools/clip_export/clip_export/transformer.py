"""The pre-LayerNorm transformer shared by CLIP's text tower and its ViT image tower.

Parameter names follow OpenAI's nn.MultiheadAttention-based blocks (attn.in_proj_weight,
attn.out_proj.*, mlp.c_fc.*, ...). Attention is written out with plain matrix products so
that every torch version traces it to the same small set of ONNX ops (no fused kernels).
Sequence lengths are fixed at construction so reshapes export as constants.
"""

from collections import OrderedDict
from typing import List, Optional

import torch
from torch import nn
from torch.nn import functional as F


class QuickGELU(nn.Module):
    """x * sigmoid(1.702 x), the GELU approximation OpenAI's CLIP was trained with."""

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x * torch.sigmoid(1.702 * x)


def make_activation(name: str) -> nn.Module:
    if name == "quickgelu":
        return QuickGELU()
    if name == "gelu":
        return nn.GELU()
    raise ValueError(f"unknown activation '{name}' (expected 'quickgelu' or 'gelu')")


class SelfAttention(nn.Module):
    """Multi-head self-attention over [N, T, width] with OpenAI's packed q/k/v parameters."""

    def __init__(self, width: int, heads: int, sequence_length: int):
        super().__init__()
        if width % heads != 0:
            raise ValueError(f"width {width} is not divisible into {heads} heads")
        self.width = width
        self.heads = heads
        self.head_width = width // heads
        self.sequence_length = sequence_length
        self.in_proj_weight = nn.Parameter(torch.empty(3 * width, width))
        self.in_proj_bias = nn.Parameter(torch.empty(3 * width))
        self.out_proj = nn.Linear(width, width)

    def _projection(self, x: torch.Tensor, part: int) -> torch.Tensor:
        rows = slice(part * self.width, (part + 1) * self.width)
        return F.linear(x, self.in_proj_weight[rows], self.in_proj_bias[rows])

    def forward(self, x: torch.Tensor, mask: Optional[torch.Tensor] = None) -> torch.Tensor:
        tokens, heads, head_width = self.sequence_length, self.heads, self.head_width
        q = self._projection(x, 0).reshape(-1, tokens, heads, head_width).permute(0, 2, 1, 3)
        k = self._projection(x, 1).reshape(-1, tokens, heads, head_width).permute(0, 2, 3, 1)
        v = self._projection(x, 2).reshape(-1, tokens, heads, head_width).permute(0, 2, 1, 3)
        scores = torch.matmul(q * head_width ** -0.5, k)
        if mask is not None:
            scores = scores + mask
        mixed = torch.matmul(torch.softmax(scores, dim=-1), v)
        return self.out_proj(mixed.permute(0, 2, 1, 3).reshape(-1, tokens, self.width))


class ResidualAttentionBlock(nn.Module):
    def __init__(self, width: int, heads: int, sequence_length: int, activation: str):
        super().__init__()
        self.ln_1 = nn.LayerNorm(width)
        self.attn = SelfAttention(width, heads, sequence_length)
        self.ln_2 = nn.LayerNorm(width)
        self.mlp = nn.Sequential(OrderedDict([
            ("c_fc", nn.Linear(width, 4 * width)),
            ("gelu", make_activation(activation)),
            ("c_proj", nn.Linear(4 * width, width)),
        ]))

    def forward(self, x: torch.Tensor, mask: Optional[torch.Tensor] = None) -> torch.Tensor:
        x = x + self.attn(self.ln_1(x), mask)
        return x + self.mlp(self.ln_2(x))


class Transformer(nn.Module):
    """A stack of residual attention blocks; `causal` masks attention to earlier tokens."""

    def __init__(self, width: int, layers: int, heads: int, sequence_length: int,
                 activation: str, causal: bool):
        super().__init__()
        self.width = width
        self.resblocks = nn.Sequential(*[
            ResidualAttentionBlock(width, heads, sequence_length, activation) for _ in range(layers)
        ])
        if causal:
            mask = torch.full((sequence_length, sequence_length), float("-inf")).triu(1)
            self.register_buffer("attn_mask", mask, persistent=False)
        else:
            self.attn_mask = None

    def forward_with_states(self, x: torch.Tensor) -> List[torch.Tensor]:
        """The residual stream after every block, [N, T, width] each."""
        states = []
        for block in self.resblocks:
            x = block(x, self.attn_mask)
            states.append(x)
        return states

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        for block in self.resblocks:
            x = block(x, self.attn_mask)
        return x
