"""The command line, run as a user would: python3 -m clip_export and the launcher script."""

import json
import os
import subprocess
import sys

EXPORTER_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _run(arguments, cwd=EXPORTER_ROOT):
    return subprocess.run([sys.executable, *arguments], cwd=cwd, capture_output=True, text=True, timeout=300)


def test_help_documents_the_options():
    result = _run(["-m", "clip_export", "--help"])
    assert result.returncode == 0
    for option in ["--checkpoint", "--random-init", "--out", "--id", "--opset", "--vocab", "--image-size",
                   "--no-text", "--batch", "image_block_4_", "image_resblock_", "text_embedding"]:
        assert option in result.stdout, option


def test_launcher_exports_vit_tiny_at_opset_17_and_prints_a_json_summary(tmp_path, vocabulary_path):
    launcher = os.path.join(EXPORTER_ROOT, "export_clip.py")
    # No --vocab, run from elsewhere: the repository's copy is found relative to the script.
    result = _run([launcher, "--random-init", "ViT-tiny", "--out", str(tmp_path),
                   "--opset", "17", "--id", "vit-test", "--batch", "2", "--threads", "2"], cwd=str(tmp_path))
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert summary["ok"] and summary["id"] == "vit-test" and summary["opset"] == 17
    assert "LayerNormalization" in summary["verification"]["text"]["opTypes"]
    assert sorted(os.listdir(tmp_path)) == ["bpe_simple_vocab_16e6.txt.gz", "export-info.json", "image.onnx",
                                            "manifest.json", "text.onnx"]
    assert summary["vocabularySource"] == vocabulary_path


def test_unreadable_checkpoint_exits_2_with_a_message(tmp_path):
    result = _run(["-m", "clip_export", "--checkpoint", str(tmp_path / "missing.pt"), "--out", str(tmp_path)])
    assert result.returncode == 2
    assert "checkpoint not found" in result.stderr
