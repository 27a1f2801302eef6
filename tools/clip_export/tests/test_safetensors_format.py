"""The safetensors reader follows the format (checked on hand-built bytes) and round-trips."""

import json
import struct

import pytest
import torch

from clip_export.safetensors_format import SafetensorsFormatError, read_safetensors, write_safetensors


def _hand_built_file(path, header, data: bytes):
    header_bytes = json.dumps(header).encode()
    with open(path, "wb") as stream:
        stream.write(struct.pack("<Q", len(header_bytes)) + header_bytes + data)


def test_reads_hand_built_little_endian_file(tmp_path):
    path = str(tmp_path / "hand.safetensors")
    floats = struct.pack("<4f", 1.0, -2.5, 3.25, 0.0)
    halves = struct.pack("<2e", 0.5, -1.0)
    longs = struct.pack("<q", -7)
    bf16 = struct.pack("<H", 0x3FC0)  # 1.5 in bfloat16
    header = {
        "__metadata__": {"format": "pt"},
        "a": {"dtype": "F32", "shape": [2, 2], "data_offsets": [0, 16]},
        "b": {"dtype": "F16", "shape": [2], "data_offsets": [16, 20]},
        "c": {"dtype": "I64", "shape": [], "data_offsets": [20, 28]},
        "d": {"dtype": "BF16", "shape": [1], "data_offsets": [28, 30]},
    }
    _hand_built_file(path, header, floats + halves + longs + bf16)
    tensors = read_safetensors(path)
    assert sorted(tensors) == ["a", "b", "c", "d"]
    assert torch.equal(tensors["a"], torch.tensor([[1.0, -2.5], [3.25, 0.0]]))
    assert torch.equal(tensors["b"], torch.tensor([0.5, -1.0], dtype=torch.float16))
    assert tensors["c"].shape == () and int(tensors["c"]) == -7
    assert tensors["d"].dtype == torch.bfloat16 and float(tensors["d"][0]) == 1.5


def test_round_trip_keeps_names_dtypes_shapes_and_values(tmp_path):
    path = str(tmp_path / "round.safetensors")
    generator = torch.Generator().manual_seed(0)
    tensors = {
        "weight": torch.randn(3, 4, 5, generator=generator),
        "half": torch.randn(7, generator=generator).half(),
        "brain": torch.randn(2, 3, generator=generator).to(torch.bfloat16),
        "scalar": torch.tensor(4.0),
        "count": torch.tensor([1, 2, 3], dtype=torch.int64),
        "flags": torch.tensor([True, False]),
        "empty": torch.zeros(0, 4),
    }
    write_safetensors(path, tensors, metadata={"format": "pt"})
    with open(path, "rb") as stream:
        (header_length,) = struct.unpack("<Q", stream.read(8))
    assert header_length % 8 == 0
    loaded = read_safetensors(path)
    assert sorted(loaded) == sorted(tensors)
    for name, tensor in tensors.items():
        assert loaded[name].dtype == tensor.dtype, name
        assert torch.equal(loaded[name], tensor), name


def test_truncated_data_is_an_error(tmp_path):
    path = str(tmp_path / "short.safetensors")
    _hand_built_file(path, {"a": {"dtype": "F32", "shape": [4], "data_offsets": [0, 16]}}, b"\0" * 8)
    with pytest.raises(SafetensorsFormatError, match="'a' runs past the end"):
        read_safetensors(path)


def test_offsets_that_disagree_with_the_shape_are_an_error(tmp_path):
    path = str(tmp_path / "bad.safetensors")
    _hand_built_file(path, {"a": {"dtype": "F32", "shape": [4], "data_offsets": [0, 12]}}, b"\0" * 16)
    with pytest.raises(SafetensorsFormatError, match="needs 16"):
        read_safetensors(path)
