# SPDX-License-Identifier: MIT
"""Checks pruned TorchScript files in stock PyTorch, independently of Prunescope.

    /usr/bin/python3 tests/prune/check_pruned.py CASES.json

CASES.json: {"cases": [{"original": zero-shift .pt, "pruned": .pt, "input": "1,3,8,8",
"kept_filters": {layer: [filter, ...]}} | {..., "masks": NNI-format .pth}]}.
For each case: the pruned file loads and runs; its state_dict has the original's keys, each
tensor of the same rank and no larger in any dim; every masked layer keeps exactly the kept
filters (each pruned filter is the original one with some input channels removed, in
order); scripted layers' width constants (out_channels, groups, num_features...) match
their tensors; the pruned model has fewer parameters; and its output matches the original
model with the removed filters masked to zero (the fixtures' biases, BN shifts and
running means are zero, so masking silences a channel) to 1e-4 relative.
"""
import json
import sys

import torch


def inputs(spec):
    rng = torch.Generator().manual_seed(7)
    return tuple(torch.zeros([int(d) for d in part.split(":")[-1].split(",")], dtype=torch.int64)
                 if part.startswith("int") else torch.randn([int(d) for d in part.split(",")], generator=rng)
                 for part in spec.split(";"))


def kept_from_masks(path):
    masks = torch.load(path)
    return {layer: [int(i) for i in torch.nonzero(m["weight"].flatten(1).abs().sum(1)).flatten()]
            for layer, m in masks.items()}


def module_at(root, path):
    for name in path.split("."):
        root = getattr(root, name)
    return root


def same_filter_fewer_inputs(original, pruned):
    """pruned[j] must be original[:, c_j] for ascending input channels c_j."""
    c = 0
    for j in range(pruned.shape[0]):
        while c < original.shape[0] and not torch.equal(original[c], pruned[j]):
            c += 1
        if c == original.shape[0]:
            return False
        c += 1
    return True


def stale_constants(model):
    """Scripted layers restate their widths as constants; they must match the tensors."""
    errors = []
    for name, m in model.named_modules():
        kind = getattr(m, "original_name", "")
        try:
            if kind == "Conv2d":
                w = m.weight
                if (m.out_channels, m.in_channels) != (w.shape[0], w.shape[1] * m.groups):
                    errors.append(f"{name}: out/in_channels {m.out_channels}/{m.in_channels}, groups {m.groups}, "
                                  f"weight {list(w.shape)}")
            elif kind.startswith("BatchNorm") and m.num_features != m.running_mean.shape[0]:
                errors.append(f"{name}: num_features {m.num_features}, running_mean {list(m.running_mean.shape)}")
            elif kind == "Linear" and (m.out_features, m.in_features) != tuple(m.weight.shape):
                errors.append(f"{name}: out/in_features {m.out_features}/{m.in_features}, weight {list(m.weight.shape)}")
        except AttributeError:
            pass  # traced layers keep no such constants
    return errors


def state_dict_errors(original, pruned):
    """Same names, smaller shapes: a user's code that loads the state_dict by name, or a
    script that walks it, must find every tensor where it was."""
    a, b = original.state_dict(), pruned.state_dict()
    errors = [f"state_dict key {k} is gone" for k in a if k not in b]
    errors += [f"state_dict key {k} is new" for k in b if k not in a]
    for k in a.keys() & b.keys():
        if a[k].dim() != b[k].dim() or any(y > x for x, y in zip(a[k].shape, b[k].shape)):
            errors.append(f"{k}: shape {list(b[k].shape)}, originally {list(a[k].shape)}")
    return errors


def check(case):
    errors = []
    original = torch.jit.load(case["original"]).eval()
    pruned = torch.jit.load(case["pruned"]).eval()
    kept = case["kept_filters"] if "kept_filters" in case else kept_from_masks(case["masks"])
    before = sum(p.numel() for p in original.parameters())
    after = sum(p.numel() for p in pruned.parameters())
    if after >= before:
        errors.append(f"{after} parameters after pruning, {before} before")
    errors += state_dict_errors(original, pruned)
    errors += stale_constants(pruned)
    masked = torch.jit.load(case["original"]).eval()
    with torch.no_grad():
        for layer, filters in kept.items():
            w0 = module_at(original, layer).weight
            w1 = module_at(pruned, layer).weight
            if w1.shape[0] != len(filters):
                errors.append(f"{layer}: {w1.shape[0]} filters, the masks keep {len(filters)}")
                continue
            for j, f in enumerate(filters):
                # A filter's first dim is its input channels (a Linear row's are scalars).
                if not same_filter_fewer_inputs(w0[f] if w0.dim() > 2 else w0[f].unsqueeze(1),
                                                w1[j] if w1.dim() > 2 else w1[j].unsqueeze(1)):
                    errors.append(f"{layer}: pruned filter {j} is not original filter {f}")
                    break
            drop = torch.ones(w0.shape[0], dtype=torch.bool)
            drop[filters] = False
            module_at(masked, layer).weight[drop] = 0
        x = inputs(case["input"])
        expected = masked(*x)
        actual = pruned(*x)
    if expected.shape != actual.shape:
        errors.append(f"output shape {list(actual.shape)}, masked model {list(expected.shape)}")
    else:
        scale = expected.abs().max().item()
        diff = (expected - actual).abs().max().item()
        if diff > 1e-4 * scale:
            errors.append(f"output differs from the masked model: max |diff| {diff:.3g}, values up to {scale:.3g}")
        print(f"{case['pruned']}: {before} -> {after} params, max |diff| {diff:.2e} (relative {diff / scale:.2e})")
    return errors


def main():
    with open(sys.argv[1]) as f:
        cases = json.load(f)["cases"]
    if not cases:
        print("no cases: the pruning tests wrote none", file=sys.stderr)
        return 1
    failed = 0
    for case in cases:
        errors = check(case)
        for error in errors:
            print(f"FAIL {case['pruned']}: {error}", file=sys.stderr)
        failed += bool(errors)
    print(f"{len(cases) - failed} of {len(cases)} pruned models match their masked originals", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
