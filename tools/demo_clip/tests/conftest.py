"""Test set-up: import path, 2 threads, and a tiny data set made in the fixture: a few concepts chosen by the
contract's rules from the emoji dataset, and their words rendered with PIL in two system fonts. The fixture's
words stand in for the data engineer's word datasets; none of this is written into data/."""
import csv
import glob
import io
import os
import re
import sys
import zipfile

import pytest

TOOL_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, TOOL_ROOT)

try:
    import onnx  # noqa: F401
    import torch
    from PIL import Image, ImageDraw, ImageFont
except ImportError as missing:
    pytest.exit(f"demo_clip tests need PyTorch, ONNX and PIL for Python: apt-get install -y python3-torch "
                f"python3-torchvision python3-onnx python3-pil python3-regex ({missing})", returncode=1)

from demo_clip import paths  # noqa: E402
from demo_clip.datasets import HELD_OUT_WORD_STYLES  # noqa: E402

torch.set_num_threads(2)

TINY_CONCEPTS = 12
FONT_COUNT = 2
WORD_SIZE = 128
LABEL_PATTERN = re.compile(r"^[A-Za-z-]+( [A-Za-z-]+)?$")
EXCLUDED_WORDS = {"man", "woman", "person", "men", "women", "people"}


def choose_concepts(count: int):
    """The first `count` labels (file order) that follow the contract's rules: 1-2 words of letters and hyphens,
    no man/woman/person variants, all 4 styles present, no word longer than 2 letters shared with another."""
    styles = {}
    with open(os.path.join(paths.EMOJI_DATASET, "labels.csv"), encoding="utf-8", newline="") as stream:
        for row in csv.DictReader(stream):
            styles.setdefault(row["label"], set()).add(row["style"])
    chosen, used_words = [], set()
    for label, label_styles in styles.items():
        words = {w.lower() for w in label.split()}
        if (LABEL_PATTERN.match(label) and len(label_styles) == 4 and not words & EXCLUDED_WORDS
                and not {w for w in words if len(w) > 2} & used_words):
            chosen.append(label)
            used_words |= {w for w in words if len(w) > 2}
            if len(chosen) == count:
                break
    return chosen


def training_fonts(count: int):
    held_out = {style[len("word-"):] for style in HELD_OUT_WORD_STYLES}
    fonts = [path for path in sorted(glob.glob("/usr/share/fonts/truetype/**/*.ttf", recursive=True))
             if os.path.splitext(os.path.basename(path))[0] not in held_out]
    if len(fonts) < count:
        pytest.fail(f"the word fixture needs {count} TrueType fonts under /usr/share/fonts/truetype "
                    "(apt-get install -y fonts-dejavu-core fonts-freefont-ttf)")
    return fonts[:count]


def render_word_dataset(folder: str, concepts, fonts):
    """Each label in each font and 2 letter cases, black on white, 128 px JPEGs, in the word dataset format."""
    os.makedirs(folder, exist_ok=True)
    rows = []
    with zipfile.ZipFile(os.path.join(folder, "images.zip"), "w") as archive:
        for ci, label in enumerate(concepts):
            for font_path in fonts:
                stem = os.path.splitext(os.path.basename(font_path))[0]
                for case, text in (("lower", label.lower()), ("upper", label.upper())):
                    font = ImageFont.truetype(font_path, 20)
                    image = Image.new("RGB", (WORD_SIZE, WORD_SIZE), "white")
                    draw = ImageDraw.Draw(image)
                    left, top, right, bottom = draw.textbbox((0, 0), text, font=font)
                    draw.text(((WORD_SIZE - right + left) / 2 - left, (WORD_SIZE - bottom + top) / 2 - top), text,
                              font=font, fill="black")
                    name = f"{ci:03d}-{stem}-{case}.jpg"
                    buffer = io.BytesIO()
                    image.save(buffer, "JPEG", quality=90)
                    archive.writestr(name, buffer.getvalue())
                    rows.append({"file": name, "label": label, "concept": f"c{ci}", "style": f"word-{stem}",
                                 "source": "test fixture", "text": text})
    with open(os.path.join(folder, "labels.csv"), "w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=["file", "label", "concept", "style", "source", "text"])
        writer.writeheader()
        writer.writerows(rows)


@pytest.fixture(scope="session")
def tiny_data(tmp_path_factory):
    """{concepts, unseen (files), words (folder), labels}: 12 concepts, the last 2 with unseen words."""
    root = tmp_path_factory.mktemp("tiny-data")
    concepts = choose_concepts(TINY_CONCEPTS)
    assert len(concepts) == TINY_CONCEPTS
    (root / "concepts.txt").write_text("\n".join(concepts) + "\n", encoding="utf-8")
    (root / "unseen-words.txt").write_text("\n".join(concepts[-2:]) + "\n", encoding="utf-8")
    render_word_dataset(str(root / "words"), concepts, training_fonts(FONT_COUNT))
    return {"concepts": str(root / "concepts.txt"), "unseen": str(root / "unseen-words.txt"),
            "words": str(root / "words"), "labels": concepts}
