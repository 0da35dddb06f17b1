#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Whole-process benchmark of `prunescope-cli analyze MODEL --json` over torchvision models.

    bench/run_bench.py [--build build/dev] [--fixtures build/fixtures] [--runs 5] [--models ...]
    bench/run_bench.py --scale [--runs 3] [--no-gui] [--baseline OTHER/prunescope-cli]

--scale measures how the cost grows with the model, everything in one session, side by
side: synthetic residual nets of 150, 1,500 and 3,000 blocks (bench/make_residual_net.py,
about 7 ops a block, made once with /usr/bin/python3 into build/bench with their L1 masks,
and made again only when the generator changes) and resnet50. Engine: per model the
median of each phase of `prunescope-cli analyze --timings`, the engine's time (inline,
shapes, graph, analyses) per op, and the load (reading the TorchScript file). GUI (unless
--no-gui): one prunescope-gui-bench process, offscreen, over resnet18 (the baseline) and the same
models: time to the first view, the worst GUI-thread stall (16 ms timer), expand all,
and the bytes the worker sent for open, a prune-type change, a FLOPs-mode change and
masks.fix. Ends with the ratios the targets are about, met or MISSED. With --baseline,
another build's CLI is measured too, in the same session (the version before a change).

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


def timed(cmd):
    """Wall seconds, CPU seconds (user + system) and the standard output of one run of `cmd`."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise subprocess.CalledProcessError(proc.returncode, cmd)
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime, out


def phase_cpu(summary):
    """Per phase, the CPU ms that `--timings` prints after the wall ms."""
    cpu, inside = {}, False
    for line in summary.splitlines():
        if line.startswith("Timings (ms)"):
            inside = True
        elif inside and line.startswith("  "):
            fields = line.split()
            if len(fields) == 3:
                cpu[fields[0]] = float(fields[2])
    return cpu


def analyze(cli, model, runs, extra=(), stat=statistics.median, cpu=False):
    """Whole-process seconds and per-phase ms (from the JSON's timings), each the `stat`
    of `runs` runs; with cpu, also the process's CPU seconds and per-phase CPU ms."""
    phases, cpu_phases, times, cpus, nodes = {}, {}, [], [], 0
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "r.json")
        for _ in range(runs):
            seconds, cpu_seconds, summary = timed([cli, "analyze", model, "--json", out, "--timings", *extra])
            times.append(seconds)
            cpus.append(cpu_seconds)
            with open(out) as f:
                report = json.load(f)
            nodes = len(report["graph"]["nodes"])
            for phase, ms in report["timings"].items():
                phases.setdefault(phase, []).append(ms)
            for phase, ms in phase_cpu(summary).items():
                cpu_phases.setdefault(phase, []).append(ms)
    result = stat(times), {p: stat(v) for p, v in phases.items()}, nodes
    return result + (stat(cpus), {p: stat(v) for p, v in cpu_phases.items()}) if cpu else result


SCALE_BLOCKS = [150, 1500, 3000]
MODEL_PHASES = ("inline", "shapes", "graph")  # with the analyses: the engine's work on the graph
HERE = os.path.dirname(os.path.abspath(__file__))
TORCH_PYTHON = "/usr/bin/python3"  # Debian's, with torch


def cached(outputs, script, args):
    """Runs `script` with `args` unless every output exists and is newer than the script."""
    stamp = os.path.getmtime(script)
    if all(os.path.exists(p) and os.path.getmtime(p) >= stamp for p in outputs):
        return
    print(f"generating {', '.join(os.path.basename(p) for p in outputs)} (cached for the next runs)", flush=True)
    subprocess.run([TORCH_PYTHON, script, *args], check=True, stdout=subprocess.DEVNULL)


def scale_models(args):
    """The scale bench's models, made once into BUILD/../bench (under build/: never in git)."""
    bench_dir = os.path.join(os.path.dirname(os.path.abspath(args.build)), "bench")
    os.makedirs(bench_dir, exist_ok=True)
    models = []
    for n in SCALE_BLOCKS:
        net, masks = os.path.join(bench_dir, f"residual_{n}.pt"), os.path.join(bench_dir, f"residual_{n}.masks.pth")
        cached([net, masks], os.path.join(HERE, "make_residual_net.py"), [str(n), net, "--masks", masks])
        models.append((f"residual_{n}", net, "1,3,8,8", masks))
    r50_masks = os.path.join(bench_dir, "masks_resnet50.pth")
    cached([r50_masks], os.path.join(HERE, "make_bench_masks.py"), ["resnet50", r50_masks])
    models.append(("resnet50", os.path.join(args.fixtures, "resnet50_traced.pt"), "1,3,224,224", r50_masks))
    return models


