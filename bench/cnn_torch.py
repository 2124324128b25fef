"""PyTorch reference for bench/cnn.mjs: trains the SAME model on the SAME data as Neurite did.

argv[1]: a folder bench/cnn.mjs wrote: spec.json ({"input": [H, W, C], "layers": [{"type", "params"}],
"batchSize", "epochs", "learningRate", "seed", "threads"}), x.f32 (rows x H x W x C, already scaled by
the project's pipeline), y.i32 (class index per row), train.i32 and val.i32 (Neurite's split rows).
stdout (last line): JSON {"torch": version, "threads": n, "epochSeconds": [...], "final": {"loss",
"acc", "val_loss", "val_acc"}}.

The model is the graph's layers in order: Conv2D (Keras 'valid'/'same' padding for stride 1),
MaxPooling2D/AveragePooling2D ('valid'), Flatten, Dense, each with its activation; the last
softmax is folded into the loss (CrossEntropyLoss = softmax + sparse categorical cross-entropy).
Kernels start Glorot-uniform and biases at zero, as Keras' defaults; Adam has Keras' defaults
(beta_1=0.9, beta_2=0.999, epsilon=1e-7). Tensors are NCHW, so Flatten orders features
differently from Keras' NHWC: the same model up to a fixed permutation of the Dense weights.
Every epoch shuffles the training rows and evaluates the validation rows, as Neurite's loop does.
"""
import json
import os
import sys
import time

import numpy as np
import torch
from torch import nn

folder = sys.argv[1]
spec = json.load(open(os.path.join(folder, "spec.json")))
torch.set_num_threads(spec["threads"])
torch.manual_seed(spec["seed"])
h, w, c = spec["input"]
x = torch.from_numpy(np.fromfile(os.path.join(folder, "x.f32"), dtype=np.float32).reshape(-1, h, w, c)).permute(0, 3, 1, 2).contiguous()
y = torch.from_numpy(np.fromfile(os.path.join(folder, "y.i32"), dtype=np.int32).astype(np.int64))
train = torch.from_numpy(np.fromfile(os.path.join(folder, "train.i32"), dtype=np.int32).astype(np.int64))
val = torch.from_numpy(np.fromfile(os.path.join(folder, "val.i32"), dtype=np.int32).astype(np.int64))

ACTIVATIONS = {"relu": nn.ReLU, "sigmoid": nn.Sigmoid, "tanh": nn.Tanh}


def build():
    modules, channels, features, size = [], c, None, (h, w)
    for i, layer in enumerate(spec["layers"]):
        kind, p = layer["type"], layer["params"]
        last = i == len(spec["layers"]) - 1
        if kind == "Conv2D":
            kh, kw = p["kernelSize"]
            if p["strides"] != [1, 1]:
                raise SystemExit("cnn_torch.py: only stride 1 convolutions are mapped")
            pad = (kh // 2, kw // 2) if p["padding"] == "same" else 0
            conv = nn.Conv2d(channels, p["filters"], (kh, kw), padding=pad, bias=p["useBias"])
            modules.append(conv)
            channels = p["filters"]
            size = size if p["padding"] == "same" else (size[0] - kh + 1, size[1] - kw + 1)
        elif kind in ("MaxPooling2D", "AveragePooling2D"):
            if p["padding"] != "valid":
                raise SystemExit("cnn_torch.py: only 'valid' pooling is mapped")
            pool = (nn.MaxPool2d if kind == "MaxPooling2D" else nn.AvgPool2d)(tuple(p["poolSize"]), tuple(p["strides"]))
            modules.append(pool)
            size = ((size[0] - p["poolSize"][0]) // p["strides"][0] + 1, (size[1] - p["poolSize"][1]) // p["strides"][1] + 1)
        elif kind == "Flatten":
            modules.append(nn.Flatten())
            features = channels * size[0] * size[1]
        elif kind == "Dense":
            modules.append(nn.Linear(features, p["units"], bias=p["useBias"]))
            features = p["units"]
        else:
            raise SystemExit(f"cnn_torch.py: layer {kind} is not mapped")
        activation = p.get("activation", "linear")
        if activation == "softmax":
            if not last:
                raise SystemExit("cnn_torch.py: softmax only as the last activation")
        elif activation != "linear":
            modules.append(ACTIVATIONS[activation]())
    model = nn.Sequential(*modules)
    for m in model.modules():
        if isinstance(m, (nn.Conv2d, nn.Linear)):
            nn.init.xavier_uniform_(m.weight)  # Keras glorot_uniform: fan_in/fan_out include the receptive field, as here
            if m.bias is not None:
                nn.init.zeros_(m.bias)
    return model


model = build()
optimizer = torch.optim.Adam(model.parameters(), lr=spec["learningRate"], betas=(0.9, 0.999), eps=1e-7)
loss_fn = nn.CrossEntropyLoss()
batch = spec["batchSize"]
epoch_seconds = []
final = {}
for epoch in range(spec["epochs"]):
    start = time.perf_counter()
    model.train()
    order = train[torch.randperm(len(train))]
    total_loss, correct = 0.0, 0
    for i in range(0, len(order), batch):
        rows = order[i:i + batch]
        xb, yb = x[rows], y[rows]
        optimizer.zero_grad()
        out = model(xb)
        loss = loss_fn(out, yb)
        loss.backward()
        optimizer.step()
        total_loss += loss.item() * len(rows)
        correct += int((out.argmax(1) == yb).sum())
    model.eval()
    with torch.no_grad():
        out = model(x[val])
        val_loss = float(loss_fn(out, y[val]))
        val_acc = float((out.argmax(1) == y[val]).float().mean())
    epoch_seconds.append(time.perf_counter() - start)
    final = {"loss": total_loss / len(order), "acc": correct / len(order), "val_loss": val_loss, "val_acc": val_acc}
print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads(), "epochSeconds": epoch_seconds, "final": final}))
