# SPDX-License-Identifier: MIT
"""Writes NNI-format pruning masks for a torchvision model, for the GUI bench's --masks.

    /usr/bin/python3 bench/make_bench_masks.py resnet50 build/bench/masks_resnet50.pth

The masks are made the way the test fixtures' are (tests/fixtures/make_fixtures.py,
l1_filter_masks: a random sparsity per Conv2d, the filters of smallest L1 norm pruned),
so the residual sets conflict as they would after an unconstrained L1 pruner.
"""
import os
import sys

import torch
import torchvision

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "fixtures"))
import make_fixtures  # noqa: E402


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    name, out = sys.argv[1], sys.argv[2]
    torch.manual_seed(0)
    model = getattr(torchvision.models, name)(weights=None).eval()
    masks = make_fixtures.l1_filter_masks(model, seed=50)
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    torch.save(masks, out)
    print(f"{out}: masks for {len(masks)} Conv2d layers of {name}")


if __name__ == "__main__":
    main()
