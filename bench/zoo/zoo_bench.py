#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""The zoo bench: every torchvision constructor, traced and scripted where PyTorch can,
through `prunescope-cli analyze` as a new user would run it.

    /usr/bin/python3 bench/zoo/zoo_bench.py [--build build/dev] [--work build/zoo]
        [--only NAME ...] [--family F ...] [--keep-mb 200] [--resume] [--no-trace-check]
        [--report-only]

For each file: whether it opened (and why not), the shape mode (and the op that made a
real run necessary), graph nodes, dependency sets, the time of each phase and of the
whole process, and extended MACs against torchvision's published figure. Scripted and
traced answers are compared where both exist. A file Prunescope refuses is loaded and
run in PyTorch too, to tell a wrong refusal from a file PyTorch cannot read either.

Files are written to --work, analysed, then deleted unless smaller than --keep-mb
(the 224 files take ~40 GB). Raw results go to WORK/results.json (merged across runs,
so --only reruns a few models; written after every model, so --resume goes on where a
stopped run left off). Models run in the order --only names them, families in the
order --family does (the targets first, say). bench/zoo/results.md gets the table, and README.md the
summary between its zoo-summary markers. Needs Debian's Python with torch. Runs outside
CI: generating and analysing everything takes about an hour here.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "tests", "fixtures"))
sys.path.insert(0, HERE)

import zoo_report  # noqa: E402  (torch-free: renders tables from results.json)


VERB = {"traced": "trace", "scripted": "script"}


def first_line(text):
    """The first non-empty line, whole: the CLI's messages end with what to do."""
    for line in str(text).splitlines():
        if line.strip():
            return line.strip()
    return ""


def normalized(report):
    """The answers that must not depend on how the file was exported."""
    return {
        "channel_sets": sorted(sorted(s) for s in report["channel_dependency"]["sets"]),
        "input_channel_sets": sorted(sorted(s) for s in report["input_channel_dependency"]["sets"]),
        "groups": report["group_dependency"],
        "not_safe": sorted(u["layer"] for u in report["not_safe_to_prune"]),
        "macs": report["flops"]["total"],
    }


