"""The torch ResNet18 reproduces the shipped ONNX graph at the demo CLIP's 96 px, and the random-backbone
structure (built without the file) has the graph's asymmetric pads. Needs the NuGet package's ONNX file, which
`dotnet restore` fetches (CI has it)."""
import os
import re

import pytest
import torch

from demo_clip.imagenet_resnet18 import DEFAULT_ONNX, LAYER4_OUTPUT, attributes, interpret_onnx, read_onnx
from demo_clip.model import CNTK_STEM_PADS, CNTK_STRIDED_PADS, build_model


@pytest.fixture(scope="module")
def resnet_graph():
    if not os.path.isfile(DEFAULT_ONNX):
        pytest.fail(f"{DEFAULT_ONNX} is missing: run `dotnet restore NeuronAtlas.sln` first")
    return read_onnx(DEFAULT_ONNX)


def test_image_tower_trunk_reproduces_the_onnx_graph_at_96_px(resnet_graph):
    graph, inits = resnet_graph
    tower = build_model(0, "imagenet").visual.eval()
    x = torch.randn(2, 3, 96, 96, generator=torch.Generator().manual_seed(0)) * 60
    with torch.no_grad():
        _, layers = tower.forward_with_layers(x)
        reference = interpret_onnx(graph, inits, x, LAYER4_OUTPUT)
    assert reference.shape == (2, 512, 3, 3) and float(reference.abs().max()) > 0
    error = float((layers["image_block_4_2"] - reference).abs().max()) / float(reference.abs().max())
    assert error < 1e-5


def test_random_backbone_has_the_graphs_pads(resnet_graph):
    graph, _ = resnet_graph
    asymmetric = [list(attributes(n)["pads"]) for n in graph.node if n.op_type in ("Conv", "MaxPool")
                  and list(attributes(n)["pads"][:2]) != list(attributes(n)["pads"][2:])]
    assert asymmetric[0] == CNTK_STEM_PADS and all(p == CNTK_STRIDED_PADS for p in asymmetric[1:])
    imagenet, random = build_model(0, "imagenet").visual, build_model(0, "random").visual
    # Same modules, pads included (BatchNorm eps differs only by the ONNX file's float32 rounding of 1e-5).
    assert re.sub(r"eps=[0-9.e-]+", "eps", repr(imagenet)) == re.sub(r"eps=[0-9.e-]+", "eps", repr(random))
    x = torch.zeros(1, 3, 96, 96)
    with torch.no_grad():
        assert {k: v.shape for k, v in imagenet.eval().forward_with_layers(x)[1].items()} == \
               {k: v.shape for k, v in random.eval().forward_with_layers(x)[1].items()}
