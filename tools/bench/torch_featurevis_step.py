#!/usr/bin/python3
"""Time one feature-visualization step of ResNet18 in PyTorch, as the baseline for NeuronAtlas.FeatureVis.

The weights come from the ONNX file NeuronAtlas embeds (CNTK export, opset 8), loaded into torchvision's ResNet
by tools/demo_clip/demo_clip/imagenet_resnet18.py. Before timing, the torchvision model is checked against a direct
interpretation of the ONNX graph.

One step = Lucent's pipeline: FFT parameterization (1/f, /4), colour decorrelation, sigmoid, pad 12, jitter 8,
random scale, random rotate, jitter 4, bilinear resize to 224, BGR mean/std normalization, ResNet18 up to layer4,
per-item channel-mean objective on layer4's pre-ReLU sum, backward, Adam (lr 0.05). Batch item i maximizes channel i.

Usage: /usr/bin/python3 tools/bench/torch_featurevis_step.py [--onnx PATH] [--batch 8] [--image-size 128]
       [--steps 10] [--warmup 2] [--threads N]
Needs Debian's python3-torch, python3-torchvision and python3-onnx.
"""
import argparse
import math
import os
import statistics
import sys
import time

import numpy as np
import onnx
import torch
import torch.nn as nn
import torch.nn.functional as F
from onnx import numpy_helper

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "demo_clip"))
from demo_clip.blas import blas_is_optimized, describe_blas, describe_convolutions  # noqa: E402
from demo_clip.imagenet_resnet18 import DEFAULT_ONNX, MEAN_BGR, STD, interpret_onnx, load_resnet18  # noqa: E402

COLOR = np.array([[0.26, 0.09, 0.02], [0.27, 0.00, -0.05], [0.27, -0.09, 0.03]], dtype=np.float32)
COLOR_NORMALIZED = COLOR / np.max(np.linalg.norm(COLOR, axis=0))


class Layer4PreRelu(nn.Module):
    """ResNet18 up to layer4's last residual sum, before its ReLU (what NeuronAtlas optimizes by default)."""

    def __init__(self, model):
        super().__init__()
        self.m = model

    def forward(self, x):
        m = self.m
        x = m.maxpool(m.relu(m.bn1(m.conv1(x))))
        x = m.layer3(m.layer2(m.layer1(x)))
        for block in list(m.layer4)[:-1]:
            x = block(x)
        last = m.layer4[-1]
        out = last.bn2(last.conv2(last.relu(last.bn1(last.conv1(x)))))
        return out + x


def fft_scale(h, w):
    fy = np.fft.fftfreq(h)[:, None]
    fx = np.fft.fftfreq(w)[: w // 2 + 1]
    return torch.tensor(1.0 / np.maximum(np.sqrt(fx * fx + fy * fy), 1.0 / max(w, h)), dtype=torch.float32)[None, None, :, :, None]


def lucent_step(spectrum, scale, size, rng):
    image = torch.fft.irfftn(torch.view_as_complex((scale * spectrum).contiguous()), s=(size, size), norm="ortho") / 4
    image = torch.einsum("bchw,dc->bdhw", image, torch.tensor(COLOR_NORMALIZED))
    image = torch.sigmoid(image)
    image = F.pad(image, (12, 12, 12, 12), value=0.5)
    image = jitter(image, 8, rng)
    s = rng.choice([1 + (i - 5) / 50 for i in range(11)])
    image = F.interpolate(image, size=[int(math.ceil(s * d)) for d in image.shape[2:]], mode="bilinear", align_corners=True)
    angle = math.radians(rng.choice(list(range(-10, 11)) + 5 * [0]))
    theta = torch.tensor([[math.cos(angle), -math.sin(angle), 0], [math.sin(angle), math.cos(angle), 0]], dtype=torch.float32)
    grid = F.affine_grid(theta.expand(image.shape[0], 2, 3), list(image.shape), align_corners=True)
    image = F.grid_sample(image - 0.5, grid, mode="bilinear", padding_mode="zeros", align_corners=True) + 0.5
    image = jitter(image, 4, rng)
    image = F.interpolate(image, size=(224, 224), mode="bilinear", align_corners=True)
    bgr = image.flip(1)
    return (bgr - torch.tensor(MEAN_BGR)[None, :, None, None]) / STD


def jitter(image, d, rng):
    dy, dx = rng.integers(0, d + 1, size=2)
    return image[:, :, dy:dy + image.shape[2] - d, dx:dx + image.shape[3] - d]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--onnx", default=DEFAULT_ONNX)
    parser.add_argument("--batch", type=int, default=8)
    parser.add_argument("--image-size", type=int, default=128)
    parser.add_argument("--steps", type=int, default=10)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--threads", type=int, default=os.cpu_count())
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)

    model_proto = onnx.load(args.onnx)
    inits = {t.name: torch.tensor(numpy_helper.to_array(t).copy()) for t in model_proto.graph.initializer}
    model = load_resnet18(model_proto.graph, inits)
    net = Layer4PreRelu(model).eval()
    for p in net.parameters():
        p.requires_grad_(False)

    check = torch.randn(2, 3, 224, 224) * 60
    with torch.no_grad():
        ours = F.relu(net(check))
        reference = interpret_onnx(model_proto.graph, inits, check, "ReLU393_Output_0")
    if reference.abs().max().item() == 0:
        raise SystemExit("The reference activation is all zeros; the check would prove nothing.")
    error = (ours - reference).abs().max().item() / reference.abs().max().item()
    print(f"torchvision model vs ONNX graph interpretation, layer4: max relative difference {error:.2e}")
    if error > 1e-4:
        raise SystemExit("The torchvision model does not reproduce the ONNX graph.")

    batch, size = args.batch, args.image_size
    spectrum = (torch.randn(batch, 3, size, size // 2 + 1, 2) * 0.01).requires_grad_(True)
    scale = fft_scale(size, size)
    optimizer = torch.optim.Adam([spectrum], lr=0.05)
    rng = np.random.default_rng(0)
    channels = torch.arange(batch)

    def objective(x):
        act = net(x)
        return act[torch.arange(batch), channels].mean(dim=(1, 2)).sum()

    full, model_only, pipeline = [], [], []
    for step in range(args.warmup + args.steps):
        t0 = time.perf_counter()
        optimizer.zero_grad()
        x = lucent_step(spectrum, scale, size, rng)
        t1 = time.perf_counter()
        loss = -objective(x)
        loss.backward()
        optimizer.step()
        t2 = time.perf_counter()
        # The model alone: forward and backward to a leaf input of the same values.
        leaf = x.detach().requires_grad_(True)
        t3 = time.perf_counter()
        (-objective(leaf)).backward()
        t4 = time.perf_counter()
        if step >= args.warmup:
            full.append(t2 - t0); model_only.append(t4 - t3); pipeline.append(t1 - t0)
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads, batch {batch}, image {size} px -> 224 px input")
    print(f"full step (pipeline + forward + backward + Adam): median {statistics.median(full):.3f} s over {len(full)} steps")
    print(f"model forward + backward to the input: median {statistics.median(model_only):.3f} s")
    print(f"parameterization + transforms forward: median {statistics.median(pipeline) * 1000:.1f} ms "
          f"({statistics.median(pipeline) / statistics.median(full):.1%} of a step, backward of them not separated)")
    print(describe_blas())
    print(describe_convolutions())
    print(f"optimized BLAS: {'yes' if blas_is_optimized() else 'no'}")


if __name__ == "__main__":
    main()
