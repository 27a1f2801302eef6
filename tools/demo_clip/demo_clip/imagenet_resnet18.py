"""The shipped ImageNet ResNet18 (CNTK export in the NuGet package Microsoft.ML.DnnImageFeaturizer.ResNet18) as a
torch module: torchvision's ResNet of BasicBlocks with the ONNX file's weights.

The CNTK model has blocks [2, 2, 2, 3], one more in its last stage than torchvision's resnet18. CNTK pads
asymmetrically (e.g. the 7x7 stem conv pads 3 before and 2 after), so every conv and the max-pool whose pads differ get
an explicit ZeroPad2d / -inf pad in front. `interpret_onnx` runs the graph op by op, as the independent check of the
construction. Used by tools/bench, tools/torch_reference and tools/demo_clip.
"""
import math
import os
from typing import Dict

import onnx
import torch
import torch.nn as nn
import torch.nn.functional as F
import torchvision
from onnx import numpy_helper

DEFAULT_ONNX = os.path.expanduser(
    "~/.nuget/packages/microsoft.ml.dnnimagefeaturizer.resnet18/0.23.1/tools/DnnImageModels/ResNet18Onnx/ResNet18.onnx")
MEAN_BGR = [0.404167, 0.454521, 0.482948]  # data/models/resnet18/manifest.json, on the 0..1 scale
STD = 1 / 255
BLOCKS = [2, 2, 2, 3]
LAYER4_OUTPUT = "ReLU393_Output_0"


def attributes(node):
    return {a.name: onnx.helper.get_attribute_value(a) for a in node.attribute}


def read_onnx(path: str = DEFAULT_ONNX):
    """(graph, initializers as torch tensors) of the ResNet18 ONNX file."""
    if not os.path.isfile(path):
        raise FileNotFoundError(f"no ResNet18 ONNX file at {path}: run `dotnet restore` (it fetches the NuGet package "
                                "Microsoft.ML.DnnImageFeaturizer.ResNet18 0.23.1) or pass its path")
    proto = onnx.load(path)
    inits: Dict[str, torch.Tensor] = {t.name: torch.tensor(numpy_helper.to_array(t).copy())
                                      for t in proto.graph.initializer}
    return proto.graph, inits


def interpret_onnx(graph, inits, x, stop):
    """Runs the ONNX graph op by op with explicit padding; returns tensor `stop`."""
    values = {graph.input[0].name: x}
    for node in graph.node:
        a = attributes(node)
        i = [values[n] if n in values else inits[n] for n in node.input]
        if node.op_type == "Conv":
            p = a["pads"]
            y = F.conv2d(F.pad(i[0], (p[1], p[3], p[0], p[2])), i[1], i[2] if len(i) > 2 else None, stride=a["strides"])
        elif node.op_type == "BatchNormalization":
            y = F.batch_norm(i[0], i[3], i[4], i[1], i[2], False, 0.0, a["epsilon"])
        elif node.op_type == "Relu":
            y = F.relu(i[0])
        elif node.op_type == "Add":
            y = i[0] + i[1]
        elif node.op_type == "MaxPool":
            p = a["pads"]
            y = F.max_pool2d(F.pad(i[0], (p[1], p[3], p[0], p[2]), value=-math.inf), a["kernel_shape"], a["strides"])
        else:
            continue
        values[node.output[0]] = y
        if node.output[0] == stop:
            return y
    raise KeyError(stop)


def padded(module, pads, value=0.0):
    """pads = ONNX [top, left, bottom, right]; symmetric pads stay in the module, others become an explicit pad."""
    top, left, bottom, right = pads
    if top == bottom and left == right:
        module.padding = (top, left)
        return module
    module.padding = (0, 0)
    pad = nn.ZeroPad2d((left, right, top, bottom)) if value == 0 else nn.ConstantPad2d((left, right, top, bottom), value)
    return nn.Sequential(pad, module)


def set_module(root, name, module):
    parent, _, leaf = name.rpartition(".")
    setattr(root.get_submodule(parent) if parent else root, leaf, module)


def load_resnet18(graph, inits):
    """
    torchvision's ResNet of BasicBlocks with the ONNX weights; convs are matched in graph order by weight shape and
    stride. The CNTK "ResNet18" has three blocks in its last stage (blocks [2, 2, 2, 3], 22 convs), one more than
    torchvision's resnet18, so the same ResNet class is built with those block counts.
    """
    model = torchvision.models.resnet.ResNet(torchvision.models.resnet.BasicBlock, BLOCKS)
    onnx_convs = [n for n in graph.node if n.op_type == "Conv"]
    bn_of = {n.input[0]: n for n in graph.node if n.op_type == "BatchNormalization"}
    used = set()
    for name, conv in [(n, m) for n, m in model.named_modules() if isinstance(m, nn.Conv2d)]:
        match = next(n for n in onnx_convs if n.name not in used and n.output[0] not in used
                     and tuple(inits[n.input[1]].shape) == tuple(conv.weight.shape)
                     and list(attributes(n)["strides"]) == list(conv.stride))
        used.add(match.output[0])
        conv.weight.data.copy_(inits[match.input[1]])
        bn_name = name.replace("conv", "bn") if "conv" in name else name[:-1] + "1"
        bn = model.get_submodule(bn_name)
        bn_node = bn_of[match.output[0]]
        scale, bias, mean, var = (inits[n] for n in bn_node.input[1:5])
        bn.weight.data.copy_(scale); bn.bias.data.copy_(bias)
        bn.running_mean.copy_(mean); bn.running_var.copy_(var); bn.eps = attributes(bn_node)["epsilon"]
        set_module(model, name, padded(conv, attributes(match)["pads"]))
    pool = next(n for n in graph.node if n.op_type == "MaxPool")
    model.maxpool = padded(nn.MaxPool2d(3, 2), attributes(pool)["pads"], value=-math.inf)
    return model.eval()
