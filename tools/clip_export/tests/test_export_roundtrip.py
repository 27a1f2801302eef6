"""Tiny ResNet and ViT CLIPs exported to ONNX: the graphs, run by an ONNX runtime on fresh
inputs at another batch size, match torch within 1e-4; the manifest and files are right."""

import filecmp
import json
import os

import onnx
import pytest
import torch
from onnx import TensorProto

from clip_export.config import KNOWN_ARCHITECTURES
from clip_export.exporter import ExportOptions, export_clip
from clip_export.onnx_export import ImageGraph, random_images, random_tokens
from clip_export.onnx_interpreter import OnnxInterpreter
from clip_export.random_init import random_model
from clip_export.verification import onnxruntime_available

TOLERANCE = 1e-4
SEED = 3  # the seed tiny_exports (conftest) used


def _run_onnx(path, feeds):
    if onnxruntime_available():
        import onnxruntime
        session = onnxruntime.InferenceSession(path, providers=["CPUExecutionProvider"])
        names = [output.name for output in session.get_outputs()]
        return dict(zip(names, (torch.from_numpy(v) for v in session.run(names, {k: v.numpy() for k, v in feeds.items()}))))
    return OnnxInterpreter.load(path).run(feeds)


@pytest.mark.parametrize("architecture", ["RN-tiny", "ViT-tiny"])
def test_image_graph_matches_torch_on_new_inputs(tiny_exports, architecture):
    _, out_dir = tiny_exports[architecture]
    model = random_model(KNOWN_ARCHITECTURES[architecture], SEED)
    images = random_images(5, model.config.image_resolution, torch.Generator().manual_seed(99))
    graph = ImageGraph(model, images)
    with torch.no_grad():
        expected = dict(zip(graph.output_names, graph(images)))
    actual = _run_onnx(os.path.join(out_dir, "image.onnx"), {"image": images})
    assert list(actual) == graph.output_names
    for name, value in expected.items():
        assert actual[name].shape == value.shape, name
        assert float((actual[name] - value).abs().max()) < TOLERANCE, name


@pytest.mark.parametrize("architecture", ["RN-tiny", "ViT-tiny"])
def test_text_graph_matches_torch_on_new_inputs(tiny_exports, architecture):
    _, out_dir = tiny_exports[architecture]
    model = random_model(KNOWN_ARCHITECTURES[architecture], SEED)
    tokens = random_tokens(6, 77, torch.Generator().manual_seed(98))
    with torch.no_grad():
        expected = model.encode_text(tokens)
    actual = _run_onnx(os.path.join(out_dir, "text.onnx"), {"tokens": tokens})["text_embedding"]
    assert actual.shape == (6, model.config.embed_dim)
    assert float((actual - expected).abs().max()) < TOLERANCE


@pytest.mark.parametrize("architecture", ["RN-tiny", "ViT-tiny"])
def test_export_time_verification_passed_for_every_output(tiny_exports, architecture):
    summary, _ = tiny_exports[architecture]
    assert summary["ok"]
    for part in ("image", "text"):
        runtimes = summary["verification"][part]["runtimes"]
        assert runtimes, part
        for outputs in runtimes.values():
            for name, entry in outputs.items():
                assert entry["maxAbsDiff"] < TOLERANCE, (part, name)
                assert entry["shape"][0] == 3  # verified at another batch size than the traced 2


