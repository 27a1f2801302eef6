"""Checks an exported graph against the torch module it came from, on fresh random inputs.

With onnxruntime installed, ONNX Runtime runs the graph. Without it, clip_export's own
torch-backed ONNX interpreter runs the graph, and the module is also compared with its
torch.jit.trace; the report names which runtimes were used.
"""

import importlib.util
from typing import Dict, List, Mapping, Sequence

import onnx
import torch
from torch import nn

from .onnx_interpreter import OnnxInterpreter

# An output matches when max |onnx - torch| <= ABSOLUTE_TOLERANCE + RELATIVE_TOLERANCE * max |torch|.
ABSOLUTE_TOLERANCE = 1e-4
RELATIVE_TOLERANCE = 1e-5


def onnxruntime_available() -> bool:
    return importlib.util.find_spec("onnxruntime") is not None


def _run_onnxruntime(path: str, input_name: str, example: torch.Tensor) -> Dict[str, torch.Tensor]:
    import onnxruntime  # imported here: optional dependency

    session = onnxruntime.InferenceSession(path, providers=["CPUExecutionProvider"])
    names = [output.name for output in session.get_outputs()]
    values = session.run(names, {input_name: example.numpy()})
    return {name: torch.from_numpy(value) for name, value in zip(names, values)}


def _compare(reference: Mapping[str, torch.Tensor], candidate: Mapping[str, torch.Tensor]) -> Dict[str, Dict]:
    report = {}
    for name, expected in reference.items():
        if name not in candidate:
            raise ValueError(f"output '{name}' is missing from the exported graph's results")
        actual = candidate[name].to(expected.dtype)
        if tuple(actual.shape) != tuple(expected.shape):
            raise ValueError(f"output '{name}' has shape {tuple(actual.shape)}, torch gives {tuple(expected.shape)}")
        difference = float((actual - expected).abs().max()) if expected.numel() else 0.0
        scale = float(expected.abs().max()) if expected.numel() else 0.0
        report[name] = {"shape": list(expected.shape), "maxAbsDiff": difference, "maxAbsValue": scale,
                        "ok": difference <= ABSOLUTE_TOLERANCE + RELATIVE_TOLERANCE * scale}
    return report


def check_graph_outputs(path: str, expected_shapes: Mapping[str, Sequence[int]]) -> None:
    """onnx.checker plus: the graph's outputs are exactly `expected_shapes`' names with those
    shapes, the first dimension being the symbolic batch."""
    onnx.checker.check_model(path)
    graph = onnx.load(path, load_external_data=False).graph
    declared = {}
    for output in graph.output:
        dims = output.type.tensor_type.shape.dim
        declared[output.name] = [dims[0].dim_param] + [dim.dim_value for dim in dims[1:]]
    if list(declared) != list(expected_shapes):
        raise ValueError(f"graph outputs {list(declared)} differ from the expected {list(expected_shapes)}")
    for name, shape in expected_shapes.items():
        if declared[name] != ["batch"] + list(shape[1:]):
            raise ValueError(f"graph output '{name}' is declared {declared[name]}, expected ['batch'] + {list(shape[1:])}")


def verify_export(module: nn.Module, output_names: Sequence[str], path: str, input_name: str,
                  example: torch.Tensor) -> Dict[str, object]:
    """Runs the ONNX graph on `example` and reports, per runtime and output, the max abs difference."""
    with torch.no_grad():
        reference_values = module(example)
    if isinstance(reference_values, torch.Tensor):
        reference_values = (reference_values,)
    reference = dict(zip(output_names, reference_values))
    check_graph_outputs(path, {name: tuple(value.shape) for name, value in reference.items()})

    comparisons: Dict[str, Dict] = {}
    notes: List[str] = []
    if onnxruntime_available():
        comparisons["onnxruntime"] = _compare(reference, _run_onnxruntime(path, input_name, example))
    else:
        notes.append("onnxruntime is not installed: the ONNX graph was run by clip_export's torch-backed "
                     "ONNX interpreter, and the module was also compared with its torch.jit.trace")
        comparisons["onnx-interpreter"] = _compare(reference, OnnxInterpreter.load(path).run({input_name: example}))
        with torch.no_grad():
            traced = torch.jit.trace(module, (example,), check_trace=False)
            traced_values = traced(example)
        if isinstance(traced_values, torch.Tensor):
            traced_values = (traced_values,)
        comparisons["torch.jit.trace"] = _compare(reference, dict(zip(output_names, traced_values)))

    return {
        "batch": int(example.shape[0]),
        "runtimes": comparisons,
        "ok": all(entry["ok"] for outputs in comparisons.values() for entry in outputs.values()),
        "tolerance": f"maxAbsDiff <= {ABSOLUTE_TOLERANCE} + {RELATIVE_TOLERANCE} * maxAbsValue",
        "notes": notes,
    }
