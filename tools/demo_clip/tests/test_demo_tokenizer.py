"""The tokenizer the trainer uses (tools/tokenizer_reference) gives the ids the C# tokenizer is tested against,
so training and the app tokenize captions alike; and context-16 rows are truncated as clip.tokenize does."""
import os
import re

from demo_clip import paths
from demo_clip.captions import TEMPLATES, caption_tokens
from reference_tokenizer import ReferenceTokenizer

CSHARP_CASES = os.path.join(paths.REPOSITORY_ROOT, "tests", "NeuronAtlas.Clip.Tests", "Text",
                            "ClipTokenizerExpectedIdsTests.cs")
# `{ "text", [ids] },` rows without C# escapes (those need C#'s string rules to read).
CASE = re.compile(r'^\s*\{ "([^"\\]*)", \[([0-9, ]*)\] \},\s*$')


def _csharp_cases():
    with open(CSHARP_CASES, encoding="utf-8") as stream:
        matches = [CASE.match(line) for line in stream]
    return [(m.group(1), [int(v) for v in m.group(2).split(",") if v.strip()]) for m in matches if m]


def test_reference_tokenizer_agrees_with_the_csharp_expected_ids():
    cases = _csharp_cases()
    assert len(cases) >= 20
    tokenizer = ReferenceTokenizer(paths.VOCABULARY)
    for text, ids in cases:
        assert tokenizer.encode(text) == ids, text


def test_caption_rows_have_start_end_and_padding_in_16_tokens():
    tokenizer = ReferenceTokenizer(paths.VOCABULARY)
    rows = caption_tokens(tokenizer, ["cat", "a very long label " * 5], 16)
    assert rows.shape == (2, len(TEMPLATES), 16)
    cat = rows[0, TEMPLATES.index("{}")].tolist()
    assert cat[:3] == [49406, 2368, 49407] and cat[3:] == [0] * 13  # "cat" is 2368 in every CLIP example
    long_row = rows[1, 0].tolist()
    assert long_row[0] == 49406 and long_row[-1] == 49407 and 0 not in long_row
