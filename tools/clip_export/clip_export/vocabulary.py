"""Finds and copies CLIP's BPE vocabulary (bpe_simple_vocab_16e6.txt.gz)."""

import gzip
import importlib.util
import os
import shutil
from typing import Optional

from .manifest import VOCABULARY_FILE

# The tokenizer uses merges 1..48894 after the header line (49152 - 256 - 2).
MERGES_USED = 48894


def installed_vocabulary() -> Optional[str]:
    """The vocabulary shipped inside an installed `clip` or `open_clip` package, if any."""
    for package in ("clip", "open_clip"):
        try:
            spec = importlib.util.find_spec(package)
        except (ImportError, ValueError):
            continue
        for folder in (spec.submodule_search_locations or []) if spec else []:
            candidate = os.path.join(folder, VOCABULARY_FILE)
            if os.path.isfile(candidate):
                return candidate
    return None


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
    """Copies the vocabulary into `out_dir`; returns where it came from."""
    source = explicit_path or installed_vocabulary()
    if source is None:
        raise FileNotFoundError(
            f"no {VOCABULARY_FILE} found: install OpenAI's `clip` or `open_clip` package, "
            "pass --vocab PATH, or export without the text encoder (--no-text)")
    check_vocabulary(source)
    shutil.copyfile(source, os.path.join(out_dir, VOCABULARY_FILE))
    return source
