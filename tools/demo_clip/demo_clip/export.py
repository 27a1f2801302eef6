"""Exports a demo CLIP into a model folder the C# side loads like any exported CLIP: image.onnx (every layer4
block, stages 1-3, the attention-pool output, the embedding), text.onnx, manifest.json and the vocabulary.

The shipped weights are float16 (+ Cast, compute float32). BatchNorm is folded into the convolutions and the folded
weights are rounded to float16 in torch first, so the ONNX files are checked against exactly the model they hold."""
import copy
import json
import os
from typing import Dict

import torch
from torch import nn
from torch.nn.utils.fusion import fuse_conv_bn_eval

from . import paths  # noqa: F401
from .model import CONFIG, NORMALIZATION
from clip_export.clip_model import ClipModel
from clip_export.exporter import MANIFEST_FILE, export_part
from clip_export.fp16_storage import round_to_float16
from clip_export.manifest import IMAGE_ONNX, TEXT_ONNX, build_manifest
from clip_export.onnx_export import (DEFAULT_OPSET, IMAGE_INPUT, TEXT_EMBEDDING, TEXT_INPUT, ImageGraph, TextGraph,
                                     random_images, random_tokens)
from clip_export.vocabulary import copy_vocabulary

EXAMPLE_BATCH = 2
CHECK_BATCH = 3  # another batch size than the traced one, to exercise the dynamic batch


def _conv_bn_pairs(tower: nn.Module):
    yield tower, "conv1", "bn1"
    for stage in (tower.layer1, tower.layer2, tower.layer3, tower.layer4):
        for block in stage:
            yield block, "conv1", "bn1"
            yield block, "conv2", "bn2"
            if block.downsample is not None:
                yield block.downsample, "0", "1"


def shipped_model(model: ClipModel) -> ClipModel:
    """An eval copy with BatchNorm folded into the convolutions and every weight rounded to float16."""
    shipped = copy.deepcopy(model).eval()
    for owner, conv_name, bn_name in _conv_bn_pairs(shipped.visual):
        conv = getattr(owner, conv_name)
        inner = conv[-1] if isinstance(conv, nn.Sequential) else conv
        fused = fuse_conv_bn_eval(inner, getattr(owner, bn_name))
        if isinstance(conv, nn.Sequential):
            conv[-1] = fused
        else:
            setattr(owner, conv_name, fused)
        setattr(owner, bn_name, nn.Identity())
    for parameter in shipped.parameters():
        parameter.requires_grad_(False)
    return round_to_float16(shipped)


def export_model(model: ClipModel, out_dir: str, *, model_id: str, display_name: str, description: str,
                 licence: str, source: str, seed: int = 0) -> Dict[str, object]:
    """Writes image.onnx, text.onnx, manifest.json and the vocabulary; returns the verification summary.
    Raises RuntimeError when an exported output differs from torch beyond clip_export's tolerance."""
    os.makedirs(out_dir, exist_ok=True)
    shipped = shipped_model(model)
    generator = torch.Generator().manual_seed(seed + 1)
    scale = 60.0  # the input is pixel - mean on the 0..255 scale
    image_example = random_images(EXAMPLE_BATCH, CONFIG.image_resolution, generator) * scale
    image_graph = ImageGraph(shipped, image_example)
    verification = {"image": export_part(
        image_graph, image_example, random_images(CHECK_BATCH, CONFIG.image_resolution, generator) * scale,
        os.path.join(out_dir, IMAGE_ONNX), IMAGE_INPUT, image_graph.output_shapes, DEFAULT_OPSET,
        float16_weights=True)}
    text_shapes = {TEXT_EMBEDDING: (EXAMPLE_BATCH, CONFIG.embed_dim)}
    verification["text"] = export_part(
        TextGraph(shipped), random_tokens(EXAMPLE_BATCH, CONFIG.context_length, generator),
        random_tokens(CHECK_BATCH, CONFIG.context_length, generator),
        os.path.join(out_dir, TEXT_ONNX), TEXT_INPUT, text_shapes, DEFAULT_OPSET, float16_weights=True)
    copy_vocabulary(paths.VOCABULARY, out_dir)
    manifest = build_manifest(CONFIG, image_graph.output_shapes, float(shipped.logit_scale), manifest_id=model_id,
                              display_name=display_name, description=description, licence=licence, source=source,
                              with_text=True, normalization=NORMALIZATION)
    with open(os.path.join(out_dir, MANIFEST_FILE), "w", encoding="utf-8") as stream:
        json.dump(manifest, stream, indent=2)
    ok = all(part["ok"] for part in verification.values())
    if not ok:
        raise RuntimeError(f"the ONNX export of {model_id} differs from torch: {json.dumps(verification)[:2000]}")
    return {"verification": verification,
            "files": {name: os.path.getsize(os.path.join(out_dir, name)) for name in sorted(os.listdir(out_dir))}}
