"""Builds NeuronAtlas's model manifest (manifest.json, camelCase, parsed by the C# side)."""

import math
from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence, Tuple

from .config import ClipConfig
from .onnx_export import IMAGE_EMBEDDING, IMAGE_INPUT, TEXT_EMBEDDING, TEXT_INPUT

# openai/CLIP's preprocessing: tensor value = (pixel / 255 - mean) / std, RGB.
CLIP_MEAN = [0.48145466, 0.4578275, 0.40821073]
CLIP_STD = [0.26862954, 0.26130258, 0.27577711]
VOCABULARY_FILE = "bpe_simple_vocab_16e6.txt.gz"
IMAGE_ONNX = "image.onnx"
# The attention pool's output (the image embedding before normalization) as an [N, dim, 1, 1] layer,
# exported only by towers that list it (tools/demo_clip): a layer of `dim` units for the atlas.
ATTENTION_POOL_LAYER = "image_attnpool"


@dataclass(frozen=True)
class InputNormalization:
    """How pixels become the image tower's input: tensor = (pixel / 255 - mean) / std, in channel_order."""

    channel_order: str = "RGB"
    mean: Tuple[float, ...] = tuple(CLIP_MEAN)
    std: Tuple[float, ...] = tuple(CLIP_STD)
    resize_mode: str = "bicubic"


CLIP_NORMALIZATION = InputNormalization()
TEXT_ONNX = "text.onnx"


def model_id(architecture: str) -> str:
    """"RN50x4" -> "clip-rn50x4", "ViT-L/14@336px" -> "clip-vit-l-14-336px"."""
    slug = "".join(c if c.isalnum() else "-" for c in architecture.lower())
    return "clip-" + "-".join(part for part in slug.split("-") if part)


def _conv_layer(layer_id: str, display_name: str, tensor: str, shape: Sequence[int]) -> Dict[str, object]:
    return {"id": layer_id, "displayName": display_name, "tensor": tensor,
            "channels": shape[1], "height": shape[2], "width": shape[3], "kind": "conv"}


def resnet_layers(shapes: Dict[str, Sequence[int]]) -> List[Dict[str, object]]:
    """Layer entries, the final layer4 block first (the layer the Distill article studied).

    Stage 4's output is the same tensor as the last layer4 block, so `image_stage_4` is an
    entry of its own that points at that block's tensor; the graph has no duplicate output.
    """
    blocks = sorted((name for name in shapes if name.startswith("image_block_4_")),
                    key=lambda name: int(name.rsplit("_", 1)[1]))
    last = blocks[-1]
    last_index = last.rsplit("_", 1)[1]
    layers = [_conv_layer(last, f"layer4 block {last_index} (final conv block)", last, shapes[last])]
    if ATTENTION_POOL_LAYER in shapes:
        layers.append(_conv_layer(ATTENTION_POOL_LAYER, "attention-pool output (the image embedding's units)",
                                  ATTENTION_POOL_LAYER, shapes[ATTENTION_POOL_LAYER]))
    for name in blocks[:-1]:
        layers.append(_conv_layer(name, f"layer4 block {name.rsplit('_', 1)[1]}", name, shapes[name]))
    for stage in (1, 2, 3):
        name = f"image_stage_{stage}"
        layers.append(_conv_layer(name, f"layer{stage} output (stage {stage})", name, shapes[name]))
    layers.append(_conv_layer("image_stage_4", f"layer4 output (stage 4, same tensor as {last})", last, shapes[last]))
    return layers


def vit_layers(shapes: Dict[str, Sequence[int]], grid: int) -> List[Dict[str, object]]:
    """Residual-stream entries, the last block first; tokens are [class, grid row-major]."""
    names = sorted((name for name in shapes if name.startswith("image_resblock_")),
                   key=lambda name: int(name.rsplit("_", 1)[1]))
    layers = []
    for name in reversed(names):
        index = name.rsplit("_", 1)[1]
        suffix = " (final block)" if name == names[-1] else ""
        layers.append({"id": name, "displayName": f"residual stream after block {index}{suffix}",
                       "tensor": name, "channels": shapes[name][2], "height": grid, "width": grid,
                       "kind": "tokens", "tokenLayout": "cls+grid"})
    return layers


def build_manifest(config: ClipConfig, output_shapes: Dict[str, Sequence[int]], logit_scale: float, *,
                   manifest_id: str, display_name: str, description: str, licence: str, source: str,
                   with_text: bool, normalization: InputNormalization = CLIP_NORMALIZATION) -> Dict[str, object]:
    px = config.image_resolution
    layers = resnet_layers(output_shapes) if config.is_resnet else vit_layers(output_shapes, config.vision_grid)
    text_encoder: Optional[Dict[str, object]] = None
    if with_text:
        text_encoder = {"onnx": TEXT_ONNX, "inputName": TEXT_INPUT, "outputName": TEXT_EMBEDDING,
                        "contextLength": config.context_length, "vocabulary": VOCABULARY_FILE}
    return {
        "id": manifest_id,
        "displayName": display_name,
        "description": description,
        "onnx": IMAGE_ONNX,
        "input": {"name": IMAGE_INPUT, "width": px, "height": px, "channelOrder": normalization.channel_order},
        "preprocessing": {"resize": px, "resizeMode": normalization.resize_mode, "crop": px,
                          "mean": list(normalization.mean), "std": list(normalization.std)},
        "layers": layers,
        "embedding": {"tensor": IMAGE_EMBEDDING, "dimensions": output_shapes[IMAGE_EMBEDDING][1]},
        "textEncoder": text_encoder,
        "logitScale": float(math.exp(logit_scale)),
        "licence": licence,
        "source": source,
    }
