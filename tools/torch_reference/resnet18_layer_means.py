#!/usr/bin/python3
"""ResNet18 layer means computed independently of NeuronAtlas: PIL preprocessing and a PyTorch model.

For each image, for each layer of the manifest: the mean over positions of every channel. The preprocessing follows
the manifest with PIL (composite on white, resize the short side, centre crop, round to 8 bits, (pixel/255 - mean)/std,
channel order);
the model is torchvision's ResNet with the ONNX file's weights (tools/demo_clip/demo_clip/imagenet_resnet18.py builds it), and
each exposed stage output is checked against a direct torch interpretation of the ONNX graph before it is used.

Usage: resnet18_layer_means.py --manifest data/models/resnet18/manifest.json --onnx PATH
           [--input-out PATH] [--tensor PATH] [IMAGE...]
Prints JSON: {"layers": {layer id: [[channel mean, ...] per image]}, "tensorLayers": the same for --tensor}.
--input-out writes PIL's model input, float32 [N, 3, H, W] little-endian; --tensor reads another such input (for
example NeuronAtlas's preprocessing of the same images) and runs the model on it as well.
Needs Debian's python3-torch, python3-torchvision, python3-onnx and python3-pil.
"""
import argparse
import json
import os
import sys

import numpy as np
import onnx
import torch
from onnx import numpy_helper
from PIL import Image

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "demo_clip"))
from demo_clip.imagenet_resnet18 import interpret_onnx, load_resnet18  # noqa: E402

RESAMPLING = {"bilinear": Image.BILINEAR, "bicubic": Image.BICUBIC}
# torchvision's stages, in the order of the manifest's stage outputs.
STAGES = ["layer1", "layer2", "layer3", "layer4"]


def preprocess(path, manifest):
    """The manifest's preprocessing with PIL: a float32 [3, crop, crop] tensor in the model's channel order."""
    p = manifest["preprocessing"]
    with Image.open(path) as opened:
        image = opened.convert("RGBA")
    on_white = Image.new("RGBA", image.size, (255, 255, 255, 255))
    on_white.alpha_composite(image)
    image = on_white.convert("RGB")
    scale = p["resize"] / min(image.size)
    width = max(p["crop"], round(image.width * scale))
    height = max(p["crop"], round(image.height * scale))
    # Each channel is resized as a 32-bit float plane and rounded to 8 bits once: Pillow's 8-bit resize rounds between
    # its horizontal and vertical passes, which moves pixels by a level and layer4's means by up to 1 %.
    left, top = (width - p["crop"]) // 2, (height - p["crop"]) // 2
    planes = [channel.convert("F").resize((width, height), RESAMPLING[p.get("resizeMode", "bilinear")])
              .crop((left, top, left + p["crop"], top + p["crop"])) for channel in image.split()]
    rgb = np.clip(np.round(np.stack([np.asarray(plane) for plane in planes], axis=-1)), 0, 255) / 255.0  # [H, W, 3], RGB
    if manifest["input"].get("channelOrder", "rgb").lower() == "bgr":
        rgb = rgb[:, :, ::-1]
    normalized = (rgb.astype(np.float32) - np.array(p["mean"], dtype=np.float32)) / np.array(p["std"], dtype=np.float32)
    return torch.from_numpy(np.ascontiguousarray(normalized.transpose(2, 0, 1)))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--manifest", required=True)
    parser.add_argument("--onnx", required=True)
    parser.add_argument("--input-out", help="write PIL's model input here (float32 [N, 3, H, W])")
    parser.add_argument("--tensor", help="also run the model on this input (float32 [N, 3, H, W])")
    parser.add_argument("images", nargs="*")
    args = parser.parse_args()
    torch.set_num_threads(max(1, os.cpu_count() or 1))
    with open(args.manifest, encoding="utf-8") as stream:
        manifest = json.load(stream)
    layers = manifest["layers"]
    if len(layers) != len(STAGES):
        raise SystemExit(f"expected the {len(STAGES)} stage outputs, the manifest exposes {len(layers)} layers")

    proto = onnx.load(args.onnx)
    inits = {t.name: torch.tensor(numpy_helper.to_array(t).copy()) for t in proto.graph.initializer}
    model = load_resnet18(proto.graph, inits)
    captured = {}
    for stage in STAGES:
        model.get_submodule(stage).register_forward_hook(lambda _m, _i, out, stage=stage: captured.__setitem__(stage, out))

    result = {}
    if args.images:
        batch = torch.stack([preprocess(path, manifest) for path in args.images])
        if args.input_out:
            batch.numpy().astype("<f4").tofile(args.input_out)
        result["layers"] = layer_means(model, captured, proto.graph, inits, layers, batch)
    if args.tensor:
        shape = (3, manifest["input"]["height"], manifest["input"]["width"])
        theirs = torch.from_numpy(np.fromfile(args.tensor, dtype="<f4").reshape(-1, *shape).copy())
        result["tensorLayers"] = layer_means(model, captured, proto.graph, inits, layers, theirs)
    if not result:
        raise SystemExit("give images, --tensor, or both")
    json.dump(result, sys.stdout)


def layer_means(model, captured, graph, inits, layers, batch):
    """{layer id: per image, the mean over positions of each channel}, checked against the ONNX graph's tensors."""
    result = {}
    with torch.no_grad():
        model(batch)
        for stage, layer in zip(STAGES, layers):
            ours = captured[stage]
            reference = interpret_onnx(graph, inits, batch, layer["tensor"])
            scale = reference.abs().max().item()
            if scale == 0 or (ours - reference).abs().max().item() > 1e-4 * scale:
                raise SystemExit(f"torchvision's {stage} does not reproduce the ONNX tensor {layer['tensor']}")
            expected = [batch.shape[0], layer["channels"], layer["height"], layer["width"]]
            if list(ours.shape) != expected:
                raise SystemExit(f"{layer['id']} is {list(ours.shape)}, the manifest says {expected}")
            result[layer["id"]] = ours.double().mean(dim=(2, 3)).tolist()
    return result


if __name__ == "__main__":
    main()
