"""Reads and writes the .safetensors format without the safetensors package.

Layout: an 8-byte little-endian header length, a JSON header mapping each tensor name to
{"dtype", "shape", "data_offsets": [begin, end]} (offsets into the byte buffer that follows
the header; an optional "__metadata__" entry holds strings), then the raw little-endian data.
"""

import json
import struct
from typing import Dict, Mapping, Optional

import numpy as np
import torch

# safetensors dtype -> (little-endian numpy dtype to read the bytes as, torch dtype of the tensor)
_DTYPES = {
    "F64": ("<f8", torch.float64),
    "F32": ("<f4", torch.float32),
    "F16": ("<f2", torch.float16),
    "BF16": ("<i2", torch.bfloat16),  # no numpy bfloat16: read the bits as int16, then reinterpret
    "I64": ("<i8", torch.int64),
    "I32": ("<i4", torch.int32),
    "I16": ("<i2", torch.int16),
    "I8": ("i1", torch.int8),
    "U8": ("u1", torch.uint8),
    "BOOL": ("?", torch.bool),
}
_NAMES_BY_TORCH_DTYPE = {torch_dtype: name for name, (_, torch_dtype) in _DTYPES.items()}


class SafetensorsFormatError(ValueError):
    pass


def read_safetensors(path: str) -> Dict[str, torch.Tensor]:
    with open(path, "rb") as stream:
        prefix = stream.read(8)
        if len(prefix) != 8:
            raise SafetensorsFormatError(f"{path}: too short to be a safetensors file")
        (header_length,) = struct.unpack("<Q", prefix)
        header_bytes = stream.read(header_length)
        if len(header_bytes) != header_length:
            raise SafetensorsFormatError(f"{path}: header length {header_length} runs past the end of the file")
        try:
            header = json.loads(header_bytes.decode("utf-8"))
        except ValueError as error:
            raise SafetensorsFormatError(f"{path}: header is not JSON ({error})") from error
        data_start = 8 + header_length
        tensors = {}
        for name, entry in header.items():
            if name == "__metadata__":
                continue
            tensors[name] = _read_tensor(stream, path, name, entry, data_start)
        return tensors


def _read_tensor(stream, path: str, name: str, entry: Mapping, data_start: int) -> torch.Tensor:
    dtype_name = entry.get("dtype")
    if dtype_name not in _DTYPES:
        raise SafetensorsFormatError(f"{path}: tensor '{name}' has unsupported dtype {dtype_name!r}")
    numpy_dtype, torch_dtype = _DTYPES[dtype_name]
    shape = [int(side) for side in entry["shape"]]
    begin, end = (int(offset) for offset in entry["data_offsets"])
    expected = int(np.prod(shape, dtype=np.int64)) * np.dtype(numpy_dtype).itemsize
    if end - begin != expected:
        raise SafetensorsFormatError(
            f"{path}: tensor '{name}' spans {end - begin} bytes but {dtype_name}{shape} needs {expected}")
    buffer = bytearray(expected)
    stream.seek(data_start + begin)
    if stream.readinto(buffer) != expected:
        raise SafetensorsFormatError(f"{path}: tensor '{name}' runs past the end of the file")
    array = np.frombuffer(buffer, dtype=numpy_dtype).reshape(shape)
    # Convert to native byte order (a no-op on little-endian hosts) before handing to torch.
    tensor = torch.from_numpy(array.astype(array.dtype.newbyteorder("="), copy=False))
    return tensor.view(torch.bfloat16) if torch_dtype == torch.bfloat16 else tensor


def write_safetensors(path: str, tensors: Mapping[str, torch.Tensor],
                      metadata: Optional[Mapping[str, str]] = None) -> None:
    header: Dict[str, object] = {}
    if metadata:
        header["__metadata__"] = dict(metadata)
    blobs = []
    offset = 0
    for name in sorted(tensors):
        tensor = tensors[name].detach().cpu().contiguous()
        if tensor.dtype not in _NAMES_BY_TORCH_DTYPE:
            raise SafetensorsFormatError(f"tensor '{name}' has unsupported dtype {tensor.dtype}")
        dtype_name = _NAMES_BY_TORCH_DTYPE[tensor.dtype]
        numpy_dtype = _DTYPES[dtype_name][0]
        bits = tensor.view(torch.int16) if tensor.dtype == torch.bfloat16 else tensor
        blob = bits.numpy().astype(numpy_dtype, copy=False).tobytes()
        header[name] = {"dtype": dtype_name, "shape": list(tensor.shape),
                        "data_offsets": [offset, offset + len(blob)]}
        blobs.append(blob)
        offset += len(blob)
    header_bytes = json.dumps(header, separators=(",", ":")).encode("utf-8")
    header_bytes += b" " * (-len(header_bytes) % 8)  # pad so the data starts 8-byte aligned
    with open(path, "wb") as stream:
        stream.write(struct.pack("<Q", len(header_bytes)))
        stream.write(header_bytes)
        for blob in blobs:
            stream.write(blob)
