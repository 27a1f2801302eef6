#!/usr/bin/python3
"""PyTorch reference outputs for a clip_export folder, for checking NeuronAtlas's C# numbers.

    /usr/bin/python3 tools/clip_reference/reference_embeddings.py --export-dir DIR < request.json > reply.json

The request is JSON:
    {"tokens": [[77 ids], ...],                    # optional: text.onnx inputs
     "images": "path/to/images.f32", "count": N}   # optional: raw little-endian float32 [N,3,px,px],
                                                   # already preprocessed (what image.onnx takes)
The reply is JSON:
    {"weights": "...", "text": [[raw text embedding], ...],
     "image": [[raw image embedding], ...], "layerChannelMeans": {layer: [[mean over positions per channel], ...]}}

The model is rebuilt from the folder's export-info.json exactly as tools/clip_export/bench_torch.py does:
the same random-init seed gives bit-identical weights, or the same checkpoint is reloaded.
"""

import argparse
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "clip_export"))

import torch  # noqa: E402

from bench_torch import _model_from_export  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--export-dir", required=True, help="a folder written by tools/clip_export")
    parser.add_argument("--threads", type=int, default=os.cpu_count() or 1)
    arguments = parser.parse_args()
    torch.set_num_threads(max(1, arguments.threads))

    request = json.load(sys.stdin)
    model, weights = _model_from_export(arguments.export_dir)
    reply = {"weights": weights}
    with torch.no_grad():
        if request.get("tokens"):
            tokens = torch.tensor(request["tokens"], dtype=torch.int64)
            reply["text"] = model.encode_text(tokens).tolist()
        if request.get("images"):
            count = int(request["count"])
            resolution = model.config.image_resolution
            data = torch.from_file(request["images"], dtype=torch.float32, size=count * 3 * resolution * resolution)
            images = data.reshape(count, 3, resolution, resolution)
            embedding, layers = model.visual.forward_with_layers(images)
            reply["image"] = embedding.tolist()
            reply["layerChannelMeans"] = {
                name: value.flatten(2).mean(dim=2).tolist() for name, value in layers.items() if value.dim() == 4}
    json.dump(reply, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
