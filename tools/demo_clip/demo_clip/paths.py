"""Repository locations the training tool reads and writes, and the sibling tools it imports."""
import os
import sys

# tools/demo_clip/demo_clip/paths.py -> the repository root, three folders up.
REPOSITORY_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
TOOLS = os.path.join(REPOSITORY_ROOT, "tools")

EMOJI_DATASET = os.path.join(REPOSITORY_ROOT, "data", "datasets", "emoji")
MODEL_DIR = os.path.join(REPOSITORY_ROOT, "data", "models", "demo-clip")
TRAIN_WORDS = os.path.join(REPOSITORY_ROOT, "data", "cache", "demo-clip", "words-train")
CACHE_DIR = os.path.join(REPOSITORY_ROOT, "data", "cache", "demo-clip")
BASELINES_DIR = os.path.join(CACHE_DIR, "baselines")
VOCABULARY = os.path.join(REPOSITORY_ROOT, "data", "clip", "bpe_simple_vocab_16e6.txt.gz")

# clip_export (model parts, export, manifest) and the reference tokenizer have one home each; import them there.
for folder in (os.path.join(TOOLS, "clip_export"), os.path.join(TOOLS, "tokenizer_reference")):
    if folder not in sys.path:
        sys.path.insert(0, folder)
