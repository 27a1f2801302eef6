"""Finds and copies CLIP's BPE vocabulary (bpe_simple_vocab_16e6.txt.gz)."""

import gzip
import os
import shutil
from typing import Optional

from .manifest import VOCABULARY_FILE

# The tokenizer uses merges 1..48894 after the header line (49152 - 256 - 2).
MERGES_USED = 48894

# tools/clip_export/clip_export/vocabulary.py -> the repository root, three folders up.
REPOSITORY_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))


def repository_vocabulary() -> str:
    """data/clip/bpe_simple_vocab_16e6.txt.gz, the copy of openai/CLIP's vocabulary (MIT) the repository ships."""
    return os.path.join(REPOSITORY_ROOT, "data", "clip", VOCABULARY_FILE)


def check_vocabulary(path: str) -> None:
    """Raises unless `path` is a gzip text file with the header and at least the merges CLIP uses."""
    try:
        with gzip.open(path, "rt", encoding="utf-8") as stream:
            lines = sum(1 for _ in stream)
    except (OSError, UnicodeDecodeError) as error:
        raise ValueError(f"{path} is not a gzip'd BPE merge list: {error}") from error
    if lines < MERGES_USED + 1:
        raise ValueError(f"{path} has {lines} lines; CLIP's vocabulary needs a header and {MERGES_USED} merges")


def copy_vocabulary(explicit_path: Optional[str], out_dir: str) -> str:
    """Copies the vocabulary (`explicit_path`, else the repository's copy) into `out_dir`; returns where it came from."""
    source = explicit_path or repository_vocabulary()
    if not os.path.isfile(source):
        raise FileNotFoundError(
            f"no {VOCABULARY_FILE} at {source}: pass --vocab PATH, restore the repository's data/clip copy, "
            "or export without the text encoder (--no-text)")
    check_vocabulary(source)
    shutil.copyfile(source, os.path.join(out_dir, VOCABULARY_FILE))
    return source
