"""The training smoke test: the tool end to end on the fixture's 12 concepts (36 pictures, 40 rendered words): the
loss falls in both phases, the model folder and report are written, and a resumed run continues the same run.
Starts from the ImageNet ResNet18, so it needs the NuGet file `dotnet restore` fetches (CI has it)."""
import json
import os

import pytest
import torch
from PIL import Image

from demo_clip.cli import main
from demo_clip.imagenet_resnet18 import DEFAULT_ONNX

STEPS = 24


def _arguments(tiny_data, out, cache, steps, *extra):
    return ["--steps", str(steps), "--minutes", "0", "--batch-scale", "0.25", "--phase-a-fraction", "0.5", "--warmup-steps", "3",
            "--concepts", tiny_data["concepts"], "--unseen", tiny_data["unseen"], "--words", tiny_data["words"],
            "--out", str(out), "--cache", str(cache), "--no-baselines", *extra]


@pytest.fixture(scope="module")
def trained(tiny_data, tmp_path_factory):
    if not os.path.isfile(DEFAULT_ONNX):
        pytest.fail(f"{DEFAULT_ONNX} is missing: run `dotnet restore NeuronAtlas.sln` first")
    root = tmp_path_factory.mktemp("trained")
    assert main(_arguments(tiny_data, root / "model", root / "cache", STEPS)) == 0
    return root


def _mean(values):
    return sum(values) / len(values)


def test_loss_falls_in_both_phases(trained):
    history = torch.load(trained / "cache" / "checkpoint.pt")["state"]["history"]
    assert len(history) == STEPS
    for phase in ("A", "B"):
        losses = [entry["loss"] for entry in history if entry["phase"] == phase]
        assert len(losses) >= 8, phase
        assert _mean(losses[-4:]) < _mean(losses[:4]) - 0.1, (phase, losses)


def test_model_folder_holds_the_contracts_files(trained, tiny_data):
    out = trained / "model"
    for name in ("image.onnx", "text.onnx", "manifest.json", "bpe_simple_vocab_16e6.txt.gz", "prompts.txt",
                 "concepts.txt", "unseen-words.txt", "training-report.md", "loss-curve.png"):
        assert (out / name).is_file(), name
    assert (out / "concepts.txt").read_text().split("\n")[:12] == tiny_data["labels"]
    prompts = (out / "prompts.txt").read_text().splitlines()
    assert prompts and all("{}" in line for line in prompts)
    assert json.loads((out / "manifest.json").read_text())["id"] == "demo-clip"
    report = (out / "training-report.md").read_text()
    assert "steps: 24" in report and "sha256" in report and "loss-curve.png" in report
    with Image.open(out / "loss-curve.png") as curve:
        assert curve.size == (640, 320)
    assert (trained / "cache" / "weights.pt").is_file()


def test_unseen_words_are_not_trained(trained, tiny_data):
    report = (trained / "model" / "training-report.md").read_text()
    # 12 concepts x 2 fonts x 2 cases rendered; the 2 unseen concepts' 8 words are dropped.
    assert '"words": 40' in report and '"pictures": 36' in report


def test_resume_continues_the_same_run(tiny_data, tmp_path):
    straight, split = tmp_path / "straight", tmp_path / "split"
    assert main(_arguments(tiny_data, straight / "model", straight / "cache", 4)) == 0
    assert main(_arguments(tiny_data, split / "model", split / "cache", 4, "--stop-after", "2")) == 0
    assert not (split / "cache" / "weights.pt").exists()
    assert main(_arguments(tiny_data, split / "model", split / "cache", 4, "--resume")) == 0
    a = torch.load(straight / "cache" / "weights.pt")
    b = torch.load(split / "cache" / "weights.pt")
    for name in a:
        assert torch.allclose(a[name].float(), b[name].float(), atol=1e-5), name
