"""A small ONNX evaluator backed by torch operators, for checking exports where no ONNX runtime
is installed (Debian has no onnxruntime for Python, and onnx 1.12 has no reference evaluator).

It runs the exported graph itself, node by node (folded BatchNorm, constant-folded weights,
explicit Pad/AveragePool pairs), so it catches export mistakes that re-running the torch
module could not. It covers the operators CLIP exports use; any other operator is an error
that names it.
"""

from typing import Callable, Dict, List, Mapping, Optional

import numpy as np
import onnx
import torch
from onnx import helper, numpy_helper
from torch.nn import functional as F

_TORCH_DTYPES = {
    onnx.TensorProto.FLOAT: torch.float32, onnx.TensorProto.DOUBLE: torch.float64,
    onnx.TensorProto.FLOAT16: torch.float16, onnx.TensorProto.INT64: torch.int64,
    onnx.TensorProto.INT32: torch.int32, onnx.TensorProto.INT8: torch.int8,
    onnx.TensorProto.UINT8: torch.uint8, onnx.TensorProto.BOOL: torch.bool,
}


class UnsupportedOperatorError(NotImplementedError):
    pass


def _tensor(proto: onnx.TensorProto) -> torch.Tensor:
    return torch.from_numpy(np.array(numpy_helper.to_array(proto)))


def _ints(tensor: Optional[torch.Tensor]) -> List[int]:
    return [] if tensor is None else [int(v) for v in tensor.reshape(-1).tolist()]


def _symmetric_padding(pads: List[int], rank: int, op: str) -> List[int]:
    begins, ends = pads[:rank], pads[rank:]
    if begins != ends:
        raise UnsupportedOperatorError(f"{op} with asymmetric pads {pads}")
    return begins


def _conv(inputs, a):
    x, weight = inputs[0], inputs[1]
    bias = inputs[2] if len(inputs) > 2 else None
    rank = weight.dim() - 2
    padding = _symmetric_padding(a.get("pads", [0] * 2 * rank), rank, "Conv")
    convolution = {1: F.conv1d, 2: F.conv2d, 3: F.conv3d}[rank]
    return convolution(x, weight, bias, a.get("strides", [1] * rank), padding,
                       a.get("dilations", [1] * rank), a.get("group", 1))


def _max_pool(inputs, a):
    kernel = a["kernel_shape"]
    padding = _symmetric_padding(a.get("pads", [0] * 2 * len(kernel)), len(kernel), "MaxPool")
    return F.max_pool2d(inputs[0], kernel, a.get("strides", [1] * len(kernel)), padding,
                        a.get("dilations", [1] * len(kernel)), bool(a.get("ceil_mode", 0)))


def _average_pool(inputs, a):
    kernel = a["kernel_shape"]
    padding = _symmetric_padding(a.get("pads", [0] * 2 * len(kernel)), len(kernel), "AveragePool")
    return F.avg_pool2d(inputs[0], kernel, a.get("strides", [1] * len(kernel)), padding,
                        bool(a.get("ceil_mode", 0)), bool(a.get("count_include_pad", 0)))


def _pad(inputs, a):
    x = inputs[0]
    pads = _ints(inputs[1]) if len(inputs) > 1 else a["pads"]
    value = float(inputs[2]) if len(inputs) > 2 and inputs[2] is not None else 0.0
    rank = x.dim()
    torch_pads: List[int] = []
    for dim in reversed(range(rank)):  # torch lists (begin, end) pairs from the last dim
        torch_pads += [pads[dim], pads[dim + rank]]
    mode = a.get("mode", b"constant").decode()
    mode = {"edge": "replicate"}.get(mode, mode)
    return F.pad(x, torch_pads, mode=mode, value=value) if mode == "constant" else F.pad(x, torch_pads, mode=mode)


def _reshape(inputs, a):
    x, shape = inputs[0], _ints(inputs[1])
    if not a.get("allowzero", 0):
        shape = [x.shape[i] if side == 0 else side for i, side in enumerate(shape)]
    return x.reshape(shape)


