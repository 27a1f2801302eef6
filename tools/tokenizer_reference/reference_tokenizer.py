"""Reference CLIP tokenizer used to establish the ids NeuronAtlas's C# tokenizer must produce.

It follows the published structure of openai/CLIP's clip/simple_tokenizer.py
(bytes_to_unicode, get_pairs, basic_clean, whitespace_clean, SimpleTokenizer.bpe,
encode, decode) and clip.tokenize, written anew. ftfy is not available, so
basic_clean uses ftfy_subset.fix_text (see that module for what it covers).

Needs Debian's python3-regex: run with /usr/bin/python3.

Usage (JSON in on stdin, JSON out on stdout):
  reference_tokenizer.py --vocab bpe_simple_vocab_16e6.txt.gz encode      < ["text", ...]
  reference_tokenizer.py --vocab ... tokenize [--context-length 77] [--no-truncate] < ["text", ...]
  reference_tokenizer.py --vocab ... decode                               < [[ids], ...]
  reference_tokenizer.py --vocab ... clean                                < ["text", ...]
"""

import argparse
import gzip
import html
import json
import os
import sys

import regex

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ftfy_subset  # noqa: E402

START_OF_TEXT = "<|startoftext|>"
END_OF_TEXT = "<|endoftext|>"
MERGE_COUNT = 49152 - 256 - 2


def bytes_to_unicode():
    printable = (list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1))
                 + list(range(ord("®"), ord("ÿ") + 1)))
    byte_values = printable[:]
    code_points = printable[:]
    shift = 0
    for byte in range(256):
        if byte not in byte_values:
            byte_values.append(byte)
            code_points.append(256 + shift)
            shift += 1
    return dict(zip(byte_values, [chr(code) for code in code_points]))


def get_pairs(word):
    return set(zip(word, word[1:]))


def basic_clean(text):
    text = ftfy_subset.fix_text(text)
    text = html.unescape(html.unescape(text))
    return text.strip()


def whitespace_clean(text):
    return regex.sub(r"\s+", " ", text).strip()


class ReferenceTokenizer:
    def __init__(self, vocabulary_path):
        self.byte_encoder = bytes_to_unicode()
        self.byte_decoder = {char: byte for byte, char in self.byte_encoder.items()}
        lines = gzip.open(vocabulary_path).read().decode("utf-8").split("\n")
        merges = [tuple(line.split()) for line in lines[1:MERGE_COUNT + 1]]
        vocabulary = list(self.byte_encoder.values())
        vocabulary += [char + "</w>" for char in vocabulary]
        vocabulary += ["".join(merge) for merge in merges]
        vocabulary += [START_OF_TEXT, END_OF_TEXT]
        self.encoder = dict(zip(vocabulary, range(len(vocabulary))))
        self.decoder = {index: token for token, index in self.encoder.items()}
        self.merge_ranks = dict(zip(merges, range(len(merges))))
        self.cache = {START_OF_TEXT: START_OF_TEXT, END_OF_TEXT: END_OF_TEXT}
        self.pattern = regex.compile(
            r"""<\|startoftext\|>|<\|endoftext\|>|'s|'t|'re|'ve|'m|'ll|'d|[\p{L}]+|[\p{N}]|[^\s\p{L}\p{N}]+""",
            regex.IGNORECASE)

    def bpe(self, token):
        if token in self.cache:
            return self.cache[token]
        word = tuple(token[:-1]) + (token[-1] + "</w>",)
        pairs = get_pairs(word)
        if not pairs:
            return token + "</w>"
        while True:
            bigram = min(pairs, key=lambda pair: self.merge_ranks.get(pair, float("inf")))
            if bigram not in self.merge_ranks:
                break
            first, second = bigram
            merged = []
            i = 0
            while i < len(word):
                if word[i] == first and i < len(word) - 1 and word[i + 1] == second:
                    merged.append(first + second)
                    i += 2
                else:
                    merged.append(word[i])
                    i += 1
            word = tuple(merged)
            if len(word) == 1:
                break
            pairs = get_pairs(word)
        result = " ".join(word)
        self.cache[token] = result
        return result

    def clean(self, text):
        return whitespace_clean(basic_clean(text)).lower()

    def encode(self, text):
        ids = []
        for token in self.pattern.findall(self.clean(text)):
            token = "".join(self.byte_encoder[byte] for byte in token.encode("utf-8"))
            ids.extend(self.encoder[piece] for piece in self.bpe(token).split(" "))
        return ids

    def decode(self, ids):
        text = "".join(self.decoder[index] for index in ids)
        raw = bytearray(self.byte_decoder[char] for char in text)
        return raw.decode("utf-8", errors="replace").replace("</w>", " ")

    def tokenize(self, text, context_length=77, truncate=True):
        """clip.tokenize for one text, as a list of context_length ids."""
        ids = [self.encoder[START_OF_TEXT]] + self.encode(text) + [self.encoder[END_OF_TEXT]]
        if len(ids) > context_length:
            if not truncate:
                raise ValueError(f"Input {text} is too long for context length {context_length}")
            ids = ids[:context_length]
            ids[-1] = self.encoder[END_OF_TEXT]
        return ids + [0] * (context_length - len(ids))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--vocab", required=True, help="path to bpe_simple_vocab_16e6.txt.gz")
    parser.add_argument("mode", choices=["encode", "tokenize", "decode", "clean"])
    parser.add_argument("--context-length", type=int, default=77)
    parser.add_argument("--no-truncate", action="store_true")
    args = parser.parse_args()

    tokenizer = ReferenceTokenizer(args.vocab)
    items = json.load(sys.stdin)
    if args.mode == "encode":
        result = [tokenizer.encode(text) for text in items]
    elif args.mode == "tokenize":
        result = [tokenizer.tokenize(text, args.context_length, not args.no_truncate) for text in items]
    elif args.mode == "decode":
        result = [tokenizer.decode(ids) for ids in items]
    else:
        result = [tokenizer.clean(text) for text in items]
    json.dump(result, sys.stdout, ensure_ascii=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
