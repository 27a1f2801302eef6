"""The exported demo CLIP (float16 weights + Cast) against torch: image layers, pool, embedding and text embedding
within 1e-4 on fresh inputs at another batch size, run by clip_export's ONNX interpreter (or ONNX Runtime when
installed); the manifest is what the C# side expects. Uses a random backbone: no NuGet file needed."""
import json
import os

import onnx
import pytest
import torch
from onnx import TensorProto

from demo_clip.export import export_model, shipped_model
from demo_clip.model import CONFIG, build_model
from clip_export.onnx_export import ImageGraph, random_images, random_tokens
from clip_export.onnx_interpreter import OnnxInterpreter
from clip_export.verification import onnxruntime_available

TOLERANCE = 1e-4


def _relative_error(actual, expected) -> float:
    """Largest difference relative to the tensor's largest magnitude (at least 1): the inputs are scaled up, so the
    embedding reaches ~3000, where float32's spacing (2.4e-4) is already above an absolute 1e-4, and OpenBLAS and the
    interpreter sum the attention pool's products in different orders."""
    return float((actual - expected).abs().max()) / max(1.0, float(expected.abs().max()))
MAX_SHIPPED_BYTES = 80 * 1000 * 1000


def _run_onnx(path, feeds):
    if onnxruntime_available():
        import onnxruntime
        session = onnxruntime.InferenceSession(path, providers=["CPUExecutionProvider"])
        names = [output.name for output in session.get_outputs()]
        values = session.run(names, {k: v.numpy() for k, v in feeds.items()})
        return dict(zip(names, (torch.from_numpy(v) for v in values)))
    return OnnxInterpreter.load(path).run(feeds)


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    model = build_model(5, "random").eval()
    out_dir = str(tmp_path_factory.mktemp("demo-clip-export"))
    summary = export_model(model, out_dir, model_id="demo-clip-test", display_name="test", description="test",
                           licence="none", source="test")
    return model, out_dir, summary


def test_image_graph_matches_the_shipped_torch_model(exported):
    model, out_dir, _ = exported
    shipped = shipped_model(model)
    images = random_images(5, CONFIG.image_resolution, torch.Generator().manual_seed(11)) * 60
    graph = ImageGraph(shipped, images)
    with torch.no_grad():
        expected = dict(zip(graph.output_names, graph(images)))
    actual = _run_onnx(os.path.join(out_dir, "image.onnx"), {"image": images})
    assert sorted(actual) == sorted(expected)
    assert set(expected) >= {"image_embedding", "image_attnpool", "image_block_4_2", "image_stage_1"}
    for name, value in expected.items():
        assert actual[name].shape == value.shape, name
        assert _relative_error(actual[name], value) < TOLERANCE, name
    assert torch.equal(expected["image_attnpool"].reshape(5, -1), expected["image_embedding"])


def test_text_graph_matches_the_shipped_torch_model(exported):
    model, out_dir, _ = exported
    tokens = random_tokens(6, CONFIG.context_length, torch.Generator().manual_seed(12))
    with torch.no_grad():
        expected = shipped_model(model).encode_text(tokens)
    actual = _run_onnx(os.path.join(out_dir, "text.onnx"), {"tokens": tokens})["text_embedding"]
    assert actual.shape == (6, 256)
    assert _relative_error(actual, expected) < TOLERANCE


def test_float16_storage_changes_the_embeddings_only_slightly(exported):
    model, _, _ = exported
    images = random_images(4, CONFIG.image_resolution, torch.Generator().manual_seed(13)) * 60
    tokens = random_tokens(4, CONFIG.context_length, torch.Generator().manual_seed(14))
    shipped = shipped_model(model)
    with torch.no_grad():
        for original, stored in ((model.encode_image(images), shipped.encode_image(images)),
                                 (model.encode_text(tokens), shipped.encode_text(tokens))):
            cosine = torch.nn.functional.cosine_similarity(original, stored, dim=1)
            assert float(cosine.min()) > 0.999


def test_weights_are_stored_as_float16_and_bn_is_folded(exported):
    _, out_dir, summary = exported
    for name in ("image.onnx", "text.onnx"):
        graph = onnx.load(os.path.join(out_dir, name)).graph
        large = [init for init in graph.initializer if len(init.dims) and int(torch.tensor(list(init.dims)).prod()) >= 64]
        assert large and all(init.data_type == TensorProto.FLOAT16 for init in large), name
        assert "Cast" in {node.op_type for node in graph.node}
        assert "BatchNormalization" not in {node.op_type for node in graph.node}
    assert sum(summary["files"].values()) <= MAX_SHIPPED_BYTES


def test_manifest_lists_the_final_block_first_then_the_pool(exported):
    _, out_dir, _ = exported
    with open(os.path.join(out_dir, "manifest.json")) as stream:
        manifest = json.load(stream)
    layers = manifest["layers"]
    assert [layer["id"] for layer in layers[:2]] == ["image_block_4_2", "image_attnpool"]
    assert (layers[0]["channels"], layers[0]["height"], layers[0]["width"]) == (512, 3, 3)
    assert (layers[1]["channels"], layers[1]["height"], layers[1]["width"]) == (256, 1, 1)
    assert {layer["id"] for layer in layers} >= {"image_block_4_0", "image_block_4_1", "image_stage_1",
                                                 "image_stage_2", "image_stage_3", "image_stage_4"}
    assert manifest["input"] == {"name": "image", "width": 96, "height": 96, "channelOrder": "bgr"}
    assert manifest["preprocessing"]["mean"] == [0.404167, 0.454521, 0.482948]
    assert manifest["embedding"] == {"tensor": "image_embedding", "dimensions": 256}
    assert manifest["textEncoder"]["contextLength"] == 16
    assert manifest["textEncoder"]["vocabulary"] == "bpe_simple_vocab_16e6.txt.gz"
    assert os.path.isfile(os.path.join(out_dir, "bpe_simple_vocab_16e6.txt.gz"))