def _slice(inputs, a):
    x = inputs[0]
    starts, ends = _ints(inputs[1]), _ints(inputs[2])
    axes = _ints(inputs[3]) if len(inputs) > 3 and inputs[3] is not None else list(range(len(starts)))
    steps = _ints(inputs[4]) if len(inputs) > 4 and inputs[4] is not None else [1] * len(starts)
    index = [slice(None)] * x.dim()
    for start, end, axis, step in zip(starts, ends, axes, steps):
        if step == 0:
            raise UnsupportedOperatorError("Slice with step 0")
        size = x.shape[axis]
        if step < 0:  # ONNX: negative indices count from the end; start clamps to [0, size-1], end to [-1, size-1]
            start = min(max(start + size if start < 0 else start, 0), size - 1)
            end = min(max(end + size if end < 0 else end, -1), size - 1)
            x = x.index_select(axis, torch.tensor(list(range(start, end, step)), dtype=torch.int64))
            continue
        index[axis] = slice(max(-size, min(start, size)), max(-size, min(end, size)), step)
    return x[tuple(index)]


def _reduce_mean(inputs, a):
    axes = a.get("axes") or (_ints(inputs[1]) if len(inputs) > 1 else list(range(inputs[0].dim())))
    return inputs[0].mean(dim=axes, keepdim=bool(a.get("keepdims", 1)))


def _gemm(inputs, a):
    left = inputs[0].t() if a.get("transA", 0) else inputs[0]
    right = inputs[1].t() if a.get("transB", 0) else inputs[1]
    out = a.get("alpha", 1.0) * (left @ right)
    return out + a.get("beta", 1.0) * inputs[2] if len(inputs) > 2 and inputs[2] is not None else out


def _gather(inputs, a):
    data, indices = inputs[0], inputs[1].long()
    axis = a.get("axis", 0) % data.dim()
    picked = data.movedim(axis, 0)[indices]
    return picked.movedim(list(range(indices.dim())), list(range(axis, axis + indices.dim())))


def _unsqueeze(inputs, a):
    x = inputs[0]
    axes = a.get("axes") or _ints(inputs[1])
    rank = x.dim() + len(axes)
    for axis in sorted(axis % rank for axis in axes):
        x = x.unsqueeze(axis)
    return x


def _squeeze(inputs, a):
    x = inputs[0]
    axes = a.get("axes") or (_ints(inputs[1]) if len(inputs) > 1 else [d for d, s in enumerate(x.shape) if s == 1])
    for axis in sorted((axis % x.dim() for axis in axes), reverse=True):
        x = x.squeeze(axis)
    return x


def _arg_max(inputs, a):
    if a.get("select_last_index", 0):
        raise UnsupportedOperatorError("ArgMax with select_last_index=1")
    if inputs[0].dtype == torch.int64:
        raise TypeError("ArgMax on int64 input: ONNX Runtime rejects this; cast to int32 first")
    return inputs[0].argmax(dim=a.get("axis", 0), keepdim=bool(a.get("keepdims", 1)))


def _layer_normalization(inputs, a):
    axis = a.get("axis", -1) % inputs[0].dim()
    shape = inputs[0].shape[axis:]
    bias = inputs[2] if len(inputs) > 2 else None
    return F.layer_norm(inputs[0], shape, inputs[1], bias, a.get("epsilon", 1e-5))


def _shape(inputs, a):
    dims = list(inputs[0].shape)
    return torch.tensor(dims[a.get("start", 0):a.get("end", len(dims))], dtype=torch.int64)


def _constant_of_shape(inputs, a):
    value = _tensor(a["value"]) if "value" in a else torch.zeros(1)
    return value.reshape(-1)[0].expand(_ints(inputs[0])).clone()


