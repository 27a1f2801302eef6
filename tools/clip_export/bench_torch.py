#!/usr/bin/python3
"""Times PyTorch on the same CLIP weights as an export, for comparison with ONNX Runtime.

    /usr/bin/python3 tools/clip_export/bench_torch.py --export-dir data/models/clip-rn50x4
    /usr/bin/python3 tools/clip_export/bench_torch.py --arch RN50x4 --seed 0

With --export-dir the architecture and weights come from its export-info.json: the same
random-init seed (bit-identical weights), or the same checkpoint when it is still there.
Measures the image forward (embedding plus every atlas layer, as image.onnx computes) at
batch 1 and 8, and text-embedding throughput; prints JSON, with the libblas.so.3 torch ran on (a reference
BLAS is no baseline: install Debian's libopenblas0-pthread) and where its convolutions ran (oneDNN).
"""

import argparse
import json
import os
import platform
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import torch  # noqa: E402

from clip_export.config import KNOWN_ARCHITECTURES, ClipConfig  # noqa: E402
from clip_export.exporter import EXPORT_INFO_FILE, ExportOptions, build_model  # noqa: E402
from clip_export.onnx_export import ImageGraph, random_images, random_tokens  # noqa: E402
from clip_export.random_init import random_model  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "demo_clip"))
from demo_clip.blas import blas_is_optimized, describe_blas, describe_convolutions  # noqa: E402


def _model_from_export(export_dir: str):
    with open(os.path.join(export_dir, EXPORT_INFO_FILE), encoding="utf-8") as stream:
        info = json.load(stream)
    config = ClipConfig.from_json(info["config"])
    checkpoint = info.get("checkpoint")
    if checkpoint and os.path.isfile(checkpoint):
        model, _, _ = build_model(ExportOptions(out_dir=export_dir, checkpoint=checkpoint,
                                                image_size=config.image_resolution, activation=config.activation))
        return model, f"checkpoint {checkpoint}"
    if checkpoint:
        raise FileNotFoundError(f"the export came from {checkpoint}, which is gone: pass --arch to time random weights")
    return random_model(config, info["seed"]), f"random weights, seed {info['seed']}"


def _time(function, repeats: int, warmup: int):
    for _ in range(warmup):
        function()
    seconds = []
    for _ in range(repeats):
        started = time.perf_counter()
        function()
        seconds.append(time.perf_counter() - started)
    return {"medianMs": round(1000 * statistics.median(seconds), 2), "meanMs": round(1000 * statistics.mean(seconds), 2),
            "minMs": round(1000 * min(seconds), 2), "repeats": repeats}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--export-dir", help="a folder written by clip_export (reads export-info.json)")
    source.add_argument("--arch", choices=list(KNOWN_ARCHITECTURES), help="random-init architecture")
    parser.add_argument("--seed", type=int, default=0, help="seed for --arch weights (default 0)")
    parser.add_argument("--threads", type=int, default=os.cpu_count() or 1, help="torch threads (default: all cores)")
    parser.add_argument("--repeats", type=int, default=10, help="timed runs per measurement (default 10)")
    parser.add_argument("--warmup", type=int, default=2, help="untimed runs first (default 2)")
    parser.add_argument("--image-batches", default="1,8", help="comma-separated image batch sizes (default 1,8)")
    parser.add_argument("--text-batch", type=int, default=32, help="texts per text forward (default 32)")
    arguments = parser.parse_args()

    torch.set_num_threads(max(1, arguments.threads))
    if arguments.export_dir:
        model, weights = _model_from_export(arguments.export_dir)
    else:
        model, weights = random_model(KNOWN_ARCHITECTURES[arguments.arch], arguments.seed), \
            f"random weights, seed {arguments.seed}"
    config = model.config
    generator = torch.Generator().manual_seed(0)
    no_grad = getattr(torch, "inference_mode", torch.no_grad)

    image_results = {}
    with no_grad():
        for batch in (int(side) for side in arguments.image_batches.split(",")):
            images = random_images(batch, config.image_resolution, generator)
            graph = ImageGraph(model, images[:1])
            timing = _time(lambda: graph(images), arguments.repeats, arguments.warmup)
            timing["imagesPerSecond"] = round(1000 * batch / timing["medianMs"], 2)
            image_results[f"batch{batch}"] = timing
        tokens = random_tokens(arguments.text_batch, config.context_length, generator)
        text = _time(lambda: model.encode_text(tokens), arguments.repeats, arguments.warmup)
        text["batch"] = arguments.text_batch
        text["textsPerSecond"] = round(1000 * arguments.text_batch / text["medianMs"], 2)

    print(json.dumps({
        "runtime": "pytorch", "torch": torch.__version__, "device": "cpu", "threads": torch.get_num_threads(),
        "cpu": platform.processor() or platform.machine(), "weights": weights,
        "blas": describe_blas(), "blasOptimized": blas_is_optimized(), "convolutions": describe_convolutions(),
        "imageResolution": config.image_resolution, "image": image_results, "text": text,
    }, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
