"""CLIP architecture configurations: the known models and inference from a state dict's shapes."""

from dataclasses import asdict, dataclass, replace
from typing import Dict, Mapping, Optional, Tuple

import torch

# Every CLIP model reads 77 tokens from the same 49408-entry BPE vocabulary.
CONTEXT_LENGTH = 77
VOCAB_SIZE = 49408
# CLIP uses 64-wide attention heads everywhere; head counts are not stored in the weights.
HEAD_WIDTH = 64


@dataclass(frozen=True)
class ClipConfig:
    """Everything needed to build a CLIP model; `vision_patch_size` is None for ModifiedResNets."""

    embed_dim: int
    image_resolution: int
    vision_layers: Tuple[int, ...]  # blocks per ResNet stage, or (transformer depth,) for a ViT
    vision_width: int
    vision_patch_size: Optional[int]
    transformer_width: int
    transformer_layers: int
    context_length: int = CONTEXT_LENGTH
    vocab_size: int = VOCAB_SIZE
    activation: str = "quickgelu"  # "quickgelu" (OpenAI) or "gelu" (some open_clip trainings)
    text_heads: Optional[int] = None  # None: CLIP's 64-wide heads; small models may choose narrower ones

    @property
    def is_resnet(self) -> bool:
        return self.vision_patch_size is None

    @property
    def vision_heads(self) -> int:
        # A ModifiedResNet's attention pool works on width * 32 channels.
        channels = self.vision_width * 32 if self.is_resnet else self.vision_width
        return max(1, channels // HEAD_WIDTH)

    @property
    def transformer_heads(self) -> int:
        if self.text_heads is not None:
            return self.text_heads
        return max(1, self.transformer_width // HEAD_WIDTH)

    @property
    def vision_grid(self) -> int:
        """Side of the final spatial grid: the attention pool's input, or the ViT patch grid."""
        step = 32 if self.is_resnet else self.vision_patch_size
        return self.image_resolution // step

    def to_json(self) -> Dict[str, object]:
        data = asdict(self)
        data["vision_layers"] = list(self.vision_layers)
        return data

    @staticmethod
    def from_json(data: Mapping[str, object]) -> "ClipConfig":
        values = dict(data)
        values["vision_layers"] = tuple(values["vision_layers"])
        return ClipConfig(**values)


def _resnet(layers, width, embed_dim, resolution, text_width):
    return ClipConfig(embed_dim, resolution, tuple(layers), width, None, text_width, 12)


def _vit(depth, width, patch, embed_dim, resolution, text_width):
    return ClipConfig(embed_dim, resolution, (depth,), width, patch, text_width, 12)


KNOWN_ARCHITECTURES: Dict[str, ClipConfig] = {
    "RN50": _resnet((3, 4, 6, 3), 64, 1024, 224, 512),
    "RN101": _resnet((3, 4, 23, 3), 64, 512, 224, 512),
    "RN50x4": _resnet((4, 6, 10, 6), 80, 640, 288, 640),
    "RN50x16": _resnet((6, 8, 18, 8), 96, 768, 384, 768),
    "RN50x64": _resnet((3, 15, 36, 10), 128, 1024, 448, 1024),
    "ViT-B/32": _vit(12, 768, 32, 512, 224, 512),
    "ViT-B/16": _vit(12, 768, 16, 512, 224, 512),
    "ViT-L/14": _vit(24, 1024, 14, 768, 224, 768),
    "ViT-L/14@336px": _vit(24, 1024, 14, 768, 336, 768),
    # Small stand-ins with the same structure, for fast tests.
    "RN-tiny": replace(_resnet((1, 2, 1, 2), 8, 32, 96, 64), transformer_layers=2),
    "ViT-tiny": replace(_vit(2, 128, 16, 32, 64, 64), transformer_layers=2),
}


def architecture_name(config: ClipConfig) -> str:
    """The known architecture `config` describes, or "custom"."""
    for name, known in KNOWN_ARCHITECTURES.items():
        if replace(known, activation=config.activation) == config:
            return name
    return "custom"


def _count_indices(state_dict: Mapping[str, torch.Tensor], prefix: str) -> int:
    """How many distinct `prefix.<i>.` sub-modules the state dict holds."""
    indices = {key[len(prefix):].split(".")[0] for key in state_dict if key.startswith(prefix)}
    return len(indices)


def _require(state_dict: Mapping[str, torch.Tensor], key: str) -> torch.Tensor:
    if key not in state_dict:
        raise KeyError(f"state dict has no '{key}': is this an OpenAI-architecture CLIP checkpoint?")
    return state_dict[key]


def _grid_side(token_count: int, what: str) -> int:
    side = round((token_count - 1) ** 0.5)
    if side * side + 1 != token_count:
        raise ValueError(f"{what} has {token_count} rows, which is not 1 + a square grid")
    return side


def infer_config(state_dict: Mapping[str, torch.Tensor], activation: str = "quickgelu") -> ClipConfig:
    """Reads the architecture from the weights' shapes, as OpenAI's build_model does."""
    text_projection = _require(state_dict, "text_projection")
    embed_dim = text_projection.shape[1]
    transformer_width = _require(state_dict, "ln_final.weight").shape[0]
    transformer_layers = _count_indices(state_dict, "transformer.resblocks.")
    context_length = _require(state_dict, "positional_embedding").shape[0]
    vocab_size = _require(state_dict, "token_embedding.weight").shape[0]

    if "visual.proj" in state_dict:
        conv1 = _require(state_dict, "visual.conv1.weight")
        patch = conv1.shape[-1]
        grid = _grid_side(_require(state_dict, "visual.positional_embedding").shape[0], "visual.positional_embedding")
        vision_layers: Tuple[int, ...] = (_count_indices(state_dict, "visual.transformer.resblocks."),)
        vision_width = conv1.shape[0]
        resolution = patch * grid
    else:
        vision_layers = tuple(_count_indices(state_dict, f"visual.layer{stage}.") for stage in (1, 2, 3, 4))
        vision_width = _require(state_dict, "visual.layer1.0.conv1.weight").shape[0]
        pool_rows = _require(state_dict, "visual.attnpool.positional_embedding").shape[0]
        resolution = 32 * _grid_side(pool_rows, "visual.attnpool.positional_embedding")
        patch = None

    return ClipConfig(
        embed_dim=int(embed_dim),
        image_resolution=int(resolution),
        vision_layers=tuple(int(n) for n in vision_layers),
        vision_width=int(vision_width),
        vision_patch_size=None if patch is None else int(patch),
        transformer_width=int(transformer_width),
        transformer_layers=int(transformer_layers),
        context_length=int(context_length),
        vocab_size=int(vocab_size),
        activation=activation,
    )
