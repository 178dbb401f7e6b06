"""FaceNet Streams networks in PyTorch, for folders written by ``./facenet export``.

    import facenet_streams
    model = facenet_streams.load("export-dir")      # an nn.Module in eval mode
    x = facenet_streams.preprocess(rgb_uint8_hwc, model.config)   # (1, 3, S, S) float32
    embeddings = model(x)                           # (N, D), L2-normalised rows

The two architectures (small-cnn, inception-resnet-v1) are rebuilt here block for block as FaceNet Streams
builds them with DJL: conv without bias + batch norm (eps 0.001, inference: running statistics; gamma is
stored and is the constant 1, since facenet trains no scale) + ReLU; stride-1 "SAME" convolutions pad
(k-1)/2 on each side; the head is dropout (identity at inference), a linear layer without bias, batch norm
and x / sqrt(max(sum(x^2), 1e-10)).

Tensor names: the export names each tensor as DJL does (``getParameters()``): the 1-based index of each
child block, two digits, plus its DJL class name, joined by '_' down to the parameter, e.g.
``01SequentialBlock_01Conv2d_weight`` or ``10SequentialBlock_02BatchNorm_runningVar``. The classes below
carry the same class names (``KIND``) and the same child order, so ``djl_tensors()`` yields exactly those
names; ``load`` requires the file's names and shapes to match them one for one.

Only torch and numpy are needed (the safetensors file is parsed here, not with the safetensors package).
"""

import json
import os
import struct

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

WEIGHTS_FILE = "model.safetensors"
CONFIG_FILE = "config.json"


def read_safetensors(path):
    """The tensors of a float32 safetensors file as {name: torch.Tensor}, and its __metadata__ map."""
    with open(path, "rb") as f:
        data = f.read()
    (header_len,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + header_len].decode("utf-8"))
    base = 8 + header_len
    tensors = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        if info["dtype"] != "F32":
            raise ValueError("%s: dtype %s, only F32 is read" % (name, info["dtype"]))
        begin, end = info["data_offsets"]
        count = (end - begin) // 4
        array = np.frombuffer(data, dtype="<f4", count=count, offset=base + begin)
        tensors[name] = torch.from_numpy(array.reshape(info["shape"]).copy())
    return tensors, header.get("__metadata__", {})


# ---- blocks with DJL's structure and names ---------------------------------------------------------


class DjlBlock(nn.Module):
    """A block named as DJL names it; children in DJL's order."""

    KIND = None
    OWN = ()  # (DJL parameter name, attribute) pairs, in DJL's order

    def __init__(self, children=()):
        super().__init__()
        self.blocks = nn.ModuleList(children)

    def djl_tensors(self):
        """(DJL name, tensor to fill) pairs, in the order of DJL's getParameters()."""
        items = [(name, getattr(self, attr)) for name, attr in self.OWN]
        for i, child in enumerate(self.blocks, 1):
            prefix = "%02d%s_" % (i, child.KIND)
            items += [(prefix + name, tensor) for name, tensor in child.djl_tensors()]
        return items


class Sequential(DjlBlock):
    KIND = "SequentialBlock"

    def forward(self, x):
        for block in self.blocks:
            x = block(x)
        return x


class Parallel(DjlBlock):
    """Runs every branch on the input and combines the outputs (concatenation or a scaled residual sum)."""

    KIND = "ParallelBlock"

    def __init__(self, combine, children):
        super().__init__(children)
        self.combine = combine

    def forward(self, x):
        return self.combine([block(x) for block in self.blocks])


class Lambda(DjlBlock):
    """A parameterless function (ReLU, pooling, identity, L2 normalisation): DJL's LambdaBlock."""

    KIND = "LambdaBlock"

    def __init__(self, fn):
        super().__init__()
        self.fn = fn

    def forward(self, x):
        return self.fn(x)


class Dropout(DjlBlock):
    """Identity at inference; present only to keep DJL's indices (keep_probability < 1)."""

    KIND = "Dropout"

    def forward(self, x):
        return x


class Conv2d(DjlBlock):
    KIND = "Conv2d"

    def __init__(self, cin, cout, kernel, stride=1, padding=(0, 0), bias=False):
        super().__init__()
        self.weight = nn.Parameter(torch.zeros(cout, cin, kernel[0], kernel[1]), requires_grad=False)
        self.bias = nn.Parameter(torch.zeros(cout), requires_grad=False) if bias else None
        self.OWN = (("weight", "weight"), ("bias", "bias")) if bias else (("weight", "weight"),)
        self.stride = stride
        self.padding = padding

    def forward(self, x):
        return F.conv2d(x, self.weight, self.bias, self.stride, self.padding)


