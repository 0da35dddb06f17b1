#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Writes a synthetic residual net of N basic blocks as a traced TorchScript file, for the
GUI scale benchmarks (bench/gui_bench.cpp) and for trying the app on tall graphs.

    /usr/bin/python3 bench/make_residual_net.py BLOCKS OUT.pt [--flat] [--masks MASKS.pth]

Each block is conv-bn-relu-conv-bn-add-relu on 8 channels of 8x8 (7 ops), so a net has
about 7 * BLOCKS + 7 ops. The blocks sit in one Sequential box (`blocks`), or, with
--flat, directly in the model's top level (the tallest top level a model can have).
--masks also writes NNI-format masks for its convolutions, made as the test fixtures'
are (tests/fixtures/make_fixtures.py, l1_filter_masks), so that the residual sets
conflict. The files are written atomically (bench/run_bench.py --scale caches them).
"""
import argparse
import os
import sys

import torch
from torch import nn


class Block(nn.Module):
    def __init__(self, channels):
        super().__init__()
        self.conv1 = nn.Conv2d(channels, channels, 3, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(channels)
        self.relu = nn.ReLU(inplace=True)  # relu_ has a meta kernel: shapes without arithmetic
        self.conv2 = nn.Conv2d(channels, channels, 3, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(channels)

    def forward(self, x):
        y = self.relu(self.bn1(self.conv1(x)))
        return self.relu(self.bn2(self.conv2(y)) + x)


class Net(nn.Module):
    def __init__(self, blocks, channels=8, flat=False):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(3, channels, 3, padding=1, bias=False), nn.BatchNorm2d(channels), nn.ReLU(inplace=True))
        body = [Block(channels) for _ in range(blocks)]
        self.flat = flat
        if flat:
            for i, block in enumerate(body):
                self.add_module(f"block{i}", block)
            self.count = blocks
        else:
            self.blocks = nn.Sequential(*body)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(channels, 10)

    def forward(self, x):
        x = self.stem(x)
        if self.flat:
            for i in range(self.count):
                x = getattr(self, f"block{i}")(x)
        else:
            x = self.blocks(x)
        return self.fc(torch.flatten(self.pool(x), 1))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("blocks", type=int)
    parser.add_argument("out")
    parser.add_argument("--flat", action="store_true")
    parser.add_argument("--masks", help="also write NNI-format L1 masks for the convolutions here")
    args = parser.parse_args()
    torch.manual_seed(0)
    model = Net(args.blocks, flat=args.flat).eval()
    with torch.no_grad():
        torch.jit.trace(model, torch.randn(1, 3, 8, 8)).save(args.out + ".tmp")
    os.replace(args.out + ".tmp", args.out)
    if args.masks:
        sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "fixtures"))
        import make_fixtures  # noqa: E402  (torchvision too: only when masks are asked for)

        torch.save(make_fixtures.l1_filter_masks(model, seed=50), args.masks + ".tmp")
        os.replace(args.masks + ".tmp", args.masks)


if __name__ == "__main__":
    main()
