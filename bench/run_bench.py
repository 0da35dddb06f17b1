#!/usr/bin/env python3
"""Whole-process benchmark of `prunescope-cli analyze MODEL --json` over torchvision models.

    bench/run_bench.py [--build build/dev] [--fixtures build/fixtures] [--runs 5] [--models ...]

For each model: median wall time of the whole process (load -> full JSON written), the
median of each phase the CLI reports with --timings, and the same for an empty process
linking libtorch (the floor, measured in the same session). Also checks that the cost
does not depend on the input's spatial size and that the time per op stays flat from
small to large models. Needs no torch: it only runs the built binaries.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

MODELS = ["resnet18", "resnet50", "resnet152", "mobilenet_v2", "densenet121", "densenet201", "googlenet",
          "shufflenet_v2_x1_0", "squeezenet1_1", "vgg11_bn", "vit_b_16", "convnext_tiny"]


def wall(cmd, runs):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def analyze(cli, model, runs, extra=()):
    """Median whole-process seconds and median per-phase ms, from the JSON's timings."""
    phases, times, nodes = {}, [], 0
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "r.json")
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run([cli, "analyze", model, "--json", out, *extra], check=True, stdout=subprocess.DEVNULL)
            times.append(time.perf_counter() - start)
            with open(out) as f:
                report = json.load(f)
            nodes = len(report["graph"]["nodes"])
            for phase, ms in report["timings"].items():
                phases.setdefault(phase, []).append(ms)
    return statistics.median(times), {p: statistics.median(v) for p, v in phases.items()}, nodes


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", default="build/dev")
    parser.add_argument("--fixtures", default="build/fixtures")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--models", nargs="*", default=MODELS)
    args = parser.parse_args()
    cli = os.path.join(args.build, "app", "prunescope-cli")
    floor_exe = os.path.join(args.build, "bench", "prunescope-bench-floor")
    floor = wall([floor_exe], args.runs)
    print(f"floor: empty process linking libtorch {floor * 1000:.0f} ms (median of {args.runs})\n")
    header = f"{'model':<20}{'nodes':>6}{'whole ms':>10}{'- floor':>9}{'load':>8}{'inline':>8}{'shapes':>8}" \
             f"{'graph':>7}{'analyses':>9}{'us/node':>9}"
    print(header)
    per_node = {}
    for name in args.models:
        path = os.path.join(args.fixtures, f"{name}_traced.pt")
        if not os.path.exists(path):
            print(f"{name:<20} missing fixture {path}")
            continue
        whole, phases, nodes = analyze(cli, path, args.runs)
        analyses = sum(v for k, v in phases.items() if k not in ("load", "inline", "shapes", "graph"))
        engine = phases.get("inline", 0) + phases.get("shapes", 0) + phases.get("graph", 0) + analyses
        per_node[name] = engine * 1000 / max(nodes, 1)
        print(f"{name:<20}{nodes:>6}{whole * 1000:>10.0f}{(whole - floor) * 1000:>9.0f}{phases.get('load', 0):>8.0f}"
              f"{phases.get('inline', 0):>8.1f}{phases.get('shapes', 0):>8.1f}{phases.get('graph', 0):>7.1f}"
              f"{analyses:>9.1f}{per_node[name]:>9.1f}")
    r50 = os.path.join(args.fixtures, "resnet50_traced.pt")
    if os.path.exists(r50):
        print("\nresnet50, input size vs shapes phase (meta tensors: should be flat)")
        for size in (224, 1024, 4096):
            whole, phases, _ = analyze(cli, r50, args.runs, ("--input", f"1,3,{size},{size}"))
            print(f"  1x3x{size}x{size}: whole {whole * 1000:.0f} ms, shapes {phases['shapes']:.1f} ms")
        whole, phases, _ = analyze(cli, r50, max(1, args.runs // 2), ("--shape-mode", "real"))
        print(f"  real tensors, 224: whole {whole * 1000:.0f} ms, shapes {phases['shapes']:.1f} ms")
    if per_node:
        print(f"\nengine time per node (inline+shapes+graph+analyses): "
              f"min {min(per_node.values()):.1f} us, max {max(per_node.values()):.1f} us")
    return 0


if __name__ == "__main__":
    sys.exit(main())