def test_resnet_manifest_lists_layer4_blocks_stages_and_text_encoder(tiny_exports, vocabulary_path):
    _, out_dir = tiny_exports["RN-tiny"]
    with open(os.path.join(out_dir, "manifest.json")) as stream:
        manifest = json.load(stream)
    assert manifest["id"] == "clip-rn-tiny"
    assert manifest["onnx"] == "image.onnx"
    assert manifest["input"] == {"name": "image", "width": 96, "height": 96, "channelOrder": "RGB"}
    assert manifest["preprocessing"] == {"resize": 96, "resizeMode": "bicubic", "crop": 96,
                                         "mean": [0.48145466, 0.4578275, 0.40821073],
                                         "std": [0.26862954, 0.26130258, 0.27577711]}
    layers = {layer["id"]: layer for layer in manifest["layers"]}
    assert manifest["layers"][0]["id"] == "image_block_4_1"
    assert sorted(layers) == ["image_block_4_0", "image_block_4_1", "image_stage_1", "image_stage_2",
                              "image_stage_3", "image_stage_4"]
    assert layers["image_block_4_1"] == {"id": "image_block_4_1", "displayName": "layer4 block 1 (final conv block)",
                                         "tensor": "image_block_4_1", "channels": 256, "height": 3, "width": 3,
                                         "kind": "conv"}
    assert layers["image_stage_4"]["tensor"] == "image_block_4_1"
    assert (layers["image_stage_1"]["channels"], layers["image_stage_1"]["height"]) == (32, 24)
    assert manifest["embedding"] == {"tensor": "image_embedding", "dimensions": 32}
    assert manifest["textEncoder"] == {"onnx": "text.onnx", "inputName": "tokens", "outputName": "text_embedding",
                                       "contextLength": 77, "vocabulary": "bpe_simple_vocab_16e6.txt.gz"}
    assert manifest["logitScale"] == pytest.approx(1 / 0.07, rel=1e-6)
    assert manifest["licence"] and manifest["source"] and manifest["description"]
    assert filecmp.cmp(os.path.join(out_dir, "bpe_simple_vocab_16e6.txt.gz"), vocabulary_path, shallow=False)
    graph_outputs = [output.name for output in onnx.load(os.path.join(out_dir, "image.onnx")).graph.output]
    assert {layer["tensor"] for layer in manifest["layers"]} <= set(graph_outputs)


def test_vit_manifest_describes_token_layers(tiny_exports):
    _, out_dir = tiny_exports["ViT-tiny"]
    with open(os.path.join(out_dir, "manifest.json")) as stream:
        manifest = json.load(stream)
    assert [layer["id"] for layer in manifest["layers"]] == ["image_resblock_1", "image_resblock_0"]
    for layer in manifest["layers"]:
        assert (layer["kind"], layer["tokenLayout"], layer["channels"], layer["height"], layer["width"]) == \
            ("tokens", "cls+grid", 128, 4, 4)
    outputs = {o.name: [d.dim_param or d.dim_value for d in o.type.tensor_type.shape.dim]
               for o in onnx.load(os.path.join(out_dir, "image.onnx")).graph.output}
    assert outputs["image_resblock_1"] == ["batch", 17, 128]


def test_graph_inputs_and_the_int32_argmax(tiny_exports):
    _, out_dir = tiny_exports["RN-tiny"]
    image = onnx.load(os.path.join(out_dir, "image.onnx")).graph
    text = onnx.load(os.path.join(out_dir, "text.onnx")).graph
    assert [(i.name, i.type.tensor_type.elem_type) for i in image.input] == [("image", TensorProto.FLOAT)]
    assert [d.dim_param or d.dim_value for d in image.input[0].type.tensor_type.shape.dim] == ["batch", 3, 96, 96]
    assert [(i.name, i.type.tensor_type.elem_type) for i in text.input] == [("tokens", TensorProto.INT64)]
    assert [d.dim_param or d.dim_value for d in text.input[0].type.tensor_type.shape.dim] == ["batch", 77]
    producers = {output: node for node in text.node for output in node.output}
    argmaxes = [node for node in text.node if node.op_type == "ArgMax"]
    assert len(argmaxes) == 1
    cast = producers[argmaxes[0].input[0]]
    assert cast.op_type == "Cast" and cast.attribute[0].i == TensorProto.INT32
    # BatchNorm is folded into the convolutions.
    assert "BatchNormalization" not in {node.op_type for node in image.node}


def test_image_size_override_resamples_the_positional_embedding(tmp_path):
    summary = export_clip(ExportOptions(out_dir=str(tmp_path), random_init="RN-tiny", image_size=128,
                                        with_text=False, batch=2))
    assert summary["ok"]
    assert summary["imageOutputs"]["image_block_4_1"] == ["batch", 256, 4, 4]
    assert any("resampling" in note for note in summary["notes"])
    with open(tmp_path / "manifest.json") as stream:
        manifest = json.load(stream)
    assert manifest["input"]["width"] == 128 and manifest["textEncoder"] is None
    assert not (tmp_path / "text.onnx").exists()


def test_missing_vocabulary_is_an_error_unless_no_text(tmp_path, monkeypatch):
    monkeypatch.setattr("clip_export.vocabulary.REPOSITORY_ROOT", str(tmp_path / "no-repository"))
    with pytest.raises(FileNotFoundError, match="--vocab"):
        export_clip(ExportOptions(out_dir=str(tmp_path), random_init="RN-tiny"))
