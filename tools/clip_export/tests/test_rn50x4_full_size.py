"""A full-size RN50x4 with random weights exports; its layer4 output (Microscope's
image_block_4_5) is [N, 2560, 9, 9] at 288 px in torch and in the ONNX graph."""

import json
import os

import onnx
import pytest
import torch

from clip_export.config import KNOWN_ARCHITECTURES, infer_config
from clip_export.exporter import ExportOptions, export_clip
from clip_export.random_init import random_model


@pytest.fixture(scope="module")
def rn50x4_export(tmp_path_factory):
    out_dir = str(tmp_path_factory.mktemp("rn50x4"))
    return export_clip(ExportOptions(out_dir=out_dir, random_init="RN50x4", with_text=False, batch=1)), out_dir


def test_layer4_output_is_2560_by_9_by_9_in_torch_and_onnx(rn50x4_export):
    summary, out_dir = rn50x4_export
    assert summary["ok"]
    assert summary["imageInput"]["shape"] == ["batch", 3, 288, 288]
    assert summary["imageOutputs"]["image_block_4_5"] == ["batch", 2560, 9, 9]
    assert summary["imageOutputs"]["image_embedding"] == ["batch", 640]
    for outputs in summary["verification"]["image"]["runtimes"].values():
        assert outputs["image_block_4_5"]["shape"] == [1, 2560, 9, 9]  # torch's tensor
        assert outputs["image_block_4_5"]["maxAbsDiff"] < 1e-4
    graph = onnx.load(os.path.join(out_dir, "image.onnx"), load_external_data=False).graph
    declared = {o.name: [d.dim_param or d.dim_value for d in o.type.tensor_type.shape.dim] for o in graph.output}
    assert declared["image_block_4_5"] == ["batch", 2560, 9, 9]
    assert [f"image_block_4_{i}" for i in range(6)] == [name for name in declared if name.startswith("image_block_4_")]
    assert declared["image_stage_3"] == ["batch", 1280, 18, 18]


def test_manifest_main_layer_is_image_block_4_5(rn50x4_export):
    _, out_dir = rn50x4_export
    with open(os.path.join(out_dir, "manifest.json")) as stream:
        manifest = json.load(stream)
    assert manifest["id"] == "clip-rn50x4"
    assert manifest["layers"][0] == {"id": "image_block_4_5", "displayName": "layer4 block 5 (final conv block)",
                                     "tensor": "image_block_4_5", "channels": 2560, "height": 9, "width": 9,
                                     "kind": "conv"}
    assert manifest["embedding"] == {"tensor": "image_embedding", "dimensions": 640}
    assert manifest["input"]["width"] == 288 and manifest["preprocessing"]["crop"] == 288


def test_rn50x4_config_is_inferred_from_its_weights():
    state_dict = random_model(KNOWN_ARCHITECTURES["RN50x4"], 0).state_dict()
    config = infer_config(state_dict)
    assert config == KNOWN_ARCHITECTURES["RN50x4"]
    assert (config.vision_layers, config.vision_width, config.embed_dim, config.image_resolution) == \
        ((4, 6, 10, 6), 80, 640, 288)
    assert config.vision_heads == 40 and config.transformer_heads == 10
    assert sum(t.numel() for k, t in state_dict.items() if k.startswith("visual.") and t.is_floating_point()) > 8e7
    assert torch.is_tensor(state_dict["visual.attnpool.positional_embedding"])
