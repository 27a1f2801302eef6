#!/usr/bin/python3
"""Reference input gradients for NeuronAtlas's ONNX autodiff, from PyTorch autograd.

Builds a small CLIP-style ModifiedResNet (three-conv stem with average pooling, anti-aliased bottlenecks
that stride with AvgPool, attention pooling head) with seeded random weights and batch-norm statistics,
exports it to ONNX (opset 14, eval mode), and for a random input batch writes the input gradients of two
per-item objectives:

  layer:     item i maximizes the mean of channel layer_channels[i] of the last layer2 activation;
  embedding: item i maximizes channel embedding_channels[i] of the attention-pooled embedding.

Outputs in --out: model.onnx, input.npy, grad_layer.npy, grad_embedding.npy and meta.json (the ONNX tensor
names, channels and the objective values torch computed).

Run with Debian's python3-torch (1.13) and python3-onnx: /usr/bin/python3 clip_resnet_gradcheck.py --out DIR
"""
import argparse
import json
import os

import numpy as np
import onnx
import torch
import torch.nn as nn
import torch.nn.functional as F


class Bottleneck(nn.Module):
    """1x1 -> 3x3 -> AvgPool(stride) -> 1x1 (x4 channels), with an AvgPool + 1x1 conv shortcut when the shape changes."""

    expansion = 4

    def __init__(self, inplanes, planes, stride=1):
        super().__init__()
        self.conv1 = nn.Conv2d(inplanes, planes, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(planes)
        self.relu1 = nn.ReLU()
        self.conv2 = nn.Conv2d(planes, planes, 3, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.relu2 = nn.ReLU()
        self.avgpool = nn.AvgPool2d(stride) if stride > 1 else nn.Identity()
        self.conv3 = nn.Conv2d(planes, planes * self.expansion, 1, bias=False)
        self.bn3 = nn.BatchNorm2d(planes * self.expansion)
        self.relu3 = nn.ReLU()
        self.downsample = None
        if stride > 1 or inplanes != planes * self.expansion:
            self.downsample = nn.Sequential(
                nn.AvgPool2d(stride),
                nn.Conv2d(inplanes, planes * self.expansion, 1, bias=False),
                nn.BatchNorm2d(planes * self.expansion))

    def forward(self, x):
        out = self.relu1(self.bn1(self.conv1(x)))
        out = self.relu2(self.bn2(self.conv2(out)))
        out = self.bn3(self.conv3(self.avgpool(out)))
        shortcut = x if self.downsample is None else self.downsample(x)
        return self.relu3(out + shortcut)


class AttentionPool(nn.Module):
    """Flatten the grid, prepend the mean token, add positions, attend from the mean token, project."""

    def __init__(self, grid, embed_dim, heads, output_dim):
        super().__init__()
        self.positional_embedding = nn.Parameter(torch.randn(grid * grid + 1, embed_dim) / embed_dim ** 0.5)
        self.q_proj = nn.Linear(embed_dim, embed_dim)
        self.k_proj = nn.Linear(embed_dim, embed_dim)
        self.v_proj = nn.Linear(embed_dim, embed_dim)
        self.c_proj = nn.Linear(embed_dim, output_dim)
        self.heads = heads

    def forward(self, x):
        x = x.flatten(start_dim=2).permute(2, 0, 1)
        x = torch.cat([x.mean(dim=0, keepdim=True), x], dim=0)
        x = x + self.positional_embedding[:, None, :]
        x, _ = F.multi_head_attention_forward(
            query=x[:1], key=x, value=x, embed_dim_to_check=x.shape[-1], num_heads=self.heads,
            q_proj_weight=self.q_proj.weight, k_proj_weight=self.k_proj.weight, v_proj_weight=self.v_proj.weight,
            in_proj_weight=None, in_proj_bias=torch.cat([self.q_proj.bias, self.k_proj.bias, self.v_proj.bias]),
            bias_k=None, bias_v=None, add_zero_attn=False, dropout_p=0.0,
            out_proj_weight=self.c_proj.weight, out_proj_bias=self.c_proj.bias,
            use_separate_proj_weight=True, training=self.training, need_weights=False)
        return x.squeeze(0)


class SmallModifiedResNet(nn.Module):
    def __init__(self, width=8, image_size=64, output_dim=32):
        super().__init__()
        self.conv1 = nn.Conv2d(3, width // 2, 3, stride=2, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(width // 2)
        self.relu1 = nn.ReLU()
        self.conv2 = nn.Conv2d(width // 2, width // 2, 3, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(width // 2)
        self.relu2 = nn.ReLU()
        self.conv3 = nn.Conv2d(width // 2, width, 3, padding=1, bias=False)
        self.bn3 = nn.BatchNorm2d(width)
        self.relu3 = nn.ReLU()
        self.avgpool = nn.AvgPool2d(2)
        self.layer1 = Bottleneck(width, width)
        self.layer2 = Bottleneck(width * 4, width * 2, stride=2)
        self.layer3 = Bottleneck(width * 8, width * 4, stride=2)
        embed_dim = width * 16
        self.attnpool = AttentionPool(image_size // 16, embed_dim, heads=embed_dim // 32, output_dim=output_dim)

    def forward(self, x):
        x = self.relu1(self.bn1(self.conv1(x)))
        x = self.relu2(self.bn2(self.conv2(x)))
        x = self.avgpool(self.relu3(self.bn3(self.conv3(x))))
        return self.attnpool(self.layer3(self.layer2(self.layer1(x))))


def randomize_batch_norms(model, generator):
    """Eval-mode batch norms with non-trivial statistics, so folding them into the convs matters."""
    for module in model.modules():
        if isinstance(module, nn.BatchNorm2d):
            n = module.num_features
            module.weight.data = 0.5 + torch.rand(n, generator=generator)
            module.bias.data = 0.2 * torch.randn(n, generator=generator)
            module.running_mean.data = 0.2 * torch.randn(n, generator=generator)
            module.running_var.data = 0.5 + torch.rand(n, generator=generator)


def last_relu_output(onnx_path, scope):
    graph = onnx.load(onnx_path).graph
    relus = [node for node in graph.node if node.op_type == "Relu" and node.name.startswith(scope)]
    if not relus:
        raise RuntimeError(f"no Relu under {scope} in the export; node names: {[n.name for n in graph.node][:20]}")
    return relus[-1].output[0]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", required=True)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--batch", type=int, default=2)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    torch.set_num_threads(2)
    torch.manual_seed(args.seed)
    generator = torch.Generator().manual_seed(args.seed)

    model = SmallModifiedResNet()
    randomize_batch_norms(model, generator)
    model.eval()
    image = torch.randn(args.batch, 3, 64, 64, generator=generator)

    onnx_path = os.path.join(args.out, "model.onnx")
    torch.onnx.export(model, image, onnx_path, opset_version=14, input_names=["image"], output_names=["embedding"],
                      do_constant_folding=True)
    layer_tensor = last_relu_output(onnx_path, "/layer2/")

    captured = {}
    model.layer2.register_forward_hook(lambda module, inputs, output: captured.__setitem__("layer2", output))
    layer_channels = [int(c) for c in torch.randint(0, model.layer2.conv3.out_channels, (args.batch,), generator=generator)]
    embedding_channels = [int(c) for c in torch.randint(0, 32, (args.batch,), generator=generator)]
    items = torch.arange(args.batch)

    def input_gradient(objective_of):
        x = image.clone().requires_grad_(True)
        embedding = model(x)
        per_item = objective_of(embedding)
        per_item.sum().backward()
        return x.grad.detach().numpy().astype(np.float32), per_item.detach().numpy().tolist()

    grad_layer, layer_values = input_gradient(lambda e: captured["layer2"][items, layer_channels].mean(dim=(1, 2)))
    grad_embedding, embedding_values = input_gradient(lambda e: e[items, embedding_channels])

    np.save(os.path.join(args.out, "input.npy"), image.numpy().astype(np.float32))
    np.save(os.path.join(args.out, "grad_layer.npy"), grad_layer)
    np.save(os.path.join(args.out, "grad_embedding.npy"), grad_embedding)
    meta = {
        "input_name": "image",
        "layer_tensor": layer_tensor,
        "layer_channels": layer_channels,
        "layer_objective": layer_values,
        "embedding_tensor": "embedding",
        "embedding_channels": embedding_channels,
        "embedding_objective": embedding_values,
        "op_types": sorted({node.op_type for node in onnx.load(onnx_path).graph.node}),
    }
    with open(os.path.join(args.out, "meta.json"), "w") as f:
        json.dump(meta, f, indent=2)


if __name__ == "__main__":
    main()
