"""Checkpoints load strictly from every supported container: state dicts (plain, wrapped,
DDP-prefixed, fp16), TorchScript archives and safetensors."""

import pytest
import torch

from clip_export.checkpoint import (CheckpointMismatchError, is_torchscript_archive, load_strict,
                                    read_checkpoint)
from clip_export.clip_model import ClipModel
from clip_export.config import KNOWN_ARCHITECTURES
from clip_export.onnx_export import random_images, random_tokens
from clip_export.random_init import random_model
from clip_export.safetensors_format import write_safetensors

CONFIG = KNOWN_ARCHITECTURES["RN-tiny"]


@pytest.fixture(scope="module")
def source_model():
    return random_model(CONFIG, seed=11)


def _outputs(model):
    generator = torch.Generator().manual_seed(0)
    with torch.no_grad():
        return model.encode_image(random_images(2, CONFIG.image_resolution, generator)), \
            model.encode_text(random_tokens(2, CONFIG.context_length, generator))


def _assert_same_model(loaded_state_dict, source_model):
    model = ClipModel(CONFIG)
    assert load_strict(model, loaded_state_dict) == []
    for actual, expected in zip(_outputs(model.eval()), _outputs(source_model)):
        assert torch.equal(actual, expected)


def test_saved_state_dict_reloads_strictly_and_reproduces_outputs(tmp_path, source_model):
    path = str(tmp_path / "model.pt")
    torch.save(source_model.state_dict(), path)
    loaded = read_checkpoint(path)
    assert loaded.format == "state-dict"
    _assert_same_model(loaded.state_dict, source_model)


def test_open_clip_wrapper_and_module_prefix_are_unwrapped(tmp_path, source_model):
    path = str(tmp_path / "epoch_1.pt")
    wrapped = {"epoch": 1, "state_dict": {"module." + k: v for k, v in source_model.state_dict().items()}}
    torch.save(wrapped, path)
    loaded = read_checkpoint(path)
    assert any("module." in note for note in loaded.notes)
    _assert_same_model(loaded.state_dict, source_model)


def test_fp16_weights_are_loaded_as_fp32(tmp_path, source_model):
    path = str(tmp_path / "half.pt")
    torch.save({k: v.half() if v.is_floating_point() else v for k, v in source_model.state_dict().items()}, path)
    loaded = read_checkpoint(path)
    assert all(v.dtype == torch.float32 for v in loaded.state_dict.values() if v.is_floating_point())
    load_strict(ClipModel(CONFIG), loaded.state_dict)


def test_unexpected_key_is_an_error_naming_it(source_model):
    state_dict = dict(source_model.state_dict())
    state_dict["visual.layer9.0.conv1.weight"] = torch.zeros(1)
    with pytest.raises(CheckpointMismatchError, match=r"unexpected keys \(1\): visual\.layer9\.0\.conv1\.weight"):
        load_strict(ClipModel(CONFIG), state_dict)


def test_missing_key_is_an_error_naming_it(source_model):
    state_dict = dict(source_model.state_dict())
    del state_dict["visual.attnpool.q_proj.weight"]
    with pytest.raises(CheckpointMismatchError, match=r"missing keys \(1\): visual\.attnpool\.q_proj\.weight"):
        load_strict(ClipModel(CONFIG), state_dict)


def test_misshapen_tensor_is_an_error_naming_it(source_model):
    state_dict = dict(source_model.state_dict())
    state_dict["text_projection"] = torch.zeros(3, 3)
    with pytest.raises(CheckpointMismatchError, match=r"text_projection: checkpoint \(3, 3\)"):
        load_strict(ClipModel(CONFIG), state_dict)


def test_missing_batch_norm_counters_are_allowed_and_reported(source_model):
    state_dict = {k: v for k, v in source_model.state_dict().items() if not k.endswith("num_batches_tracked")}
    notes = load_strict(ClipModel(CONFIG), state_dict)
    assert len(notes) == 1 and "num_batches_tracked" in notes[0]


class _ArchiveLikeOpenAI(torch.nn.Module):
    """Holds a ClipModel's weights at the top level plus OpenAI's archive scalars, like their .pt files."""

    def __init__(self, model: ClipModel):
        super().__init__()
        for name, child in model.named_children():
            self.add_module(name, child)
        for name, parameter in model.named_parameters(recurse=False):
            self.register_parameter(name, parameter)
        self.register_buffer("input_resolution", torch.tensor(CONFIG.image_resolution))
        self.register_buffer("context_length", torch.tensor(CONFIG.context_length))
        self.register_buffer("vocab_size", torch.tensor(CONFIG.vocab_size))
        self.model = [model]  # a plain list keeps it out of the state dict

    def forward(self, image):
        return self.model[0].encode_image(image)


def test_torchscript_archive_loads_and_archive_scalars_are_dropped(tmp_path, source_model):
    path = str(tmp_path / "RN-tiny.pt")
    archive = torch.jit.trace(_ArchiveLikeOpenAI(source_model).eval(),
                              (torch.zeros(1, 3, CONFIG.image_resolution, CONFIG.image_resolution),))
    torch.jit.save(archive, path)
    assert is_torchscript_archive(path)
    loaded = read_checkpoint(path)
    assert loaded.format == "torchscript-archive"
    assert sum("archive scalar" in note for note in loaded.notes) == 3
    _assert_same_model(loaded.state_dict, source_model)


def test_safetensors_checkpoint_loads_strictly(tmp_path, source_model):
    path = str(tmp_path / "open_clip_model.safetensors")
    write_safetensors(path, source_model.state_dict(), metadata={"format": "pt"})
    loaded = read_checkpoint(path)
    assert loaded.format == "safetensors"
    _assert_same_model(loaded.state_dict, source_model)


def test_missing_file_is_reported():
    with pytest.raises(FileNotFoundError, match="no-such.pt"):
        read_checkpoint("/nonexistent/no-such.pt")
