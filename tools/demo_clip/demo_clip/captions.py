"""Caption templates shared by pictures and words of a concept, tokenized with CLIP's BPE tokenizer."""
from typing import List, Sequence

import torch

from . import paths  # noqa: F401  (puts tools/tokenizer_reference on the import path)
from reference_tokenizer import ReferenceTokenizer

# Written to the model folder as prompts.txt; the C# zero-shot prompts use the same list.
TEMPLATES = [
    "{}",
    "a {}",
    "a drawing of a {}",
    "an emoji of a {}",
    "an icon of a {}",
    "a picture of a {}",
    "the word {}",
    "a sign that says {}",
]


def caption_tokens(tokenizer: ReferenceTokenizer, concepts: Sequence[str], context_length: int,
                   templates: Sequence[str] = TEMPLATES) -> torch.Tensor:
    """[concepts, templates, context] int64 token ids."""
    rows: List[List[List[int]]] = [[tokenizer.tokenize(template.format(label), context_length) for template in templates]
                                   for label in concepts]
    return torch.tensor(rows, dtype=torch.int64)
