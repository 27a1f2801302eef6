"""Seeded random weights for a ClipModel, for tests and benchmarks.

Scales follow CLIP's own initialisation closely enough that activations stay O(1) through
the deep towers. BatchNorm gets non-trivial running statistics and affine parameters, so
that the exporter's BatchNorm-into-Conv folding is really exercised.
"""

import math

import torch

from .clip_model import ClipModel
from .config import ClipConfig


def _normal(generator: torch.Generator, shape, std: float, mean: float = 0.0) -> torch.Tensor:
    return torch.randn(shape, generator=generator) * std + mean


def _uniform(generator: torch.Generator, shape, low: float, high: float) -> torch.Tensor:
    return torch.rand(shape, generator=generator) * (high - low) + low


def _batch_norm_value(generator, name: str, shape) -> torch.Tensor:
    # A bottleneck's last BN scales the residual branch; keeping it small keeps the
    # residual stream from growing block after block (CLIP zero-initialises it).
    residual_branch = name.endswith("bn3.weight") and ".layer" in name
    if name.endswith("running_var"):
        return _uniform(generator, shape, 0.5, 1.5)
    if name.endswith("running_mean"):
        return _normal(generator, shape, 0.1)
    if name.endswith("weight"):
        return _uniform(generator, shape, 0.1, 0.3) if residual_branch else _uniform(generator, shape, 0.5, 1.5)
    return _normal(generator, shape, 0.1)


def _parameter_value(generator, name: str, tensor: torch.Tensor, config: ClipConfig) -> torch.Tensor:
    shape = tuple(tensor.shape)
    text_std = config.transformer_width ** -0.5
    if name == "logit_scale":
        return torch.tensor(math.log(1 / 0.07))
    if name == "token_embedding.weight":
        return _normal(generator, shape, 0.02)
    if name == "positional_embedding":
        return _normal(generator, shape, 0.01)
    if name == "text_projection":
        return _normal(generator, shape, text_std)
    if name in ("visual.class_embedding", "visual.positional_embedding", "visual.proj"):
        return _normal(generator, shape, config.vision_width ** -0.5)
    if name == "visual.attnpool.positional_embedding":
        return _normal(generator, shape, shape[1] ** -0.5)
    if tensor.dim() == 4:  # convolutions: He initialisation keeps ReLU activations at unit scale
        fan_in = shape[1] * shape[2] * shape[3]
        return _normal(generator, shape, math.sqrt(2.0 / fan_in))
    if ".ln_" in name or name.startswith("ln_") or "ln_final" in name:
        return _normal(generator, shape, 0.1, 1.0 if name.endswith("weight") else 0.0)
    if tensor.dim() == 2:  # linear and packed attention weights
        depth = config.transformer_layers if not name.startswith("visual.") else max(config.vision_layers)
        std = shape[1] ** -0.5
        if name.endswith("out_proj.weight") or name.endswith("mlp.c_proj.weight"):
            std *= (2 * depth) ** -0.5
        return _normal(generator, shape, std)
    return _normal(generator, shape, 0.02)  # biases


def randomize(model: ClipModel, seed: int) -> ClipModel:
    """Fills every parameter and BatchNorm statistic of `model` from a generator seeded with `seed`."""
    generator = torch.Generator().manual_seed(seed)
    batch_norms = {name for name, module in model.named_modules() if isinstance(module, torch.nn.BatchNorm2d)}
    with torch.no_grad():
        for name, tensor in model.state_dict(keep_vars=True).items():
            owner = name.rsplit(".", 1)[0]
            if name.endswith("num_batches_tracked"):
                tensor.fill_(0)
            elif owner in batch_norms:
                tensor.copy_(_batch_norm_value(generator, name, tensor.shape))
            else:
                tensor.copy_(_parameter_value(generator, name, tensor, model.config))
    return model


def random_model(config: ClipConfig, seed: int) -> ClipModel:
    return randomize(ClipModel(config), seed).eval()
