"""Loads CLIP weights from OpenAI .pt files (TorchScript archives or state dicts), open_clip
state dicts (.pt/.bin) and .safetensors files, and loads them strictly into a ClipModel."""

import inspect
import os
import zipfile
from dataclasses import dataclass, field
from typing import Dict, List, Mapping

import torch

from .clip_model import ClipModel
from .safetensors_format import read_safetensors

# OpenAI's TorchScript archives carry these scalars next to the weights; they are not parameters.
ARCHIVE_SCALARS = ("input_resolution", "context_length", "vocab_size")
# Buffers derived from the configuration (the causal attention mask, our token positions).
# TorchScript archives can list them even when they were registered as non-persistent.
DERIVED_BUFFERS = ("attn_mask", "token_positions")


class CheckpointMismatchError(ValueError):
    """The checkpoint's keys or shapes differ from the model's."""


@dataclass
class LoadedCheckpoint:
    state_dict: Dict[str, torch.Tensor]
    format: str  # "torchscript-archive", "state-dict" or "safetensors"
    notes: List[str] = field(default_factory=list)


def is_torchscript_archive(path: str) -> bool:
    """TorchScript archives are zip files with a code/ folder; torch.save zips have none."""
    if not zipfile.is_zipfile(path):
        return False
    with zipfile.ZipFile(path) as archive:
        return any(name.split("/")[1:2] == ["code"] for name in archive.namelist())


def _torch_load(path: str, allow_pickled_code: bool):
    kwargs = {"map_location": "cpu"}
    if "weights_only" in inspect.signature(torch.load).parameters:
        kwargs["weights_only"] = not allow_pickled_code
    try:
        return torch.load(path, **kwargs)
    except Exception as error:  # torch raises several types for refused or broken pickles
        hint = "" if allow_pickled_code else (
            " If you trust this file, --allow-pickled-code lets torch unpickle arbitrary objects.")
        raise ValueError(f"could not load {path} with torch.load: {error}.{hint}") from error


def _unwrap(loaded, path: str) -> Mapping[str, torch.Tensor]:
    if isinstance(loaded, torch.nn.Module):
        return loaded.state_dict()
    if isinstance(loaded, Mapping) and isinstance(loaded.get("state_dict"), Mapping):
        return loaded["state_dict"]  # open_clip training checkpoints
    if isinstance(loaded, Mapping):
        return loaded
    raise ValueError(f"{path} holds a {type(loaded).__name__}, not a state dict")


def _normalize(state_dict: Mapping[str, torch.Tensor], notes: List[str]) -> Dict[str, torch.Tensor]:
    normalized: Dict[str, torch.Tensor] = {}
    stripped = 0
    for key, value in state_dict.items():
        if key.startswith("module."):  # saved from DistributedDataParallel
            key = key[len("module."):]
            stripped += 1
        if key in ARCHIVE_SCALARS:
            notes.append(f"ignored archive scalar '{key}'")
            continue
        if key.rsplit(".", 1)[-1] in DERIVED_BUFFERS:
            notes.append(f"ignored derived buffer '{key}' (rebuilt from the configuration)")
            continue
        if not isinstance(value, torch.Tensor):
            raise ValueError(f"checkpoint entry '{key}' is a {type(value).__name__}, not a tensor")
        # OpenAI ships fp16 weights; export and verification run in fp32.
        normalized[key] = value.float() if value.is_floating_point() else value
    if stripped:
        notes.append(f"stripped 'module.' from {stripped} keys")
    return normalized


def read_checkpoint(path: str, allow_pickled_code: bool = False) -> LoadedCheckpoint:
    if not os.path.isfile(path):
        raise FileNotFoundError(f"checkpoint not found: {path}")
    notes: List[str] = []
    if path.endswith(".safetensors"):
        raw, kind = read_safetensors(path), "safetensors"
    elif is_torchscript_archive(path):
        raw, kind = torch.jit.load(path, map_location="cpu").state_dict(), "torchscript-archive"
    else:
        raw, kind = _unwrap(_torch_load(path, allow_pickled_code), path), "state-dict"
    return LoadedCheckpoint(_normalize(raw, notes), kind, notes)


def load_strict(model: ClipModel, state_dict: Mapping[str, torch.Tensor]) -> List[str]:
    """Loads every weight; any missing, unexpected or misshapen key is an error naming it.

    The one allowance: BatchNorm's `num_batches_tracked` counters (unused in eval mode) may
    be absent, since some conversions drop them. Returns notes on such allowances.
    """
    expected = model.state_dict()
    missing = sorted(set(expected) - set(state_dict))
    counters = [key for key in missing if key.endswith(".num_batches_tracked")]
    missing = [key for key in missing if not key.endswith(".num_batches_tracked")]
    unexpected = sorted(set(state_dict) - set(expected))
    misshapen = sorted(
        f"{key}: checkpoint {tuple(state_dict[key].shape)} vs model {tuple(expected[key].shape)}"
        for key in set(state_dict) & set(expected) if state_dict[key].shape != expected[key].shape)
    problems = []
    if missing:
        problems.append(f"missing keys ({len(missing)}): {', '.join(missing)}")
    if unexpected:
        problems.append(f"unexpected keys ({len(unexpected)}): {', '.join(unexpected)}")
    if misshapen:
        problems.append(f"shape mismatches ({len(misshapen)}): {'; '.join(misshapen)}")
    if problems:
        raise CheckpointMismatchError("checkpoint does not match the model: " + " | ".join(problems))

    complete = dict(state_dict)
    for key in counters:
        complete[key] = torch.zeros((), dtype=torch.long)
    model.load_state_dict(complete, strict=True)
    return [f"checkpoint has no BatchNorm num_batches_tracked counters ({len(counters)}); set to 0"] if counters else []
