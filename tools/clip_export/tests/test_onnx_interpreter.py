"""The fallback ONNX interpreter refuses what it cannot run faithfully, naming it."""

import pytest
import torch
from onnx import TensorProto, helper

from clip_export.onnx_interpreter import OnnxInterpreter, UnsupportedOperatorError


def _single_node_model(op_type, input_type, **attributes):
    node = helper.make_node(op_type, ["x"], ["y"], **attributes)
    graph = helper.make_graph([node], "g", [helper.make_tensor_value_info("x", input_type, [2, 3])],
                              [helper.make_tensor_value_info("y", TensorProto.INT64, [2])])
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 14)])


def test_unknown_operator_is_named():
    with pytest.raises(UnsupportedOperatorError, match="NonMaxSuppression"):
        OnnxInterpreter(_single_node_model("NonMaxSuppression", TensorProto.FLOAT))


def test_argmax_over_int64_is_rejected_like_onnx_runtime():
    interpreter = OnnxInterpreter(_single_node_model("ArgMax", TensorProto.INT64, axis=1, keepdims=0))
    with pytest.raises(TypeError, match="int32"):
        interpreter.run({"x": torch.tensor([[1, 5, 2], [7, 0, 7]])})


def test_argmax_over_int32_picks_the_first_maximum():
    interpreter = OnnxInterpreter(_single_node_model("ArgMax", TensorProto.INT32, axis=1, keepdims=0))
    result = interpreter.run({"x": torch.tensor([[1, 5, 2], [7, 0, 7]], dtype=torch.int32)})["y"]
    assert result.tolist() == [1, 0]