class BatchNorm(DjlBlock):
    """Inference batch norm: (x - running_mean) / sqrt(running_var + eps) * gamma + beta, over axis 1."""

    KIND = "BatchNorm"
    OWN = (("gamma", "gamma"), ("beta", "beta"), ("runningMean", "running_mean"), ("runningVar", "running_var"))

    def __init__(self, channels, eps):
        super().__init__()
        for attr in ("gamma", "beta", "running_mean", "running_var"):
            self.register_buffer(attr, torch.zeros(channels))
        self.eps = eps

    def forward(self, x):
        return F.batch_norm(x, self.running_mean, self.running_var, self.gamma, self.beta, False, 0.0, self.eps)


class Linear(DjlBlock):
    KIND = "Linear"
    OWN = (("weight", "weight"),)

    def __init__(self, cin, cout):
        super().__init__()
        self.weight = nn.Parameter(torch.zeros(cout, cin), requires_grad=False)

    def forward(self, x):
        return F.linear(x.reshape(x.shape[0], -1), self.weight)


# ---- the layers both networks are made of (FaceNet Streams' Layers.java) -------------------------------


class Builder:
    def __init__(self, config):
        self.eps = float(config["batch_norm_epsilon"])
        self.l2_eps = float(config["l2_epsilon"])

    def conv(self, cin, cout, kh, kw=None, stride=1, same=True):
        """Conv (no bias) + BN + ReLU; SAME (stride 1 only) pads (k-1)/2 per side, else VALID."""
        kw = kh if kw is None else kw
        padding = ((kh - 1) // 2, (kw - 1) // 2) if same else (0, 0)
        return self.conv_padded(cin, cout, (kh, kw), stride, padding)

    def conv_padded(self, cin, cout, kernel, stride, padding):
        return Sequential([Conv2d(cin, cout, kernel, stride, padding), BatchNorm(cout, self.eps), Lambda(F.relu)])

    def valid(self, cin, cout, k, stride):
        return self.conv(cin, cout, k, stride=stride, same=False)

    @staticmethod
    def max_pool(k, stride):
        return Lambda(lambda x: F.max_pool2d(x, k, stride))

    @staticmethod
    def global_avg_pool():
        return Lambda(lambda x: x.mean(dim=(2, 3)))

    @staticmethod
    def concat(*branches):
        return Parallel(lambda outs: torch.cat(outs, dim=1), branches)

    @staticmethod
    def scaled_residual(residual, scale, relu):
        blocks = [Parallel(lambda outs: outs[0] + outs[1] * scale, [Lambda(lambda x: x), residual])]
        if relu:
            blocks.append(Lambda(F.relu))
        return Sequential(blocks)

    def head(self, cin, embedding_size, keep_probability):
        eps = self.l2_eps

        def l2_normalize(x):
            return x / torch.sqrt(torch.clamp((x * x).sum(dim=1, keepdim=True), min=eps))

        blocks = [Dropout()] if keep_probability < 1.0 else []
        blocks += [Linear(cin, embedding_size), BatchNorm(embedding_size, self.eps), Lambda(l2_normalize)]
        return Sequential(blocks)


def small_cnn(config):
    """SmallCnn.java: a 3x3/2 stem (padding 1), stages of 3x3 SAME convs after 2x2 max pools, the head."""
    b = Builder(config)
    stages = config["small_cnn_stages"]
    blocks = [b.conv_padded(3, stages[0][0], (3, 3), 2, (1, 1))]
    c = stages[0][0]
    for stage in stages[1:]:
        blocks.append(b.max_pool(2, 2))
        for filters in stage:
            blocks.append(b.conv(c, filters, 3))
            c = filters
    blocks.append(b.global_avg_pool())
    blocks.append(b.head(c, config["embedding_size"], config["keep_probability"]))
    return Sequential(blocks)


def inception_resnet_v1(config):
    """InceptionResNetV1.java (facenet's models/inception_resnet_v1.py)."""
    b = Builder(config)
    blocks = [
        b.valid(3, 32, 3, 2),      # Conv2d_1a_3x3
        b.valid(32, 32, 3, 1),     # Conv2d_2a_3x3
        b.conv(32, 64, 3),         # Conv2d_2b_3x3
        b.max_pool(3, 2),          # MaxPool_3a_3x3
        b.valid(64, 80, 1, 1),     # Conv2d_3b_1x1
        b.valid(80, 192, 3, 1),    # Conv2d_4a_3x3
        b.valid(192, 256, 3, 2),   # Conv2d_4b_3x3
    ]

    def block35(scale, relu):
        branches = b.concat(
            b.conv(256, 32, 1),
            Sequential([b.conv(256, 32, 1), b.conv(32, 32, 3)]),
            Sequential([b.conv(256, 32, 1), b.conv(32, 32, 3), b.conv(32, 32, 3)]))
        return b.scaled_residual(Sequential([branches, Conv2d(96, 256, (1, 1), bias=True)]), scale, relu)

    def block17(scale, relu):
        branches = b.concat(
            b.conv(896, 128, 1),
            Sequential([b.conv(896, 128, 1), b.conv(128, 128, 1, 7), b.conv(128, 128, 7, 1)]))
        return b.scaled_residual(Sequential([branches, Conv2d(256, 896, (1, 1), bias=True)]), scale, relu)

    def block8(scale, relu):
        branches = b.concat(
            b.conv(1792, 192, 1),
            Sequential([b.conv(1792, 192, 1), b.conv(192, 192, 1, 3), b.conv(192, 192, 3, 1)]))
        return b.scaled_residual(Sequential([branches, Conv2d(384, 1792, (1, 1), bias=True)]), scale, relu)

    blocks += [block35(0.17, True) for _ in range(5)]
    blocks.append(b.concat(                                                      # Mixed_6a
        b.valid(256, 384, 3, 2),
        Sequential([b.conv(256, 192, 1), b.conv(192, 192, 3), b.valid(192, 256, 3, 2)]),
        b.max_pool(3, 2)))
    blocks += [block17(0.10, True) for _ in range(10)]
    blocks.append(b.concat(                                                      # Mixed_7a
        Sequential([b.conv(896, 256, 1), b.valid(256, 384, 3, 2)]),
        Sequential([b.conv(896, 256, 1), b.valid(256, 256, 3, 2)]),
        Sequential([b.conv(896, 256, 1), b.conv(256, 256, 3), b.valid(256, 256, 3, 2)]),
        b.max_pool(3, 2)))
    blocks += [block8(0.20, True) for _ in range(5)]
    blocks.append(block8(1.0, False))                                            # Mixed_8b
    blocks.append(b.global_avg_pool())
    blocks.append(b.head(1792, config["embedding_size"], config["keep_probability"]))
    return Sequential(blocks)


ARCHITECTURES = {"small-cnn": small_cnn, "inception-resnet-v1": inception_resnet_v1}


class FaceNet(nn.Module):
    """The network of an export: (N, 3, S, S) preprocessed float32 in, (N, D) L2-normalised embeddings out."""

    def __init__(self, config):
        super().__init__()
        self.config = config
        self.net = ARCHITECTURES[config["architecture"]](config)

    def forward(self, x):
        return self.net(x)

    def load_djl_tensors(self, tensors):
        """Fills every tensor from {DJL name: tensor}; names and shapes must match one for one."""
        ours = self.net.djl_tensors()
        names = [name for name, _ in ours]
        missing = [n for n in names if n not in tensors]
        unexpected = sorted(set(tensors) - set(names))
        if missing or unexpected:
            raise ValueError("tensor names do not match the %s network: missing %s, unexpected %s"
                             % (self.config["architecture"], missing[:5], unexpected[:5]))
        with torch.no_grad():
            for name, target in ours:
                source = tensors[name]
                if tuple(source.shape) != tuple(target.shape):
                    raise ValueError("%s: shape %s in the file, %s in the network"
                                     % (name, tuple(source.shape), tuple(target.shape)))
                target.copy_(source)


def load(directory):
    """The exported model of ``directory`` (config.json + model.safetensors), in eval mode."""
    with open(os.path.join(directory, CONFIG_FILE), encoding="utf-8") as f:
        config = json.load(f)
    tensors, _ = read_safetensors(os.path.join(directory, config.get("weights", WEIGHTS_FILE)))
    model = FaceNet(config)
    model.load_djl_tensors(tensors)
    return model.eval()


def preprocess(image, config):
    """An RGB uint8 image (H, W, 3) as network input (1, 3, S, S), as FaceNet Streams' embed does:
    central crop, or zero padding, to S x S (no resize), then the configured standardisation."""
    size = config["image_size"]
    h, w = image.shape[:2]
    out = np.zeros((size, size, 3), dtype=np.float64)

    def window(n):  # source start, destination start, length (TF's resize_image_with_crop_or_pad)
        diff = size - n
        crop, pad = max(-diff // 2, 0), max(diff // 2, 0)
        return crop, pad, min(n, size)

    sy, dy, ly = window(h)
    sx, dx, lx = window(w)
    out[dy:dy + ly, dx:dx + lx] = image[sy:sy + ly, sx:sx + lx, :3]
    kind = config["input"]["standardisation"]
    if kind == "per-image":
        mean, std = out.mean(), out.std()
        out = (out - mean) / max(std, 1.0 / np.sqrt(out.size))
    elif kind == "fixed":
        out = (out - 127.5) / 128.0
    return torch.from_numpy(out.transpose(2, 0, 1)[None].astype(np.float32))
