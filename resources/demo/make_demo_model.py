# SPDX-License-Identifier: MIT
"""Writes demo_model.pt, the TorchScript model Prunescope opens when started without a file.

Small (a few hundred KB) but with one of everything the app shows: a residual add (a
channel dependency set), a concat, a depthwise and a grouped convolution (group
dependencies), and a conv whose output reaches `view` (not safe to prune).

Run with Debian's Python, which has torch: /usr/bin/python3 make_demo_model.py [OUT.pt]
"""
import os
import sys

import torch
import torch.nn as nn


def conv_bn(cin, cout, kernel=3, stride=1, groups=1):
    return nn.Sequential(
        nn.Conv2d(cin, cout, kernel, stride, kernel // 2, groups=groups, bias=False),
        nn.BatchNorm2d(cout),
        nn.ReLU(inplace=True),
    )


class ResidualBlock(nn.Module):
    def __init__(self, channels):
        super().__init__()
        self.conv1 = conv_bn(channels, channels)
        self.conv2 = nn.Conv2d(channels, channels, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(channels)
        self.relu = nn.ReLU(inplace=True)

    def forward(self, x):
        return self.relu(self.bn2(self.conv2(self.conv1(x))) + x)


class InceptionBlock(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.branch1 = conv_bn(cin, cout // 2, kernel=1)
        self.branch3 = nn.Sequential(conv_bn(cin, cout // 4, kernel=1), conv_bn(cout // 4, cout // 2))
        self.pool = nn.MaxPool2d(2)

    def forward(self, x):
        return self.pool(torch.cat([self.branch1(x), self.branch3(x)], dim=1))


class SeparableBlock(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.depthwise = conv_bn(cin, cin, groups=cin)
        self.pointwise = conv_bn(cin, cout, kernel=1)
        self.shortcut = nn.Conv2d(cin, cout, 1, bias=False)

    def forward(self, x):
        return self.pointwise(self.depthwise(x)) + self.shortcut(x)


class DemoNet(nn.Module):
    def __init__(self, classes=10):
        super().__init__()
        self.stem = nn.Sequential(conv_bn(3, 32, stride=2), nn.MaxPool2d(2))  # 224 -> 56
        self.res = ResidualBlock(32)
        self.inception = InceptionBlock(32, 64)  # -> 28
        self.separable = SeparableBlock(64, 96)
        self.grouped = conv_bn(96, 96, stride=2, groups=4)  # -> 14
        self.head = nn.Conv2d(96, 16, 3, 2, 1)  # -> 7
        self.classifier = nn.Linear(16 * 7 * 7, classes)

    def forward(self, x):
        x = self.grouped(self.separable(self.inception(self.res(self.stem(x)))))
        x = self.head(x)
        x = x.view(x.size(0), 16 * 7 * 7)
        return self.classifier(x)


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "demo_model.pt")
    torch.manual_seed(0)
    model = DemoNet().eval()
    traced = torch.jit.trace(model, torch.ones(1, 3, 224, 224))
    tmp = out + ".tmp"
    traced.save(tmp)
    os.replace(tmp, out)
    print(f"wrote {out} ({os.path.getsize(out) // 1024} KiB)")


if __name__ == "__main__":
    main()