def analyze(cli, path, spec, timeout, runs=1):
    """Whole-process runs of the CLI (the median time of `runs`): (row fields, normalized
    answers or None)."""
    out = path + ".json"
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        try:
            proc = subprocess.run([cli, "analyze", path, "--input", spec, "--flops-mode", "extended", "--json", out],
                                  capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            return {"opened": False, "why": f"timed out after {timeout} s"}, None
        times.append(time.perf_counter() - start)
        if proc.returncode != 0:
            break
    whole = statistics.median(times)
    if proc.returncode != 0:
        message = first_line(proc.stderr).removeprefix("prunescope-cli: error: ")
        return {"opened": False, "exit": proc.returncode, "why": message.removeprefix(path + ": "),
                "whole_s": whole}, None
    with open(out) as f:
        report = json.load(f)
    os.remove(out)
    model = report["model"]
    sets = report["channel_dependency"]["sets"]
    row = {
        "opened": True, "whole_s": whole, "shape_mode": model["shape_mode"],
        "reason": model.get("meta_fallback_reason", ""),
        "fallback_ops": {op["op"]: op["calls"] for op in model.get("fallback_ops", [])},
        "nodes": len(report["graph"]["nodes"]), "sets": len(sets), "multi_sets": sum(len(s) > 1 for s in sets),
        "not_safe": len(report["not_safe_to_prune"]), "macs": report["flops"]["total"],
        "params": model["params"], "uncounted": [u["type"] for u in report["flops"].get("uncounted", [])],
        "timings": report["timings"],
    }
    return row, normalized(report)


def pytorch_reads(path, spec):
    """Whether PyTorch itself loads the file and runs it on the example input."""
    import torch
    import zoo_models
    try:
        module = torch.jit.load(path)
        with torch.no_grad():
            module(*zoo_models.tensors(spec))
        return True, ""
    except Exception as error:  # what PyTorch says is the datum
        return False, first_line(error)


def published_form(name):
    """Constructor arguments that build the model as torchvision's published figure counts
    it: its weights' own configuration. FCN's and DeepLabV3's weights carry the auxiliary
    classifier (aux_loss=True), which a model built without weights leaves out (on
    fcn_resnet50 at 520x520 that head is 9.991 GMACs, the whole gap to 152.717)."""
    import inspect
    import torchvision.models as M
    import zoo_models
    parameters = inspect.signature(M.get_model_builder(name)).parameters
    if "aux_loss" in parameters:
        return {"aux_loss": True}
    # A ViT's weights set its image size (vit_h_14's first weights are SWAG's at 518); built
    # without them it is a 224 model, which refuses the weights' crop size.
    weights = zoo_models.first_weights(name)
    if name.startswith("vit_") and weights and weights.meta["min_size"][0] != 224:
        return {"image_size": weights.meta["min_size"][0]}
    return {}


def variant_of(form):
    """The file name's mark of a non-default build: _aux, or _IMAGESIZE."""
    if form.get("aux_loss"):
        return "_aux"
    return f"_{form['image_size']}" if "image_size" in form else ""


def bench_model(name, family, args, cli):
    import torch
    import zoo_models
    spec = zoo_models.example_input(name)
    rows, answers = [], {}
    try:
        model = zoo_models.build(name, **published_form(name))
    except Exception as error:
        return [{"model": name, "family": family, "form": "-", "opened": False, "why": "build: " + first_line(error)}]
    example = zoo_models.tensors(spec)
    forms = ["scripted"] if family == "detection" else ["traced", "scripted"]
    for form in forms:
        row = {"model": name, "family": family, "form": form, "input": spec}
        variant = variant_of(published_form(name))
        path = os.path.join(args.work, f"{name}{variant}_{form}.pt")
        start = time.perf_counter()
        try:
            if not os.path.exists(path):
                zoo_models.export(model, form, example, check=args.trace_check).save(path)
        except Exception as error:
            row.update(opened=False, exported=False, why=f"PyTorch cannot {VERB[form]} it: " + first_line(error))
            rows.append(row)
            continue
        row["export_s"] = time.perf_counter() - start
        row["file_mb"] = os.path.getsize(path) / 1e6
        result, answer = analyze(cli, path, spec, args.timeout, args.runs)
        result["runs"] = args.runs
        row.update(result)
        if answer is not None:
            answers[form] = answer
        else:
            ok, why = pytorch_reads(path, spec)
            row["pytorch_reads"] = ok
            row["pytorch_says"] = why
        if row["file_mb"] > args.keep_mb:
            os.remove(path)
        rows.append(row)
        print(f"  {name} {form}: {'opened' if row.get('opened') else 'refused'} "
              f"{row.get('shape_mode', row.get('why', ''))[:100]} {row.get('whole_s', 0):.1f} s", flush=True)
    if len(answers) == 2:
        differs = [key for key in answers["traced"] if answers["traced"][key] != answers["scripted"][key]]
        for row in rows:
            row["scripted_equals_traced"] = not differs
            row["differs_in"] = differs
    del model
    torch.cuda.empty_cache() if torch.cuda.is_available() else None
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", default=os.path.join(ROOT, "build", "dev"))
    parser.add_argument("--work", default=os.path.join(ROOT, "build", "zoo"))
    parser.add_argument("--only", nargs="*", default=[])
    parser.add_argument("--family", nargs="*", default=[])
    parser.add_argument("--keep-mb", type=float, default=200.0, help="keep generated files up to this size")
    parser.add_argument("--timeout", type=int, default=900)
    parser.add_argument("--runs", type=int, default=1, help="runs per file; the median time is reported")
    parser.add_argument("--resume", action="store_true", help="skip the models results.json already has")
    parser.add_argument("--no-trace-check", dest="trace_check", action="store_false",
                        help="skip torch.jit.trace's check (two more forwards per traced file; the file is the same)")
    parser.add_argument("--report-only", action="store_true", help="only render results.json again")
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)
    results_path = os.path.join(args.work, "results.json")
    results = {}
    if os.path.exists(results_path):
        with open(results_path) as f:
            results = json.load(f)
    if not args.report_only:
        import torch
        import zoo_models
        torch.set_grad_enabled(True)
        cli = os.path.join(args.build, "app", "prunescope-cli")
        started = time.time()
        models = zoo_models.all_models()
        if args.family:
            models = sorted((m for m in models if m[1] in args.family), key=lambda m: args.family.index(m[1]))
        if args.only:
            models = sorted((m for m in models if m[0] in args.only), key=lambda m: args.only.index(m[0]))
        for name, family in models:
            if args.resume and name in results:
                continue
            print(f"{name} ({family})", flush=True)
            results[name] = bench_model(name, family, args, cli)
            for row in results[name]:
                row["command"] = " ".join(["/usr/bin/python3 bench/zoo/zoo_bench.py"] + sys.argv[1:])
            with open(results_path + ".tmp", "w") as f:
                json.dump(results, f, indent=1)
            os.replace(results_path + ".tmp", results_path)
        print(f"bench: {time.time() - started:.0f} s", flush=True)
    zoo_report.write(results, os.path.join(HERE, "results.md"), os.path.join(ROOT, "README.md"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
