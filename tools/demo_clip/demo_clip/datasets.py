"""Pictures and rendered words as uint8 tensors in memory, read from datasets in the emoji format
(images.zip of JPEGs + labels.csv `file,label,concept,style,source[,text]`)."""
import csv
import hashlib
import io
import os
import zipfile
from dataclasses import dataclass
from typing import Iterable, List, Optional, Sequence

import numpy as np
import torch
from PIL import Image

# Never trained on: the held-out picture style, and the held-out word fonts (data/fonts/README.md).
HELD_OUT_PICTURE_STYLE = "openmoji-line"
HELD_OUT_WORD_STYLES = ("word-DejaVuSansCondensed", "word-FreeSerif", "word-LiberationMono-Regular",
                        "word-LiberationSans-Bold")


@dataclass
class ImageSet:
    """images [N, 3, size, size] uint8 RGB; concepts [N] int64 indices into the concept list."""

    images: torch.Tensor
    concepts: torch.Tensor
    styles: List[str]
    digest: str  # sha256 over the labels rows and image bytes read

    def __len__(self) -> int:
        return int(self.concepts.shape[0])


def read_lines(path: str) -> List[str]:
    with open(path, encoding="utf-8") as stream:
        return [line.strip() for line in stream if line.strip()]


def load_image_set(folder: str, concepts: Sequence[str], size: int, *, exclude_styles: Iterable[str] = (),
                   exclude_concepts: Iterable[str] = (), limit_per_concept: Optional[int] = None) -> ImageSet:
    """Rows of `folder`'s labels.csv whose label is one of `concepts`, decoded and resized (bicubic) to `size`."""
    index = {label: i for i, label in enumerate(concepts)}
    excluded_styles, excluded_concepts = set(exclude_styles), set(exclude_concepts)
    with open(os.path.join(folder, "labels.csv"), encoding="utf-8", newline="") as stream:
        rows = [row for row in csv.DictReader(stream)
                if row["label"] in index and row["style"] not in excluded_styles
                and row["label"] not in excluded_concepts]
    if limit_per_concept is not None:
        seen = {}
        rows = [row for row in rows if seen.setdefault(row["label"], []).append(row) or
                len(seen[row["label"]]) <= limit_per_concept]
    if not rows:
        raise ValueError(f"{folder} has no images of the {len(concepts)} concepts (after exclusions)")
    digest = hashlib.sha256()
    images = np.empty((len(rows), size, size, 3), dtype=np.uint8)
    with zipfile.ZipFile(os.path.join(folder, "images.zip")) as archive:
        for i, row in enumerate(rows):
            data = archive.read(row["file"])
            digest.update(",".join(row.values()).encode("utf-8"))
            digest.update(data)
            with Image.open(io.BytesIO(data)) as image:
                picture = image.convert("RGB")
                if picture.size != (size, size):
                    picture = picture.resize((size, size), Image.BICUBIC)
                images[i] = np.asarray(picture)
    return ImageSet(images=torch.from_numpy(images).permute(0, 3, 1, 2).contiguous(),
                    concepts=torch.tensor([index[row["label"]] for row in rows], dtype=torch.int64),
                    styles=[row["style"] for row in rows], digest=digest.hexdigest())
