#!/usr/bin/env python3
"""Trains edgec's digits example: a small CNN on scikit-learn's bundled digits
data set (1797 grey 8x8 images of the digits 0-9; no download needed) and exports
it to ONNX. Everything is seeded and single-threaded, so a rerun reproduces the
committed files. Run with Debian's python3 (torch, scikit-learn, onnx):

    /usr/bin/python3 examples/digits/train.py [OUTDIR]     # OUTDIR defaults to this directory

Writes to OUTDIR:
  digits.onnx        opset 13, static input "image" 1x1x8x8 f32 in [0, 1],
                     output "logits" 1x10
  test_images.npy    float32 [N,1,8,8], the held-out 20% (stratified, seed 0)
  test_labels.npy    int64 [N]
  calib_images.npy   float32 [200,1,8,8], drawn from the training split only
and prints the float test accuracy measured with torch.
"""
import os
import random
import sys

import numpy as np
import torch
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from torch import nn

SEED = 0
EPOCHS = 30
BATCH = 32
LR = 1e-2
NUM_CALIB = 200


class DigitsCNN(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 8, 3, padding=1)
        self.bn1 = nn.BatchNorm2d(8)
        self.conv2 = nn.Conv2d(8, 16, 3, padding=1)
        self.bn2 = nn.BatchNorm2d(16)
        self.pool = nn.MaxPool2d(2)
        self.fc = nn.Linear(16 * 4 * 4, 10)

    def forward(self, x):
        x = torch.relu(self.bn1(self.conv1(x)))
        x = torch.relu(self.bn2(self.conv2(x)))
        x = self.pool(x)
        x = torch.flatten(x, 1)
        return self.fc(x)


def seed_everything():
    random.seed(SEED)
    np.random.seed(SEED)
    torch.manual_seed(SEED)
    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)


def load_split():
    digits = load_digits()
    # Pixel values are 0..16; scale to [0, 1].
    images = (digits.images / 16.0).astype(np.float32)[:, None, :, :]
    labels = digits.target.astype(np.int64)
    return train_test_split(images, labels, test_size=0.2, stratify=labels,
                            random_state=SEED)


def accuracy(model, images, labels):
    model.eval()
    with torch.no_grad():
        pred = model(torch.from_numpy(images)).argmax(dim=1).numpy()
    return float((pred == labels).mean())


def main(outdir):
    seed_everything()
    x_train, x_test, y_train, y_test = load_split()

    model = DigitsCNN()
    opt = torch.optim.SGD(model.parameters(), lr=LR, momentum=0.9, weight_decay=1e-4)
    loss_fn = nn.CrossEntropyLoss()
    gen = torch.Generator().manual_seed(SEED)
    xt, yt = torch.from_numpy(x_train), torch.from_numpy(y_train)
    for epoch in range(EPOCHS):
        model.train()
        perm = torch.randperm(len(xt), generator=gen)
        total = 0.0
        for i in range(0, len(xt), BATCH):
            idx = perm[i:i + BATCH]
            opt.zero_grad()
            loss = loss_fn(model(xt[idx]), yt[idx])
            loss.backward()
            opt.step()
            total += loss.item() * len(idx)
        if epoch % 5 == 4 or epoch == EPOCHS - 1:
            print(f"epoch {epoch + 1:2d}  train loss {total / len(xt):.4f}")

    model.eval()
    train_acc = accuracy(model, x_train, y_train)
    test_acc = accuracy(model, x_test, y_test)
    print(f"float train accuracy (torch): {train_acc:.4f}")
    print(f"float test accuracy (torch):  {test_acc:.4f} "
          f"({int(round(test_acc * len(y_test)))}/{len(y_test)})")

    os.makedirs(outdir, exist_ok=True)
    onnx_path = os.path.join(outdir, "digits.onnx")
    torch.onnx.export(model, torch.zeros(1, 1, 8, 8), onnx_path,
                      input_names=["image"], output_names=["logits"],
                      opset_version=13, do_constant_folding=True)
    calib_idx = np.random.default_rng(SEED).choice(len(x_train), NUM_CALIB,
                                                   replace=False)
    calib_idx.sort()
    np.save(os.path.join(outdir, "test_images.npy"), x_test)
    np.save(os.path.join(outdir, "test_labels.npy"), y_test)
    np.save(os.path.join(outdir, "calib_images.npy"),
            np.ascontiguousarray(x_train[calib_idx]))
    print(f"wrote {onnx_path}, test_images.npy {x_test.shape}, "
          f"test_labels.npy {y_test.shape}, calib_images.npy ({NUM_CALIB}, 1, 8, 8)")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
