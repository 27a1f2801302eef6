"""Writes CLIP's image and text towers as ONNX graphs with the exporter of the running torch.

The legacy (TorchScript-tracing) exporter is used on every torch version: it exists from
1.13 through 2.x, folds BatchNorm into convolutions in eval mode and keeps our output names.
"""

import inspect
from collections import OrderedDict
from typing import List, Mapping, Sequence, Tuple

import onnx
import torch
from torch import nn

from .clip_model import ClipModel

DEFAULT_OPSET = 14
IMAGE_INPUT = "image"
IMAGE_EMBEDDING = "image_embedding"
TEXT_INPUT = "tokens"
TEXT_EMBEDDING = "text_embedding"
START_OF_TEXT = 49406
END_OF_TEXT = 49407


class ImageGraph(nn.Module):
    """image [N, 3, px, px] -> (image_embedding, then every atlas layer).

    Built from one example batch, whose forward pass fixes the output order and records each
    output's shape (`output_shapes`)."""

    def __init__(self, model: ClipModel, example: torch.Tensor):
        super().__init__()
        self.visual = model.visual
        with torch.no_grad():
            embedding, layers = self.visual.forward_with_layers(example)
        self.layer_names: List[str] = list(layers)
        self.output_shapes: "OrderedDict[str, Tuple[int, ...]]" = OrderedDict(
            [(IMAGE_EMBEDDING, tuple(embedding.shape))] + [(name, tuple(v.shape)) for name, v in layers.items()])

    @property
    def output_names(self) -> List[str]:
        return list(self.output_shapes)

    def forward(self, image: torch.Tensor) -> Tuple[torch.Tensor, ...]:
        embedding, layers = self.visual.forward_with_layers(image)
        return (embedding,) + tuple(layers[name] for name in self.layer_names)


class TextGraph(nn.Module):
    """tokens [N, context] int64 -> text_embedding [N, embed]."""

    output_names = [TEXT_EMBEDDING]

    def __init__(self, model: ClipModel):
        super().__init__()
        self.model = model

    def forward(self, tokens: torch.Tensor) -> torch.Tensor:
        return self.model.encode_text(tokens)


def random_images(batch: int, resolution: int, generator: torch.Generator) -> torch.Tensor:
    """Inputs in the preprocessed range: roughly unit-variance values per channel."""
    return torch.randn(batch, 3, resolution, resolution, generator=generator)


def random_tokens(batch: int, context_length: int, generator: torch.Generator) -> torch.Tensor:
    """Token rows like the tokenizer's: start, random BPE ids, end, zero padding; lengths vary."""
    tokens = torch.zeros(batch, context_length, dtype=torch.int64)
    for row in range(batch):
        length = int(torch.randint(0, context_length - 1, (1,), generator=generator))
        tokens[row, 0] = START_OF_TEXT
        tokens[row, 1:1 + length] = torch.randint(1, START_OF_TEXT, (length,), generator=generator)
        tokens[row, 1 + length] = END_OF_TEXT
    return tokens


def export_graph(module: nn.Module, example: torch.Tensor, path: str, input_name: str,
                 output_names: Sequence[str], opset: int) -> None:
    """Exports `module` with a dynamic batch dimension on the input and every output."""
    arguments = dict(
        input_names=[input_name],
        output_names=list(output_names),
        dynamic_axes={name: {0: "batch"} for name in [input_name, *output_names]},
        opset_version=opset,
        do_constant_folding=True,
    )
    if "dynamo" in inspect.signature(torch.onnx.export).parameters:
        arguments["dynamo"] = False  # torch >= 2.5: keep the tracing exporter
    module.eval()
    with torch.no_grad():
        torch.onnx.export(module, (example,), path, **arguments)


def declare_output_shapes(path: str, shapes: Mapping[str, Sequence[int]]) -> bool:
    """Writes ['batch', static dims...] into the graph's output types where the exporter's own
    shape inference lost them (it does after the ViT's batch-inferring reshapes).
    Returns whether the file was rewritten."""
    model = onnx.load(path)
    changed = False
    for output in model.graph.output:
        wanted = ["batch"] + [int(side) for side in shapes[output.name][1:]]
        dims = output.type.tensor_type.shape.dim
        current = [dims[0].dim_param] + [dim.dim_value if dim.HasField("dim_value") else None for dim in dims[1:]]
        if current == wanted:
            continue
        del dims[:]
        for index, side in enumerate(wanted):
            dim = dims.add()
            if index == 0:
                dim.dim_param = side
            else:
                dim.dim_value = side
        changed = True
    if changed:
        onnx.save(model, path)
    return changed
