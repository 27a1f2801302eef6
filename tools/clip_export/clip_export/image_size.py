"""Changes a CLIP model's input size by resampling its image positional embedding.

The grid part of the embedding is resized bicubically; the first row (the mean token of a
ResNet's attention pool, or a ViT's class token) is kept. The model then accepts the new
size, but its outputs differ from the original model's: use it knowingly.
"""

from dataclasses import replace
from typing import Dict, Mapping, Tuple

import torch
from torch.nn import functional as F

from .config import ClipConfig


def positional_embedding_key(config: ClipConfig) -> str:
    return "visual.attnpool.positional_embedding" if config.is_resnet else "visual.positional_embedding"


def resize_grid_embedding(embedding: torch.Tensor, new_grid: int) -> torch.Tensor:
    """[1 + g*g, C] -> [1 + new_grid*new_grid, C], bicubic over the g x g grid."""
    rows, channels = embedding.shape
    grid = round((rows - 1) ** 0.5)
    if grid == new_grid:
        return embedding
    image = embedding[1:].reshape(1, grid, grid, channels).permute(0, 3, 1, 2)
    resized = F.interpolate(image, size=(new_grid, new_grid), mode="bicubic", align_corners=False)
    resized = resized.permute(0, 2, 3, 1).reshape(new_grid * new_grid, channels)
    return torch.cat([embedding[:1], resized], dim=0)


def with_image_size(config: ClipConfig, state_dict: Mapping[str, torch.Tensor],
                    resolution: int) -> Tuple[ClipConfig, Dict[str, torch.Tensor]]:
    step = 32 if config.is_resnet else config.vision_patch_size
    if resolution <= 0 or resolution % step != 0:
        raise ValueError(f"--image-size {resolution} must be a positive multiple of {step} for this model")
    new_config = replace(config, image_resolution=resolution)
    key = positional_embedding_key(config)
    resized = dict(state_dict)
    with torch.no_grad():
        resized[key] = resize_grid_embedding(state_dict[key], new_config.vision_grid)
    return new_config, resized
