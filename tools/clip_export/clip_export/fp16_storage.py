"""Stores an ONNX graph's float weights as float16, each followed by a Cast back to float32.

The file shrinks by half while every operator still computes in float32. The conversion is exact
only for weights that are already float16 values (see `round_to_float16`); callers verify the
rewritten graph against the rounded torch model.
"""

import onnx
import torch
from onnx import TensorProto, helper, numpy_helper
from torch import nn

# Initializers smaller than this stay float32: scalars and tiny vectors gain nothing.
MIN_ELEMENTS = 64


def round_to_float16(module: nn.Module) -> nn.Module:
    """Rounds every float parameter and buffer of `module` to the nearest float16 value, in place."""
    with torch.no_grad():
        for tensor in list(module.parameters()) + list(module.buffers()):
            if tensor.is_floating_point():
                tensor.copy_(tensor.half().float())
    return module


def store_weights_as_float16(path: str) -> int:
    """Rewrites `path` in place; returns how many initializers were converted."""
    model = onnx.load(path)
    graph = model.graph
    converted = []
    for initializer in graph.initializer:
        if initializer.data_type != TensorProto.FLOAT:
            continue
        values = numpy_helper.to_array(initializer)
        if values.size < MIN_ELEMENTS:
            continue
        name = initializer.name
        half = numpy_helper.from_array(values.astype("float16"), name + "_fp16")
        initializer.CopyFrom(half)
        converted.append(helper.make_node("Cast", [name + "_fp16"], [name], to=TensorProto.FLOAT,
                                          name=name + "_to_fp32"))
    nodes = converted + list(graph.node)
    del graph.node[:]
    graph.node.extend(nodes)
    # Graph inputs named like initializers (older exporters list them) would shadow the casts.
    kept_inputs = [i for i in graph.input if i.name not in {node.output[0] for node in converted}]
    del graph.input[:]
    graph.input.extend(kept_inputs)
    onnx.checker.check_model(model)
    onnx.save(model, path)
    return len(converted)