def engine_table(program, models, runs):
    """Per model: ops, whole-process wall and CPU, and per phase the wall ms and the CPU
    ms (load, then the engine's work on the graph: inline, shapes, graph, analyses). Each
    figure is the smallest of `runs` runs: on a shared machine the others measure the
    neighbours' load too, and the CPU figures hardly depend on them."""
    print(f"{'model':<14}{'ops':>7}{'whole ms':>10}{'CPU ms':>8} | {'wall: load':>10}{'inline':>8}{'shapes':>8}"
          f"{'graph':>7}{'analyses':>9}{'engine':>8}{'us/op':>7} | {'CPU: load':>9}{'engine':>8}{'us/op':>7}")
    rows = {}
    for name, path, shape, _ in models:
        whole, phases, ops, cpu, cpu_phases = analyze(program, path, runs, ("--input", shape), min, cpu=True)

        def engine_of(table):
            return sum(v for k, v in table.items() if k != "load")

        engine, engine_cpu = engine_of(phases), engine_of(cpu_phases)
        analyses = engine - sum(phases.get(p, 0) for p in MODEL_PHASES)
        rows[name] = dict(ops=ops, whole=whole * 1000, cpu=cpu * 1000, load=phases.get("load", 0), engine=engine,
                          analyses=analyses, engine_cpu=engine_cpu, load_cpu=cpu_phases.get("load", -1))
        print(f"{name:<14}{ops:>7}{whole * 1000:>10.0f}{cpu * 1000:>8.0f} | {phases.get('load', 0):>10.0f}"
              f"{phases.get('inline', 0):>8.0f}{phases.get('shapes', 0):>8.0f}{phases.get('graph', 0):>7.0f}"
              f"{analyses:>9.1f}{engine:>8.0f}{engine * 1000 / ops:>7.1f} | {cpu_phases.get('load', -1):>9.0f}"
              f"{engine_cpu:>8.0f}{engine_cpu * 1000 / ops:>7.1f}", flush=True)
    return rows


def gui_runs(args, models):
    """One GUI bench process over resnet18 (the baseline) and the scale models."""
    gui = os.path.join(args.build, "bench", "prunescope-gui-bench")
    cmd = [gui, "--expand-all", "--masks", os.path.join(args.fixtures, "masks_resnet18.pth"),
           os.path.join(args.fixtures, "resnet18_traced.pt")]
    for _, path, shape, masks in models:
        cmd += ["--expand-all", "--masks", masks, "--input", shape, path]
    print("\n$ QT_QPA_PLATFORM=offscreen " + " ".join(cmd), flush=True)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run(cmd, env=env, capture_output=True, text=True)
    results = {}
    for line in out.stdout.splitlines():
        if line.startswith("@result "):
            result = json.loads(line[len("@result "):])
            results[result["model"].removesuffix("_traced")] = result
        else:
            print(line)
    if out.returncode != 0:
        print(out.stderr[-2000:])
        sys.exit(out.returncode)
    return results


def ratio_line(what, value, limit, unit="x"):
    verdict = "met" if value <= limit else "MISSED"
    print(f"  {what:<58}{value:>9.1f} {unit:<3} (target <= {limit:g} {unit}): {verdict}")


