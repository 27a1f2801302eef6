"""Prints C# test cases (text literal plus the reference ids) for strings given as a JSON list.

Used to write tests/NeuronAtlas.Clip.Tests/Text/ClipTokenizerExpectedIdsTests.cs:
  /usr/bin/python3 tools/tokenizer_reference/print_csharp_cases.py --vocab PATH < strings.json
"""

import argparse
import json
import os
import sys
import unicodedata

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from reference_tokenizer import ReferenceTokenizer  # noqa: E402

VISIBLE_CATEGORIES = ("L", "N", "P", "S")


def csharp_literal(text):
    out = []
    for char in text:
        code = ord(char)
        if char in '"\\':
            out.append("\\" + char)
        elif 0x20 <= code < 0x7F:
            out.append(char)
        elif unicodedata.category(char)[0] in VISIBLE_CATEGORIES and unicodedata.category(char) != "Sk" or char == " ":
            out.append(char)
        elif code > 0xFFFF:
            out.append("\\U%08X" % code)
        else:
            out.append("\\u%04X" % code)
    return '"' + "".join(out) + '"'


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--vocab", required=True)
    args = parser.parse_args()
    tokenizer = ReferenceTokenizer(args.vocab)
    for text in json.load(sys.stdin):
        ids = ", ".join(str(i) for i in tokenizer.encode(text))
        print(f"        {{ {csharp_literal(text)}, [{ids}] }},")


if __name__ == "__main__":
    main()