def _split(inputs, a):
    axis = a.get("axis", 0)
    sizes = _ints(inputs[1]) if len(inputs) > 1 and inputs[1] is not None else a.get("split")
    if sizes is None:
        raise UnsupportedOperatorError("Split without explicit sizes")
    return list(torch.split(inputs[0], sizes, dim=axis))


_OPERATORS: Dict[str, Callable] = {
    "Conv": _conv, "AveragePool": _average_pool, "MaxPool": _max_pool, "Pad": _pad, "Reshape": _reshape, "Slice": _slice,
    "ReduceMean": _reduce_mean, "Gemm": _gemm, "Gather": _gather, "Unsqueeze": _unsqueeze,
    "Squeeze": _squeeze, "ArgMax": _arg_max, "LayerNormalization": _layer_normalization,
    "Shape": _shape, "ConstantOfShape": _constant_of_shape, "Split": _split,
    "Relu": lambda i, a: torch.relu(i[0]), "Sigmoid": lambda i, a: torch.sigmoid(i[0]),
    "Sqrt": lambda i, a: torch.sqrt(i[0]), "Erf": lambda i, a: torch.erf(i[0]),
    "Tanh": lambda i, a: torch.tanh(i[0]), "Neg": lambda i, a: -i[0], "Identity": lambda i, a: i[0],
    "Add": lambda i, a: i[0] + i[1], "Sub": lambda i, a: i[0] - i[1], "Mul": lambda i, a: i[0] * i[1],
    "Div": lambda i, a: i[0] / i[1] if i[0].is_floating_point() else torch.div(i[0], i[1], rounding_mode="trunc"),
    "Pow": lambda i, a: torch.pow(i[0], i[1]), "MatMul": lambda i, a: torch.matmul(i[0], i[1]),
    "Equal": lambda i, a: torch.eq(i[0], i[1]), "Where": lambda i, a: torch.where(i[0], i[1], i[2]),
    "Transpose": lambda i, a: i[0].permute(a.get("perm", list(reversed(range(i[0].dim()))))),
    "Concat": lambda i, a: torch.cat(i, dim=a["axis"]),
    "Softmax": lambda i, a: torch.softmax(i[0], dim=a.get("axis", -1)),
    "Flatten": lambda i, a: i[0].reshape(int(np.prod(i[0].shape[:a.get("axis", 1)])), -1),
    "Cast": lambda i, a: i[0].to(_TORCH_DTYPES[a["to"]]),
    "Expand": lambda i, a: i[0].expand(torch.broadcast_shapes(i[0].shape, tuple(_ints(i[1])))),
    "Constant": lambda i, a: _tensor(a["value"]) if "value" in a else torch.tensor(
        a.get("value_float", a.get("value_int"))),
}


def _attributes(node: onnx.NodeProto) -> Dict[str, object]:
    return {attribute.name: helper.get_attribute_value(attribute) for attribute in node.attribute}


class OnnxInterpreter:
    """Evaluates a loaded ONNX model on torch tensors; `run` returns every graph output."""

    def __init__(self, model: onnx.ModelProto):
        self.graph = model.graph
        self.initializers = {proto.name: _tensor(proto) for proto in self.graph.initializer}
        unsupported = sorted({node.op_type for node in self.graph.node} - set(_OPERATORS))
        if unsupported:
            raise UnsupportedOperatorError(f"the interpreter lacks ONNX operators: {', '.join(unsupported)}")

    @staticmethod
    def load(path: str) -> "OnnxInterpreter":
        return OnnxInterpreter(onnx.load(path))

    def run(self, feeds: Mapping[str, torch.Tensor]) -> Dict[str, torch.Tensor]:
        values: Dict[str, torch.Tensor] = dict(self.initializers)
        values.update(feeds)
        with torch.no_grad():
            for node in self.graph.node:
                inputs = [values[name] if name else None for name in node.input]
                result = _OPERATORS[node.op_type](inputs, _attributes(node))
                results = result if isinstance(result, list) else [result]
                for name, value in zip(node.output, results):
                    values[name] = value
        return {output.name: values[output.name] for output in self.graph.output}
