# SPDX-License-Identifier: MIT
"""Renders the zoo bench's results (WORK/results.json) as bench/zoo/results.md, one row
per file, and as the summary README.md shows between its zoo-summary markers."""
import collections
import re

from published import PUBLISHED_GMACS

BEGIN, END = "<!-- zoo-summary:begin -->", "<!-- zoo-summary:end -->"
ANALYSES = ("channel_dependency", "input_channel_dependency", "group_dependency", "not_safe_to_prune", "flops")


def reason_op(reason):
    """The op named in a meta-fallback reason: 'aten::nonzero', or the read of a value."""
    if "reads a tensor's value" in reason:
        return "aten::_local_scalar_dense (a value read)"
    found = re.search(r"([a-z_]+::[A-Za-z0-9_]+) (needs the values|has no meta kernel|makes a quantized)", reason)
    return found.group(1) if found else (reason[:60] or "?")


def macs_delta(row):
    published = PUBLISHED_GMACS.get(row["model"])
    if not published or not row.get("opened"):
        return None, None
    got = row["macs"] / 1e9
    return published, (got - published) / published * 100


def agrees(row, published):
    got = row["macs"] / 1e9
    return abs(got - published) <= max(0.005 * published, 0.0005)


def cell(row):
    if not row.get("opened"):
        why = row.get("why", "")
        if row.get("pytorch_reads") is False:
            why += " (PyTorch cannot run it either)"
        elif row.get("pytorch_reads") is True:
            why += " (**PyTorch runs it**)"
        return why.replace("|", "\\|")
    note = ""
    if row["shape_mode"] == "real":
        note = "real: " + reason_op(row["reason"])
    if row.get("fallback_ops"):
        note += ("; " if note else "") + "CPU zeros: " + ", ".join(f"{op} x{n}" for op, n in row["fallback_ops"].items())
    if row.get("differs_in"):
        note += ("; " if note else "") + "scripted != traced: " + ", ".join(row["differs_in"])
    return note


def table(results):
    lines = ["| model | form | opened | shapes | nodes | tied/sets | load | inline | shapes | graph | analyses "
             "| whole s | GMACs | published | delta | notes |",
             "|---|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
    for name in sorted(results):
        for row in results[name]:
            t = row.get("timings", {})
            published, delta = macs_delta(row)
            if row.get("opened"):
                analyses = sum(t.get(k, 0) for k in ANALYSES)
                lines.append(
                    f"| {name} | {row['form']} | yes | {row['shape_mode']} | {row['nodes']} | "
                    f"{row['multi_sets']}/{row['sets']} | {t.get('load', 0):.0f} | {t.get('inline', 0):.0f} | "
                    f"{t.get('shapes', 0):.0f} | {t.get('graph', 0):.0f} | {analyses:.0f} | {row['whole_s']:.2f} | "
                    f"{row['macs'] / 1e9:.3f} | {published if published else ''} | "
                    f"{f'{delta:+.2f} %' if delta is not None else ''} | {cell(row)} |")
            else:
                lines.append(f"| {name} | {row['form']} | no | | | | | | | | | | | | | {cell(row)} |")
    return "\n".join(lines)


def summary(results):
    rows = [row for name in results for row in results[name]]
    commands = sorted({row.get("command", "?") for row in rows})
    exported = [r for r in rows if r.get("exported", True) and r["form"] != "-"]
    opened = [r for r in exported if r.get("opened")]
    by_family = collections.OrderedDict()
    for r in exported:
        f = by_family.setdefault(r["family"], {"files": 0, "opened": 0, "meta": 0, "real": 0})
        f["files"] += 1
        f["opened"] += bool(r.get("opened"))
        f["meta"] += r.get("shape_mode") == "meta"
        f["real"] += r.get("shape_mode") == "real"
    out = ["Measured by " + " and ".join(f"`{c}`" for c in commands)
           + f" ({len(results)} constructors, {len(exported)} files; the machine was shared, times are wall clock).", "",
           "| family | files | opened | shapes on meta | real run |", "|---|---:|---:|---:|---:|"]
    for family, f in by_family.items():
        out.append(f"| {family} | {f['files']} | {f['opened']} | {f['meta']} | {f['real']} |")
    not_exported = [r for r in rows if r.get("exported") is False]
    if not_exported:
        reasons = collections.Counter(r["why"].split(":")[0] for r in not_exported)
        out += ["", f"Files PyTorch could not write: {len(not_exported)} ("
                + ", ".join(f"{n} {why.removeprefix('PyTorch cannot ')}" for why, n in reasons.items()) + ")."]
    refused = [r for r in exported if not r.get("opened")]
    if refused:
        out += ["", "Refused:"] + [f"- {r['model']} {r['form']}: {cell(r)}" for r in refused]
    real = collections.Counter(reason_op(r["reason"]) for r in opened if r["shape_mode"] == "real")
    if real:
        out += ["", "Real runs (control flow or output sizes that read tensor values), by the op that needed "
                "them: " + ", ".join(f"{op} ({n})" for op, n in real.most_common()) + "."]
    zeros = collections.Counter(op for r in opened for op in r.get("fallback_ops", {}))
    if zeros:
        out += ["", "Ops without a meta kernel run alone on CPU zeros (files): "
                + ", ".join(f"{op} ({n})" for op, n in zeros.most_common()) + "."]
    pairs = {name: results[name][0] for name in results
             if any("scripted_equals_traced" in r for r in results[name])}
    same = [n for n, r in pairs.items() if r["scripted_equals_traced"]]
    out += ["", f"Scripted == traced (sets, input-channel sets, groups, not safe to prune, MACs): "
            f"{len(same)} of {len(pairs)} models with both."]
    differ = [f"{n} ({', '.join(r['differs_in'])})" for n, r in pairs.items() if not r["scripted_equals_traced"]]
    if differ:
        out.append("Differing: " + "; ".join(differ) + ".")
    compared = [(r, *macs_delta(r)) for r in opened if macs_delta(r)[0]]
    within = [c for c in compared if agrees(c[0], c[1])]
    out += ["", f"Extended MACs within 0.5 % of torchvision's published figure (or within its rounding to "
            f"3 decimals, for figures under 0.1 G): {len(within)} of {len(compared)} files that have one."]
    outside = sorted({f"{r['model']} ({d:+.2f} %)" for r, p, d in compared if not agrees(r, p)})
    if outside:
        out.append("Outside: " + ", ".join(outside) + ".")
    timed = [r for r in opened if r["model"] in ("fcn_resnet50", "deeplabv3_resnet50", "swin_s")]
    if timed:
        out += ["", "Whole-process `analyze` times: "
                + ", ".join(f"{r['model']} {r['form']} {r['whole_s']:.2f} s" for r in timed) + "."]
    out += ["", "Every file, phase by phase: [bench/zoo/results.md](bench/zoo/results.md)."]
    return "\n".join(out)


def write(results, results_md, readme):
    text = summary(results)
    with open(results_md, "w") as f:
        f.write("# Zoo bench: every torchvision 0.14.1 model through prunescope-cli analyze\n\n"
                "Written by bench/zoo/zoo_bench.py; times in ms per phase, whole process in s.\n\n"
                + text + "\n\n" + table(results) + "\n")
    with open(readme) as f:
        content = f.read()
    if BEGIN in content and END in content:
        head, rest = content.split(BEGIN, 1)
        _, tail = rest.split(END, 1)
        with open(readme + ".tmp", "w") as f:
            f.write(head + BEGIN + "\n" + text + "\n" + END + tail)
        import os
        os.replace(readme + ".tmp", readme)
    print(text)
