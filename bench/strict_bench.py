#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""What the strict pruning groups cost: `analyze --rules strict` against `analyze`.

    bench/strict_bench.py [--build build/dev] [--fixtures build/fixtures] [--runs 5] [--models ...]

Per model, in the same session: the median whole-process time of `analyze --json`
(NNI's rules) and of `analyze --rules strict --json`, the strict analysis' own phase
(`timings.strict_groups`), its share of the plain run, and its cost per op executed
(aten ops of the OpGraph) and per index (the lengths of all tensor dims: the walk's
union-find has one element per index). The walk is one pass over the ops, each costing
its tensors' widths, so the cost per index must stay flat from small to large models
(per op it grows with the widths: DenseNet's concatenations are wide). Needs no torch.
"""
import argparse
import json
import os
import statistics
import subprocess
import tempfile
import time

MODELS = ["resnet18", "resnet50", "resnet152", "mobilenet_v2", "efficientnet_b0", "densenet121", "densenet201",
          "shufflenet_v2_x1_0", "regnet_x_400mf", "convnext_tiny", "vit_b_16", "swin_t"]


def run(cli, model, runs, extra):
    times, strict_ms, ops, indices = [], [], 0, 0
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "r.json")
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run([cli, "analyze", model, "--json", out, *extra], check=True, stdout=subprocess.DEVNULL)
            times.append(time.perf_counter() - start)
            with open(out) as f:
                report = json.load(f)
            ops = sum(len(n["ops"]) for n in report["graph"]["nodes"])
            indices = sum(sum(v.get("shape", [])) for v in report["graph"]["values"])
            strict_ms.append(report["timings"].get("strict_groups", 0.0))
    return statistics.median(times), statistics.median(strict_ms), ops, indices


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", default="build/dev")
    parser.add_argument("--fixtures", default="build/fixtures")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--models", nargs="*", default=MODELS)
    args = parser.parse_args()
    cli = os.path.join(args.build, "app", "prunescope-cli")
    print(f"{'model':<20}{'ops':>7}{'indices':>9}{'analyze ms':>12}{'strict ms':>11}{'groups ms':>11}{'share':>8}"
          f"{'us/op':>8}{'ns/index':>10}")
    per_op, per_index = [], []
    for name in args.models:
        path = os.path.join(args.fixtures, f"{name}_traced.pt")
        if not os.path.exists(path):
            print(f"{name:<20} missing fixture {path}")
            continue
        plain, _, ops, indices = run(cli, path, args.runs, [])
        strict, groups, _, _ = run(cli, path, args.runs, ["--rules", "strict"])
        per_op.append(groups * 1000 / max(ops, 1))
        per_index.append(groups * 1e6 / max(indices, 1))
        print(f"{name:<20}{ops:>7}{indices:>9}{plain * 1000:>12.0f}{strict * 1000:>11.0f}{groups:>11.1f}"
              f"{groups / (plain * 1000):>8.1%}{per_op[-1]:>8.1f}{per_index[-1]:>10.1f}")
    if per_op:
        print(f"\nstrict groups per op: {min(per_op):.1f} .. {max(per_op):.1f} us; per index: "
              f"{min(per_index):.1f} .. {max(per_index):.1f} ns (max/min {max(per_index) / min(per_index):.2f})")


if __name__ == "__main__":
    main()
