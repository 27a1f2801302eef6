"""Shared test set-up: import path, thread count, the vocabulary and small exported models."""

import os
import sys

import pytest

EXPORTER_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, EXPORTER_ROOT)

try:
    import onnx  # noqa: F401
    import torch
except ImportError as missing:
    pytest.exit(f"clip_export tests need PyTorch and ONNX for Python: apt-get install -y python3-torch "
                f"python3-onnx (Debian), or pip install torch onnx ({missing})", returncode=1)

torch.set_num_threads(max(1, os.cpu_count() or 1))

@pytest.fixture(scope="session")
def vocabulary_path() -> str:
    """The repository's copy of CLIP's vocabulary, which the exporter copies by default."""
    from clip_export.vocabulary import repository_vocabulary

    path = repository_vocabulary()
    if not os.path.isfile(path):
        pytest.fail(f"CLIP's bpe_simple_vocab_16e6.txt.gz is missing from the repository at {path} (restore it with git)")
    return path


@pytest.fixture(scope="session")
def tiny_exports(tmp_path_factory, vocabulary_path):
    """RN-tiny and ViT-tiny exported once for the session: {arch: (summary, out_dir)}."""
    from clip_export.exporter import ExportOptions, export_clip

    exports = {}
    for architecture in ("RN-tiny", "ViT-tiny"):
        out_dir = str(tmp_path_factory.mktemp(architecture))
        summary = export_clip(ExportOptions(out_dir=out_dir, random_init=architecture, seed=3, batch=3))
        exports[architecture] = (summary, out_dir)
    return exports
