#!/usr/bin/env python3
"""Exports edgec's benchmark models from torchvision: mobilenet_v2, resnet18,
squeezenet1_1, mobilenet_v3_small and shufflenet_v2_x0_5 with weights=None
(no download), seeded initialisation and non-trivial BatchNorm running
statistics, at opset 13 with a static 1x3x224x224 input "input" and output
"logits". The weights are random: the models measure the compiler (import,
lowering, memory, speed), not accuracy. Run with Debian's python3:

    /usr/bin/python3 bench/models/export_torchvision.py [OUTDIR [MODEL...]]

OUTDIR defaults to bench/models/out/; MODEL names a subset of the five (each
model is seeded by its position in MODELS, so a subset writes the same files
as a full run).

Writes per model NAME to OUTDIR (generated, gitignored, not committed):
  NAME.onnx         the model
  NAME.input.npy    float32 [1,3,224,224], a seeded input
  NAME.output.npy   float32 [1,1000], torch's logits for that input (eval mode)
and prints per model the export time, the .onnx size and torch's parameter
count (sum of p.numel() over model.parameters(); BatchNorm running statistics
are buffers, not parameters).
"""
import os
import sys
import time

import numpy as np
import torch
import torchvision

MODELS = ["mobilenet_v2", "resnet18", "squeezenet1_1", "mobilenet_v3_small",
          "shufflenet_v2_x0_5"]
SEED = 0
CALIB_STEPS = 4
CALIB_BATCH = 8


def build(name, index):
    torch.manual_seed(SEED + index)
    model = getattr(torchvision.models, name)(weights=None)
    # Fresh BatchNorms have running_mean 0 and running_var 1, which would make
    # them (near) identities. A few train-mode forward passes on seeded random
    # data with a large momentum move the statistics to data-dependent values.
    for m in model.modules():
        if isinstance(m, torch.nn.modules.batchnorm._BatchNorm):
            m.momentum = 0.5
    gen = torch.Generator().manual_seed(1000 + index)
    model.train()
    with torch.no_grad():
        for _ in range(CALIB_STEPS):
            model(torch.rand(CALIB_BATCH, 3, 224, 224, generator=gen) * 2 - 1)
    model.eval()
    return model


def main(outdir, names=None):
    names = names or MODELS
    unknown = sorted(set(names) - set(MODELS))
    if unknown:
        sys.exit(f"unknown model(s) {', '.join(unknown)}; choose from {', '.join(MODELS)}")
    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)
    os.makedirs(outdir, exist_ok=True)
    print(f"{'model':20s} {'params (torch)':>15s} {'export s':>9s} {'onnx bytes':>12s}")
    for index, name in enumerate(MODELS):
        if name not in names:
            continue
        model = build(name, index)
        params = sum(p.numel() for p in model.parameters())
        x = torch.randn(1, 3, 224, 224,
                        generator=torch.Generator().manual_seed(2000 + index))
        with torch.no_grad():
            y = model(x)
        path = os.path.join(outdir, f"{name}.onnx")
        start = time.perf_counter()
        torch.onnx.export(model, x, path, input_names=["input"],
                          output_names=["logits"], opset_version=13,
                          do_constant_folding=True)
        seconds = time.perf_counter() - start
        np.save(os.path.join(outdir, f"{name}.input.npy"), x.numpy())
        np.save(os.path.join(outdir, f"{name}.output.npy"), y.numpy())
        print(f"{name:20s} {params:15,d} {seconds:9.2f} {os.path.getsize(path):12,d}",
              flush=True)


if __name__ == "__main__":
    here = os.path.dirname(os.path.abspath(__file__))
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "out"),
         sys.argv[2:])
