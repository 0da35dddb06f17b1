#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Whole-process benchmark of `prunescope-cli prune` with verification.

    bench/prune_bench.py [--build build/dev] [--fixtures build/fixtures] [--runs 3] [--models resnet50]
                         [--fraction 0.3] [--masks MASKS.pth]

For each model: the median wall time of the whole process (load -> verified pruned file
written, latency not measured), the median of each phase the CLI reports (load, probe,
silenced run, slice, save, verify, write), and in the same session an empty process
linking libtorch (the floor) and `analyze` of the same model, since the machine's load
changes the absolute figures. Without --masks the plan is made by
prunescope-bench-chain-plan (the simplest groups: a conv, its BN, its next conv); with
--masks the CLI fixes the masks and plans itself. Needs no torch.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time


def wall(cmd, runs):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", default="build/dev")
    parser.add_argument("--fixtures", default="build/fixtures")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--models", nargs="*", default=["resnet50"])
    parser.add_argument("--fraction", type=float, default=0.3)
    parser.add_argument("--masks", help="prune from these masks instead of a chain plan (one model)")
    args = parser.parse_args()
    cli = os.path.join(args.build, "app", "prunescope-cli")
    floor = wall([os.path.join(args.build, "bench", "prunescope-bench-floor")], args.runs)
    print(f"floor (empty libtorch process): {floor:.2f} s")
    with tempfile.TemporaryDirectory() as tmp:
        for name in args.models:
            model = os.path.join(args.fixtures, f"zs_{name}_traced.pt")
            if not os.path.exists(model):
                model = os.path.join(args.fixtures, f"{name}_traced.pt")
            source = [args.masks] if args.masks else ["--plan", os.path.join(tmp, "plan.json")]
            if not args.masks:
                subprocess.run([os.path.join(args.build, "bench", "prunescope-bench-chain-plan"), model,
                                str(args.fraction), source[1]], check=True, stdout=subprocess.DEVNULL)
            report = os.path.join(tmp, "report.json")
            cmd = [cli, "prune", model, *source, "-o", os.path.join(tmp, "pruned.pt"), "--latency-runs", "0",
                   "--json", report]
            analyze = wall([cli, "analyze", model, "--json", os.path.join(tmp, "a.json")], args.runs)
            times, phases = [], {}
            for _ in range(args.runs):
                start = time.perf_counter()
                subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
                times.append(time.perf_counter() - start)
                with open(report) as f:
                    result = json.load(f)
                for phase, ms in result["timings"].items():
                    phases.setdefault(phase, []).append(ms)
            total = statistics.median(times)
            print(f"{name}: prune {total:.2f} s whole process (analyze {analyze:.2f} s, floor {floor:.2f} s); "
                  f"params {result['before']['params']:,} -> {result['after']['params']:,}, "
                  f"max error {result['verification']['max_abs']:.2e}")
            print("  " + ", ".join(f"{p} {statistics.median(v):.0f} ms" for p, v in phases.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
