"""Command line: python3 -m clip_export (--checkpoint PATH | --random-init ARCH) --out DIR ..."""

import argparse
import json
import os
import sys
from typing import List, Optional

import torch

from .checkpoint import CheckpointMismatchError
from .config import KNOWN_ARCHITECTURES
from .exporter import ExportFailedError, ExportOptions, export_clip
from .onnx_export import DEFAULT_OPSET

DESCRIPTION = """\
Export an OpenAI-architecture CLIP model (ModifiedResNet RN50/RN101/RN50x4/RN50x16/RN50x64 or
ViT-B/32, ViT-B/16, ViT-L/14) to ONNX for NeuronAtlas. Writes into --out:
  image.onnx     input `image` [N,3,px,px] float32, (pixel/255 - mean)/std, RGB; outputs
                 `image_embedding` [N,embed] and the atlas layers: ResNets `image_block_4_<i>`
                 (every layer4 block) and `image_stage_1..3`; ViTs `image_resblock_<i>` [N,tokens,width]
  text.onnx      input `tokens` [N,77] int64, output `text_embedding` [N,embed]
  manifest.json  NeuronAtlas model manifest
  bpe_simple_vocab_16e6.txt.gz  the tokenizer vocabulary (from --vocab, default data/clip/ in the repository)
  export-info.json  the summary printed at the end (architecture, verification, notes)
At export the ONNX graphs are run on random inputs and compared with torch (ONNX Runtime when
installed, otherwise clip_export's ONNX interpreter plus torch.jit.trace); a mismatch exits 1."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python3 -m clip_export", description=DESCRIPTION,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--checkpoint", metavar="PATH",
                        help="OpenAI .pt (TorchScript archive or state dict), open_clip .pt/.bin state dict, "
                             "or .safetensors; loaded strictly")
    source.add_argument("--random-init", metavar="ARCH", choices=list(KNOWN_ARCHITECTURES),
                        help="export this architecture with seeded random weights: " + ", ".join(KNOWN_ARCHITECTURES))
    parser.add_argument("--out", metavar="DIR", required=True, help="output folder (created if missing)")
    parser.add_argument("--id", dest="model_id", help="manifest id (default clip-<arch>, e.g. clip-rn50x4)")
    parser.add_argument("--display-name", help="manifest displayName (default 'CLIP <arch>')")
    parser.add_argument("--description", help="manifest description")
    parser.add_argument("--licence", help="manifest licence text for the weights")
    parser.add_argument("--source", help="manifest source (where the weights came from)")
    parser.add_argument("--opset", type=int, default=DEFAULT_OPSET, help=f"ONNX opset (default {DEFAULT_OPSET})")
    parser.add_argument("--vocab", metavar="PATH",
                        help="bpe_simple_vocab_16e6.txt.gz to copy (default: the repository's data/clip copy)")
    parser.add_argument("--image-size", type=int, metavar="PX",
                        help="export at this input size (multiple of 32, or of the ViT patch); the positional "
                             "embedding is resampled bicubically, so outputs change")
    parser.add_argument("--no-text", action="store_true", help="skip text.onnx and the vocabulary")
    parser.add_argument("--batch", type=int, default=3, help="batch size of the export-time verification (default 3)")
    parser.add_argument("--seed", type=int, default=0, help="seed for --random-init weights and test inputs (default 0)")
    parser.add_argument("--activation", choices=["quickgelu", "gelu"], default="quickgelu",
                        help="transformer MLP activation: quickgelu for OpenAI weights (default), gelu for "
                             "open_clip models trained without QuickGELU")
    parser.add_argument("--allow-pickled-code", action="store_true",
                        help="let torch.load unpickle arbitrary objects (only for checkpoints you trust)")
    parser.add_argument("--threads", type=int, default=os.cpu_count() or 1,
                        help="torch CPU threads (default: all cores)")
    return parser


def main(argv: Optional[List[str]] = None) -> int:
    arguments = build_parser().parse_args(argv)
    torch.set_num_threads(max(1, arguments.threads))
    options = ExportOptions(
        out_dir=arguments.out, checkpoint=arguments.checkpoint, random_init=arguments.random_init,
        seed=arguments.seed, model_id=arguments.model_id, display_name=arguments.display_name,
        description=arguments.description, licence=arguments.licence, source=arguments.source,
        opset=arguments.opset, vocab=arguments.vocab, image_size=arguments.image_size,
        with_text=not arguments.no_text, batch=arguments.batch, activation=arguments.activation,
        allow_pickled_code=arguments.allow_pickled_code)
    try:
        summary = export_clip(options)
    except ExportFailedError as failure:
        print(json.dumps(failure.summary, indent=2))
        print(f"error: {failure}", file=sys.stderr)
        return 1
    except (CheckpointMismatchError, FileNotFoundError, ValueError, KeyError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(json.dumps(summary, indent=2))
    return 0
