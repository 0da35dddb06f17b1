# SPDX-License-Identifier: MIT
"""Prunes the zero-shift torchvision zoo with random conflicting masks and checks every
pruned file in stock PyTorch (check_pruned.py); prints the zoo table.

    /usr/bin/python3 tests/prune/zoo_check.py CLI FIXTURES OUTDIR [--models NAME ...] [--latency-runs N]

Per model: masks that prune a random 20-60 % of the filters of every Conv2d (random
filters, so the layers of one group disagree and the fixer must reconcile them), then
`prunescope-cli prune zs_<model>_traced.pt MASKS -o ... --fixed-masks ... --json ...`
(exit 0 expected), then the stock-PyTorch check against the fixed masks, and `flops --masks
FIXED` (the counter's "after speedup") must equal `flops PRUNED`. The table gives
params and MACs before/after, latency before/after and the max output error.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import zlib

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures"))
import check_pruned  # noqa: E402
import prune_models  # noqa: E402


def random_masks(model, seed):
    rng = torch.Generator().manual_seed(seed)
    masks = {}
    for name, module in model.named_modules():
        if getattr(module, "original_name", "") != "Conv2d":
            continue
        weight = module.weight
        filters = weight.shape[0]
        prune = int(filters * (0.2 + 0.4 * torch.rand(1, generator=rng).item()))
        if prune < 1 or prune >= filters:
            continue
        keep = torch.ones(filters)
        keep[torch.randperm(filters, generator=rng)[:prune]] = 0
        bias = keep.clone() if getattr(module, "bias", None) is not None else None
        masks[name] = {"weight": keep.view(-1, *[1] * (weight.dim() - 1)).expand_as(weight).clone(), "bias": bias}
    return masks


def flops(cli, model, *extra):
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "f.json")
        subprocess.run([cli, "flops", model, "--input", "1,3,224,224", "--mode", "extended", "--json", out, *extra],
                       check=True, capture_output=True)
        with open(out) as f:
            return json.load(f)


def prediction_errors(cli, original, fixed, pruned):
    """`flops --masks` predicts the MACs and counted params after speedup from the fixed
    masks; the pruned file must measure exactly that."""
    predicted = flops(cli, original, "--masks", fixed)
    measured = flops(cli, pruned)
    errors = []
    for what, a, b in (("MACs", predicted["effective_total"], measured["total"]),
                       ("params", predicted["effective_params"], measured["params"])):
        if a != b:
            errors.append(f"flops --masks predicts {a:,} {what} after speedup, the pruned file has {b:,}")
    return errors


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cli")
    parser.add_argument("fixtures")
    parser.add_argument("outdir")
    parser.add_argument("--models", nargs="*",
                        default=[f"{m}_traced" for m in prune_models.ZOO] + [f"{m}_scripted" for m in prune_models.ZOO_SCRIPTED])
    parser.add_argument("--latency-runs", default="0")
    args = parser.parse_args()
    os.makedirs(args.outdir, exist_ok=True)
    rows, failed = [], 0
    for name in args.models:
        seed = zlib.crc32(name.encode())  # the same masks whichever models run
        original = os.path.join(args.fixtures, f"zs_{name}.pt")
        masks = os.path.join(args.outdir, f"{name}.masks.pth")
        torch.save(random_masks(torch.jit.load(original), seed), masks)
        pruned, fixed, report = (os.path.join(args.outdir, f"{name}{ext}") for ext in (".pruned.pt", ".fixed.pth", ".json"))
        run = subprocess.run([args.cli, "prune", original, masks, "--input", "1,3,224,224", "-o", pruned,
                              "--fixed-masks", fixed, "--json", report, "--latency-runs", args.latency_runs],
                             capture_output=True, text=True)
        if run.returncode != 0:
            print(f"FAIL {name}: prune exited {run.returncode}: {run.stderr.strip()}", file=sys.stderr)
            failed += 1
            continue
        errors = check_pruned.check({"original": original, "pruned": pruned, "input": "1,3,224,224", "masks": fixed})
        errors += prediction_errors(args.cli, original, fixed, pruned)
        for error in errors:
            print(f"FAIL {name}: {error}", file=sys.stderr)
        failed += bool(errors)
        with open(report) as f:
            rows.append((name, json.load(f)))
    print("| model | params before -> after | MACs before -> after | latency 1 thread (ms) | latency all threads (ms) "
          "| max output error abs / rel |")
    print("|---|---|---|---|---|---|")
    for name, r in rows:
        b, a, v = r["before"], r["after"], r["verification"]

        def latency(key):
            return f"{b[key]:.0f} -> {a[key]:.0f}" if key in b else "-"
        print(f"| {name} | {b['params']:,} -> {a['params']:,} | {b['macs']:,} -> {a['macs']:,} "
              f"| {latency('latency_ms_one_thread')} | {latency('latency_ms_all_threads')} "
              f"| {v['max_abs']:.1e} / {v['max_rel']:.1e} |")
    print(f"{len(args.models) - failed} of {len(args.models)} models pruned and checked")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
