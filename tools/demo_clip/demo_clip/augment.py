"""Augmentation on batches of uint8 images, and the ResNet18's input normalization."""
import math

import torch
from torch.nn import functional as F

from .model import NORMALIZATION


def augment(images: torch.Tensor, generator: torch.Generator, grey_share: float) -> torch.Tensor:
    """uint8 [N, 3, H, W] -> float [N, 3, H, W] in 0..1: a random affine (scale, rotation, shift; white fill),
    brightness and contrast jitter, and grey for `grey_share` of the items."""
    x = images.float() / 255
    n = x.shape[0]
    scale = 0.85 + 0.3 * torch.rand(n, generator=generator)
    angle = (torch.rand(n, generator=generator) - 0.5) * math.radians(20)
    shift = (torch.rand(n, 2, generator=generator) - 0.5) * 0.2
    cos, sin = torch.cos(angle) / scale, torch.sin(angle) / scale
    theta = torch.stack([torch.stack([cos, -sin, shift[:, 0]], 1), torch.stack([sin, cos, shift[:, 1]], 1)], 1)
    grid = F.affine_grid(theta, list(x.shape), align_corners=False)
    # Sampling 1 - x with zero padding fills the border with white.
    x = 1 - F.grid_sample(1 - x, grid, mode="bilinear", padding_mode="zeros", align_corners=False)
    brightness = 1 + (torch.rand(n, 1, 1, 1, generator=generator) - 0.5) * 0.4
    contrast = 1 + (torch.rand(n, 1, 1, 1, generator=generator) - 0.5) * 0.4
    mean = x.mean(dim=(1, 2, 3), keepdim=True)
    x = ((x - mean) * contrast + mean) * brightness
    grey = torch.rand(n, generator=generator) < grey_share
    if grey.any():
        luma = (0.299 * x[:, 0] + 0.587 * x[:, 1] + 0.114 * x[:, 2]).unsqueeze(1)
        x = torch.where(grey[:, None, None, None], luma.expand_as(x), x)
    return x.clamp(0, 1)


def model_input(rgb01: torch.Tensor) -> torch.Tensor:
    """float RGB 0..1 -> the tower's input as the manifest describes it: (pixel / 255 - mean) / std, in BGR."""
    mean = torch.tensor(NORMALIZATION.mean)[None, :, None, None]
    std = torch.tensor(NORMALIZATION.std)[None, :, None, None]
    order = [2, 1, 0] if NORMALIZATION.channel_order.lower() == "bgr" else [0, 1, 2]
    return (rgb01[:, order] - mean) / std