def scale(args, cli):
    models = scale_models(args)
    print(f"\nengine: {cli} analyze MODEL --json OUT --input SHAPE (fastest of {args.runs} runs; phases in ms "
          "from the report's timings, CPU ms from --timings; engine = inline + shapes + graph + analyses; "
          "CPU = the process's user + system time)")
    rows = engine_table(cli, models, args.runs)
    if args.baseline:
        print(f"\nbaseline, same session: {args.baseline}")
        engine_table(args.baseline, models, args.runs)
    gui = gui_runs(args, models) if args.gui else {}
    if gui:
        print(f"\n{'GUI':<14}{'ops':>7}{'first view':>11}{'GUI part':>9}{'stall':>7}{'CPU':>6}{'expand':>8}"
              f"{'stall':>7}{'CPU':>6}{'open':>10}{'prune type':>11}{'flops mode':>11}{'masks.fix':>10}")
        print(f"{'':<14}{'':>7}{'ms':>11}{'ms':>9}{'ms':>7}{'ms':>6}{'all ms':>8}{'ms':>7}{'ms':>6}{'bytes':>10}"
              f"{'bytes':>11}{'bytes':>11}{'bytes':>10}")
        for name, r in gui.items():
            r["worst_stall"] = max(v for k, v in r.items() if k.endswith("_stall_ms"))
            r["worst_stall_cpu"] = max(v for k, v in r.items() if k.endswith("_stall_cpu_ms"))
            print(f"{name:<14}{r['ops']:>7}{r['open_ms']:>11.0f}{r['open_gui_ms']:>9.0f}{r['worst_stall']:>7}"
                  f"{r['worst_stall_cpu']:>6.0f}{r.get('expand_all_ms', -1):>8.0f}{r.get('expand_all_stall_ms', -1):>7}"
                  f"{r.get('expand_all_stall_cpu_ms', -1):>6.0f}{r['open_bytes']:>10}{r['prune_type_bytes']:>11}"
                  f"{r['flops_mode_bytes']:>11}{r.get('masks_fix_bytes', -1):>10}")
        print("  first view: open -> graph laid out and painted (the worker's analysis included); GUI part: from the "
              "reply's arrival; stall: the longest gap of a 16 ms timer over every step (open, expand one, prune "
              "type, FLOPs mode, expand all, masks load, fix all); CPU: the GUI thread's CPU in the heaviest single "
              "event of those steps (the stall less the time the thread waited for a core); bytes: what the worker "
              "sent for that request")
    print("\nratios and targets (measured in this run, side by side: the machine is shared, compare ratios)")
    small, big = rows.get("residual_150"), rows.get("residual_1500")
    if small and big:
        print(f"  ops 1,500 / 150 blocks: {big['ops'] / small['ops']:.1f}x (linear engine time: the same ratio)")
        ratio_line("engine CPU (inline+shapes+graph+analyses), 1,500 / 150", big["engine_cpu"] / small["engine_cpu"], 11)
        ratio_line("engine wall time, 1,500 / 150 blocks", big["engine"] / small["engine"], 11)
        print(f"  {'whole process incl. libtorch load, 1,500 / 150 blocks':<58}{big['whole'] / small['whole']:>9.1f} x")
        print(f"  {'whole process CPU time, 1,500 / 150 blocks':<58}{big['cpu'] / small['cpu']:>9.1f} x")
        print(f"  {'load alone (reading the file), wall, 1,500 / 150 blocks':<58}{big['load'] / small['load']:>9.1f} x")
        print(f"  {'load alone (reading the file), CPU, 1,500 / 150 blocks':<58}"
              f"{big['load_cpu'] / small['load_cpu']:>9.1f} x")
    base, net = gui.get("resnet18"), gui.get("residual_1500")
    if base and net:
        ratio_line("GUI first view, residual_1500 / resnet18", net["open_ms"] / base["open_ms"], 3)
        ratio_line("GUI part of the first view, residual_1500 / resnet18", net["open_gui_ms"] / base["open_gui_ms"], 3)
        ratio_line("worst GUI stall at 1,500 blocks (any step)", net["worst_stall"], 50, "ms")
        ratio_line("  its CPU: the heaviest GUI-thread event (any step)", net["worst_stall_cpu"], 50, "ms")
        worst_step = max((k for k in net if k.endswith("_stall_cpu_ms")), key=lambda k: net[k])
        print(f"    (heaviest in: {worst_step.removesuffix('_stall_cpu_ms')})")
        ratio_line("worst GUI stall at 1,500 blocks while opening", net["open_stall_ms"], 50, "ms")
        ratio_line("expand all, residual_1500", net["expand_all_ms"], 500, "ms")
        ratio_line("  its CPU: layout thread + GUI thread", net["expand_all_layout_cpu_ms"] + net["expand_all_gui_cpu_ms"],
                   500, "ms")
    if gui:
        on_gui = sum(r["replies_decoded_on_gui_thread"] for r in gui.values())
        decoded = sum(r["replies_decoded"] for r in gui.values())
        print(f"  replies decoded on the GUI thread: {on_gui} of {decoded} (target 0): {'met' if on_gui == 0 else 'MISSED'}")
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", default="build/dev")
    parser.add_argument("--fixtures", default="build/fixtures")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--models", nargs="*", default=MODELS)
    parser.add_argument("--scale", action="store_true", help="the scale bench (see above)")
    parser.add_argument("--baseline", help="with --scale: another prunescope-cli to measure in the same session")
    parser.add_argument("--no-gui", dest="gui", action="store_false", help="with --scale: the engine only")
    args = parser.parse_args()
    cli = os.path.join(args.build, "app", "prunescope-cli")
    if args.scale:
        return scale(args, cli)
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
