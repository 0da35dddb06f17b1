# SPDX-License-Identifier: MIT
"""Writes Prunescope's fault corpus: broken models, inputs and mask files, into OUTDIR.

    /usr/bin/python3 tests/faults/make_faults.py OUTDIR [--force] [--list]

Every case is a file (or a path) prunescope-cli must refuse with one line on stderr,
"prunescope-cli: error: ...", and the documented exit code: 3 for a bad model, input or
mask file, 2 for a usage error. OUTDIR/cases.json lists the cases; each has
  name         unique, used as the QtTest data row
  stands_for   the real-world mishap the case imitates
  args         prunescope-cli's arguments; "{faults}" is OUTDIR, "{out}" a fresh empty
               directory the test makes (output options point into it)
  exit_code    3 or 2
  message      a substring stderr must contain
  outputs      files under {out} that must NOT exist afterwards (the test also checks that
               {out} stays empty and that nothing is printed on stdout)
  fault_files  the corpus files that are the fault (the fuzz targets' seeds skip those of
               known bugs)
  timeout_s    optional: seconds before the run counts as hung (default 120)
  max_memory_gib  optional: address space the run may use (default 16 GiB), for cases
               whose bug is an allocation bomb
  libtorch_crash  optional: true when libtorch itself crashes on the file (a bug in
               libtorch 1.13, not ours): the CLI must still end with exit 3 and the file's
               name, and the fuzz targets do not take the file as a seed
  known_bug    optional: why the engine does not pass this case yet: the test then
               expects the failure (XFAIL) and only warns when the case passes (some of
               these bugs are undefined behaviour, whose symptoms vary); once the engine
               is fixed, remove the key and the case is enforced like the others
Everything is made here from torch itself (no binary blobs in git). The corpus is cached:
it is rebuilt only when this script or torch changed (OUTDIR/.stamp), or with --force.
"""
import argparse
import hashlib
import io
import json
import os
import random
import shutil
import sys
import tempfile
import warnings
import zipfile

import torch
import torch.nn as nn

warnings.filterwarnings("ignore")

FORMAT = "prunescope-faults/1"


# ---------------------------------------------------------------- the models it breaks
class TinyConv(nn.Module):
    """The victim of most cases: two convs, 1x3x8x8 input, layers conv1 and conv2."""
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 4, 3, padding=1)
        self.conv2 = nn.Conv2d(4, 4, 1)

    def forward(self, x):
        return self.conv2(torch.relu(self.conv1(x)))


class AlwaysRaises(nn.Module):
    """A forward that always raises (scripted: a trace would drop the raise)."""
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 4, 1)

    def forward(self, x):
        if x.dim() > 0:
            raise RuntimeError("fault corpus: this forward always raises")
        return self.conv(x)


class TwoInputs(nn.Module):
    """forward(x, y): two images."""
    def __init__(self):
        super().__init__()
        self.a = nn.Conv2d(3, 4, 1)
        self.b = nn.Conv2d(3, 4, 1)

    def forward(self, x, y):
        return self.a(x) + self.b(y)


class Embed(nn.Module):
    """Token ids (int64) into an embedding: float input is wrong."""
    def __init__(self):
        super().__init__()
        self.embed = nn.Embedding(10, 4)
        self.fc = nn.Linear(4, 2)

    def forward(self, ids):
        return self.fc(self.embed(ids))


class ValueBranch(nn.Module):
    """Control flow on a tensor value: meta tensors cannot run it, real tensors must."""
    def __init__(self):
        super().__init__()
        self.a = nn.Conv2d(3, 4, 1)
        self.b = nn.Conv2d(3, 4, 1)

    def forward(self, x):
        if bool(x.sum() > 0):
            return self.a(x)
        return self.b(x)


# ---------------------------------------------------------------- helpers
def save_bytes(outdir, name, data):
    with open(os.path.join(outdir, name), "wb") as f:
        f.write(data)
    return name


def to_bytes(save, stem="archive"):
    """The bytes save(file) writes. A ScriptModule's save() takes only a path (given a
    buffer it would write a file named after the buffer's repr), so always a path; a
    fixed file name keeps the archive's top directory, and so the bytes, reproducible."""
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, stem + ".pt")
        save(path)
        with open(path, "rb") as f:
            return f.read()


def rezip(data, change):
    """Rewrites a zip archive (TorchScript or torch.save), record by record, with
    change(name, bytes) -> bytes or None (drop the record). CRCs are valid: only the
    content is wrong, as when a tool rewrote the file badly."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    changed = False
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as dst:
        for info in src.infolist():
            original = src.read(info.filename)
            content = change(info.filename, original)
            changed = changed or content != original
            if content is not None:
                dst.writestr(info.filename, content)
    assert changed, "the change matched no record: the case would test a healthy file"
    return out.getvalue()


def record_span(data, suffix):
    """(offset, size) of a stored record's bytes inside the raw archive."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    info = next(i for i in archive.infolist() if i.filename.endswith(suffix))
    assert info.compress_type == zipfile.ZIP_STORED, info.filename
    # Local header: 30 bytes + name + extra (the extra field of the local header may
    # differ from the central directory's, so read its length from the header itself).
    header = info.header_offset
    name_len = int.from_bytes(data[header + 26:header + 28], "little")
    extra_len = int.from_bytes(data[header + 28:header + 30], "little")
    return header + 30 + name_len + extra_len, info.file_size


def mask_dict(shapes, value=1.0):
    return {layer: {"weight": torch.full(shape, value), "bias": torch.full(shape[:1], value)} for layer, shape in shapes.items()}


TINY_SHAPES = {"conv1": (4, 3, 3, 3), "conv2": (4, 4, 1, 1)}


# ---------------------------------------------------------------- the corpus
def build(outdir):
    """Writes the files into outdir and returns the list of cases."""
    torch.manual_seed(0)
    rng = random.Random(1234)
    cases = []

    def case(name, stands_for, args, exit_code, message, outputs=(), known_bug=None, timeout_s=None, faults=None,
             max_memory_gib=None, libtorch_crash=False):
        """faults: the corpus files that are the fault; by default the model, or the mask
        file of masks/fix-masks/--masks; [] when the fault is in the options."""
        entry = {"name": name, "stands_for": stands_for, "args": list(args), "exit_code": exit_code,
                 "message": message, "outputs": list(outputs),
                 "fault_files": fault_files(args) if faults is None else list(faults)}
        if known_bug:
            entry["known_bug"] = known_bug
        if timeout_s:
            entry["timeout_s"] = timeout_s
        if max_memory_gib:
            entry["max_memory_gib"] = max_memory_gib
        if libtorch_crash:
            entry["libtorch_crash"] = True
        cases.append(entry)

    def f(name):
        return "{faults}/" + name

    def fault_files(args):
        """The corpus files that are the fault (not the healthy model a bad mask file is given with)."""
        picked = [args[2] if args[0] in ("masks", "fix-masks") else args[1]]
        picked += [args[i + 1] for i, a in enumerate(args[:-1]) if a == "--masks"]
        return [p[len("{faults}/"):] for p in picked if p.startswith("{faults}/")]

    # The victims, saved the way users save them.
    tiny = TinyConv().eval()
    tiny_pt = to_bytes(torch.jit.trace(tiny, torch.ones(1, 3, 8, 8)).save)
    save_bytes(outdir, "tiny_conv.pt", tiny_pt)
    save_bytes(outdir, "always_raises.pt", to_bytes(torch.jit.script(AlwaysRaises().eval()).save))
    save_bytes(outdir, "two_inputs.pt", to_bytes(torch.jit.trace(TwoInputs().eval(),
                                                                   (torch.ones(1, 3, 8, 8), torch.ones(1, 3, 8, 8))).save))
    save_bytes(outdir, "embedding.pt", to_bytes(torch.jit.trace(Embed().eval(), torch.zeros(1, 5, dtype=torch.long)).save))
    save_bytes(outdir, "value_branch.pt", to_bytes(torch.jit.script(ValueBranch().eval()).save))
    tiny_model = f("tiny_conv.pt")

    # -------- files that are not TorchScript at all
    save_bytes(outdir, "empty.pt", b"")
    case("empty file", "an export or a download that wrote nothing", ["analyze", f("empty.pt")], 3, "is empty")

    # The first byte is neither a zip's 'P' nor a pickle's 0x80 nor JSON's '{' or '['.
    save_bytes(outdir, "random.pt", b"\x13" + bytes(rng.randrange(256) for _ in range(4095)))
    case("random bytes", "a file that is no model at all (wrong file picked)", ["analyze", f("random.pt")], 3,
         "not a TorchScript archive")

    save_bytes(outdir, "model_text.txt", b"import torch\nmodel = torch.jit.load('model.pt')\nprint(model)\n")
    case("text file", "a Python script or README picked instead of the model",
         ["analyze", f("model_text.txt")], 3, "not a TorchScript archive")

    os.makedirs(os.path.join(outdir, "a_directory.pt"))
    case("directory", "a directory given as the model (e.g. an unzipped archive)",
         ["analyze", f("a_directory.pt")], 3, "is a directory")

    case("missing file", "a typo in the path", ["analyze", f("no_such_model.pt")], 3, "no such file")

    os.symlink("no_such_target.pt", os.path.join(outdir, "dangling_link.pt"))
    case("dangling symlink", "a link to a model that was moved or deleted", ["analyze", f("dangling_link.pt")], 3,
         "no such file")

    # chmod 000 does not stop root (the CI runs as root), so the unreadable files are
    # ones nobody can read as a model: a named pipe (opening one blocks until a writer
    # comes) and a file that opens but fails on read.
    os.mkfifo(os.path.join(outdir, "fifo.pt"))
    case("fifo as model", "a special file (named pipe, device, socket) given as the model: it must be refused "
         "without being opened, as opening a pipe blocks", ["analyze", f("fifo.pt")], 3, "not a regular file")

    os.symlink("/proc/self/mem", os.path.join(outdir, "read_error.pt"))
    case("read error", "a file that opens but cannot be read, for root too (an I/O error, a bad sector, a "
         "permission enforced on read): /proc/self/mem fails with EIO on its first read",
         ["analyze", f("read_error.pt")], 3, "cannot be read")

    # A zip archive that torch did not write.
    plain = io.BytesIO()
    with zipfile.ZipFile(plain, "w") as z:
        z.writestr("readme.txt", "not a model\n")
    save_bytes(outdir, "plain_zip.pt", plain.getvalue())
    case("plain zip", "some other zip archive (a dataset, a zipped folder) named .pt",
         ["analyze", f("plain_zip.pt")], 3, "not one written by PyTorch")

    # -------- truncated TorchScript archives (a cut download or a full disk)
    size = len(tiny_pt)
    data_pkl_offset, _ = record_span(tiny_pt, "/data.pkl")
    # A zip ends with its central directory, then the 22-byte end-of-central-directory
    # record (EOCD) that points at it.
    for label, cut in [("10 bytes", 10), ("100 bytes", 100), ("inside data.pkl", data_pkl_offset + 20),
                       ("half", size // 2), ("inside the central directory", size - 22 - 10),
                       ("inside the end-of-central-directory record", size - 10)]:
        name = f"cut_at_{cut}.pt"
        save_bytes(outdir, name, tiny_pt[:cut])
        case(f"truncated zip, {label}", f"a copy or download cut short after {cut} of {size} bytes",
             ["analyze", f(name), "--input", "1,3,8,8"], 3, "truncated")

    # -------- damaged TorchScript archives
    # Inside a string (a class name), not a length field: flipped lengths make libtorch's
    # unpickler allocate what they announce (see "data.pkl string of 4 GiB").
    offset, length = record_span(tiny_pt, "/data.pkl")
    flipped = bytearray(tiny_pt)
    name_at = tiny_pt.index(b"__torch__", offset, offset + length)
    for i in range(name_at + 2, name_at + 8):
        flipped[i] ^= 0x5A
    save_bytes(outdir, "bitrot_data_pkl.pt", bytes(flipped))
    case("bit rot in data.pkl", "bytes flipped on disk or in transfer (the zip's CRC no longer matches)",
         ["analyze", f("bitrot_data_pkl.pt"), "--input", "1,3,8,8"], 3, "could not be loaded as TorchScript")

    def mangle_pickle(name, content):
        if name.endswith("/data.pkl"):
            middle = len(content) // 2
            return content[:middle] + bytes([0xFF, 0xFE, 0x00, 0x13]) * 8 + content[middle + 32:]
        return content
    save_bytes(outdir, "mangled_data_pkl.pt", rezip(tiny_pt, mangle_pickle))
    case("mangled data.pkl", "a zip rewritten by a tool that corrupted the pickled module (valid CRCs)",
         ["analyze", f("mangled_data_pkl.pt"), "--input", "1,3,8,8"], 3, "could not be loaded as TorchScript")

    save_bytes(outdir, "truncated_data_pkl.pt",
               rezip(tiny_pt, lambda n, c: c[:len(c) // 2] if n.endswith("/data.pkl") else c))
    case("truncated data.pkl", "a pickle cut short inside a well-formed zip",
         ["analyze", f("truncated_data_pkl.pt"), "--input", "1,3,8,8"], 3, "could not be loaded as TorchScript")

    def break_code(name, content):
        if name.endswith("/code/__torch__.py"):
            return content.replace(b"def forward(", b"def forward((((").replace(b"return", b"retrun %%")
        return content
    save_bytes(outdir, "broken_code.pt", rezip(tiny_pt, break_code))
    case("corrupted TorchScript code", "the model's code file damaged (hand-edited, or a bad merge)",
         ["analyze", f("broken_code.pt"), "--input", "1,3,8,8"], 3, "could not be loaded as TorchScript")

    save_bytes(outdir, "no_code.pt", rezip(tiny_pt, lambda n, c: None if "/code/" in n else c))
    case("code records missing", "an archive stripped of its code/ directory",
         ["analyze", f("no_code.pt"), "--input", "1,3,8,8"], 3, "could not be loaded as TorchScript")

    save_bytes(outdir, "newer_version.pt", rezip(tiny_pt, lambda n, c: b"99\n" if n.endswith("/version") else c))
    case("archive from a newer PyTorch", "a model saved by a PyTorch far newer than libtorch 1.13",
         ["analyze", f("newer_version.pt"), "--input", "1,3,8,8"], 3, "newer PyTorch")

    save_bytes(outdir, "missing_tensor_data.pt", rezip(tiny_pt, lambda n, c: None if "/data/0" in n else c))
    case("tensor data missing", "an archive that lost one of its weight records",
         ["analyze", f("missing_tensor_data.pt"), "--input", "1,3,8,8"], 3, "could not be loaded as TorchScript")

    # Found by fuzz_model_load: archives that crash libtorch 1.13's TorchScript importer
    # itself (SIGSEGV inside torch::jit::load, or while it formats an error). The CLI's
    # fatal-signal handler turns such a crash into the usual error naming the file.

    def misspell_parameters(name, content):
        if name.endswith("/code/__torch__/torch/nn/modules/conv.py"):
            return content.replace(b"__parameters__", b"__pdrameters__")
        return content
    save_bytes(outdir, "misspelled_class_attribute.pt", rezip(tiny_pt, misspell_parameters))
    case("misspelled attribute in a class's code", "a hand-edited code file inside the archive: Conv2d's "
         "__parameters__ misspelled (libtorch crashes in ScriptTypeParser::parseClassConstant)",
         ["analyze", f("misspelled_class_attribute.pt"), "--input", "1,3,8,8"], 3, "misspelled_class_attribute.pt",
         libtorch_crash=True)

    def bad_debug_info(name, content):
        if name.endswith("/code/__torch__.py.debug_pkl"):
            # Source ranges point at entry 101 of a string table of about ten entries.
            return content.replace(b"K\x00K\x00\x87", b"KeK\x00\x87")
        return content
    save_bytes(outdir, "bad_debug_info.pt", rezip(tiny_pt, bad_debug_info))
    case("debug info pointing outside its string table", "a damaged .debug_pkl record (the code's source "
         "ranges); libtorch reads past its string table in Source::findSourceRangeThatGenerated",
         ["analyze", f("bad_debug_info.pt"), "--input", "1,3,8,8"], 3, "bad_debug_info.pt",
         libtorch_crash=True)

    def huge_string(name, content):
        if name.endswith("/data.pkl"):
            at = content.index(b"X", content.index(b"training"))  # the BINUNICODE after the 'training' key
            return content[:at + 1] + (0xF6FFFFEA).to_bytes(4, "little") + content[at + 5:]
        return content
    save_bytes(outdir, "huge_string_in_data_pkl.pt", rezip(tiny_pt, huge_string))
    case("data.pkl string of 4 GiB", "a damaged length field in the pickled module: libtorch's unpickler "
         "allocates the 4 GiB it announces before finding the data is not there (found by fuzz_model_load); "
         "run with 2 GiB of address space, the allocation fails and must still be reported as a bad file",
         ["analyze", f("huge_string_in_data_pkl.pt"), "--input", "1,3,8,8"], 3, "could not be loaded as TorchScript",
         max_memory_gib=2)

    # The code records are deflated: flip bytes in the middle of the compressed stream.
    archive = zipfile.ZipFile(io.BytesIO(tiny_pt))
    info = next(i for i in archive.infolist() if i.filename.endswith("/code/__torch__.py"))
    header = info.header_offset
    start = header + 30 + int.from_bytes(tiny_pt[header + 26:header + 28], "little") \
        + int.from_bytes(tiny_pt[header + 28:header + 30], "little")
    rotten = bytearray(tiny_pt)
    for i in range(start + info.compress_size // 2, start + info.compress_size // 2 + 8):
        rotten[i] ^= 0xA5
    save_bytes(outdir, "bitrot_code.pt", bytes(rotten))
    case("bit rot in the compressed code", "bytes flipped inside the deflated code of the model",
         ["analyze", f("bitrot_code.pt"), "--input", "1,3,8,8"], 3, "could not be loaded as TorchScript")

    # -------- torch.save'd objects instead of TorchScript
    save_bytes(outdir, "weights.pt", to_bytes(lambda b: torch.save(tiny.state_dict(), b)))
    case("state_dict", "torch.save(model.state_dict()): weights without code",
         ["analyze", f("weights.pt")], 3, "state_dict")

    save_bytes(outdir, "pickled_module.pt", to_bytes(lambda b: torch.save(tiny, b)))
    case("pickled nn.Module", "torch.save(model): a pickle that needs the Python class",
         ["analyze", f("pickled_module.pt")], 3, "pickled nn.Module")

    save_bytes(outdir, "old_format.pt",
               to_bytes(lambda b: torch.save(tiny.state_dict(), b, _use_new_zipfile_serialization=False)))
    case("legacy torch.save", "a file saved by PyTorch before 1.6 (or with the legacy format)",
         ["analyze", f("old_format.pt")], 3, "legacy")

    # -------- models that open but do not run on the given input
    case("forward raises", "a model whose own checks reject the input",
         ["analyze", f("always_raises.pt"), "--input", "1,3,8,8"], 3, "this forward always raises")

    case("two inputs given one", "a model with two inputs given one shape",
         ["analyze", f("two_inputs.pt"), "--input", "1,3,8,8"], 3, "forward takes 2 input(s)")

    case("one input given two", "a model with one input given two shapes",
         ["analyze", tiny_model, "--input", "1,3,8,8;1,3,8,8"], 3, "forward takes 1 input(s)", faults=[])

    case("float input to an embedding", "token ids forgotten: float input where int64 ids are needed",
         ["analyze", f("embedding.pt"), "--input", "1,5"], 3, "embed (Embedding)")

    case("int64 input to a conv", "an integer image given to a float conv",
         ["analyze", tiny_model, "--input", "int64:1,3,8,8"], 3, "conv1 (Conv2d)", faults=[])

    case("wrong channel count", "a 4-channel image given to a 3-channel conv",
         ["flops", tiny_model, "--input", "1,4,8,8", "--json", "{out}/flops.json"], 3, "conv1 (Conv2d)",
         outputs=["{out}/flops.json"], faults=[])

    case("wrong rank", "a 5-D input given to a 2-D conv",
         ["analyze", tiny_model, "--input", "2,3,8,8,8"], 3, "conv1 (Conv2d)", faults=[])

    case("absurd input needing a real run", "a huge input shape for a model whose control flow reads tensor "
         "values: it must be refused before 111 GiB are allocated",
         ["analyze", f("value_branch.pt"), "--input", "1,3,100000,100000", "--json", "{out}/r.json"], 3, "MiB",
         outputs=["{out}/r.json"])

    case("meta only on a value-dependent model", "--shape-mode meta on a model that needs real tensors",
         ["analyze", f("value_branch.pt"), "--input", "1,3,8,8", "--shape-mode", "meta"], 3, "meta tensors")

    # -------- mask files that do not fit, or are not mask files
    def masks_case(name, stands_for, file, message, command="masks", exit_code=3, known_bug=None, **extra):
        args = [command, tiny_model, f(file), "--input", "1,3,8,8"]
        outputs = []
        if command == "fix-masks":
            args += ["-o", "{out}/fixed.pth", "--json", "{out}/fix.json"]
            outputs = ["{out}/fixed.pth", "{out}/fix.json"]
        case(name, stands_for, args, exit_code, message, outputs, known_bug, **extra)

    def save_masks(name, obj):
        save_bytes(outdir, name, to_bytes(lambda b: torch.save(obj, b)))

    save_masks("masks_other_model.pth", mask_dict({"layer1.0.conv1": (8, 8, 3, 3), "fc": (10, 16)}))
    masks_case("masks for another model", "masks made for resnet18 used with this model",
               "masks_other_model.pth", "which this model does not have")

    nan = mask_dict(TINY_SHAPES)
    nan["conv1"]["weight"][1, 0, 0, 0] = float("nan")
    save_masks("masks_nan.pth", nan)
    masks_case("masks with NaN", "a pruner that divided by zero", "masks_nan.pth", "NaN")

    save_masks("masks_wrong_shape.pth", mask_dict({"conv1": (4, 3, 5, 5), "conv2": (4, 4, 1, 1)}))
    masks_case("masks of the wrong shape", "masks from another version of the model (kernel 5 instead of 3)",
               "masks_wrong_shape.pth", "has shape [4, 3, 5, 5]")

    save_masks("masks_half.pth", mask_dict(TINY_SHAPES, 0.5))
    masks_case("masks with 0.5", "soft masks or importance scores saved instead of 0/1 masks",
               "masks_half.pth", "mask values must be 0 or 1", command="fix-masks")

    save_masks("masks_empty.pth", {})
    masks_case("empty mask dict", "a pruner that pruned nothing and saved {}", "masks_empty.pth", "empty dict")

    save_masks("masks_list.pth", [torch.ones(4, 3, 3, 3)])
    masks_case("masks saved as a list", "a list of tensors instead of NNI's dict", "masks_list.pth", "not a dict")

    save_masks("masks_no_weight.pth", {"conv1": {"bias": torch.ones(4)}})
    masks_case("mask without weight", "a layer entry without its weight mask", "masks_no_weight.pth",
               "has no \"weight\" tensor")

    save_masks("masks_bad_bias.pth", {"conv1": {"weight": torch.ones(4, 3, 3, 3), "bias": torch.ones(7)}})
    masks_case("bias mask of the wrong size", "a bias mask that does not match the filters",
               "masks_bad_bias.pth", "bias mask of the wrong size")

    save_masks("masks_state_dict.pth", tiny.state_dict())
    masks_case("state_dict as masks", "the model's weights given where the masks belong",
               "masks_state_dict.pth", "mask of layer 'conv1.weight'")

    masks_case("model as masks", "the TorchScript model given where the masks belong", "tiny_conv.pt", "not a dict")

    save_bytes(outdir, "masks_random.pth", b"\x13" + bytes(rng.randrange(256) for _ in range(511)))
    masks_case("random bytes as masks", "a file that is no mask file", "masks_random.pth", "neither JSON nor a zip")

    good_masks = to_bytes(lambda b: torch.save(mask_dict(TINY_SHAPES), b))
    save_bytes(outdir, "masks_truncated.pth", good_masks[:len(good_masks) // 2])
    masks_case("truncated mask file", "a mask file cut short while copying", "masks_truncated.pth",
               "damaged zip archive", command="fix-masks")

    offset, length = record_span(good_masks, "/data.pkl")
    save_bytes(outdir, "masks_mangled_pickle.pth",
               rezip(good_masks, lambda n, c: c[:len(c) // 2] + b"\xff" * 8 if n.endswith("/data.pkl") else c))
    masks_case("mask file with a mangled pickle", "a mask archive whose pickle was damaged (valid CRCs)",
               "masks_mangled_pickle.pth", "cannot be read as a torch.save file")

    save_bytes(outdir, "masks_missing_data.pth",
               rezip(good_masks, lambda n, c: None if "/data/" in n else c))
    masks_case("mask file missing tensor data", "a mask archive that lost its tensor records",
               "masks_missing_data.pth", "lacks the tensor data")

    # Found by fuzz_mask_pth: data.pkl opcodes that read the top of an empty stack, and a
    # TUPLE whose MARK lies below the stack after BUILD popped it.
    for name, pickle, what in [
            ("append", b"\x80\x02Na.", "APPEND after popping the only item"),
            ("setitem", b"\x80\x02NNs.", "SETITEM with no dict under the key and value"),
            ("memo", b"\x80\x02q\x00N.", "BINPUT (memo) on an empty stack"),
            ("pop_below_mark", b"\x80\x02N(bt.", "TUPLE after BUILD popped below the MARK")]:
        file = f"masks_pickle_{name}_empty_stack.pth"
        save_bytes(outdir, file, rezip(good_masks, lambda n, c, p=pickle: p if n.endswith("/data.pkl") else c))
        masks_case(f"mask pickle: {what}", "a hostile or corrupted mask file whose pickle misuses the stack "
                   "(found by fuzz_mask_pth)", file, "cannot be read as a torch.save file")

    # A mask of 2^31 elements stored as a one-element storage with stride 0 (800 bytes on
    # disk): what torch.save writes for torch.ones(1).expand(2**31).
    bomb = torch.ones(1).as_strided((2 ** 31,), (0,))
    save_masks("masks_stride0_bomb.pth", {"conv1": {"weight": bomb, "bias": None}})
    masks_case("mask tensor expanding to 2^31 elements", "a tiny mask file whose weight is a stride-0 view of "
               "2^31 elements: it must be refused before 8 GiB (float) and 16 GiB (double) are allocated",
               "masks_stride0_bomb.pth", "2147483648")

    save_bytes(outdir, "masks_syntax.json", b'{"conv1": {"shape": [4, 3, 3, 3], "kept_output_channels": [0, 1,]}\n')
    masks_case("JSON masks with a syntax error", "a hand-edited JSON mask file with a trailing comma",
               "masks_syntax.json", "is not valid JSON")

    save_bytes(outdir, "masks_empty_object.json", b"{}\n")
    masks_case("empty JSON masks", "an empty JSON object", "masks_empty_object.json", "holds no masks")

    save_bytes(outdir, "masks_json_half.json", json.dumps(
        {"conv2": {"shape": [4, 4, 1, 1], "weight": [0.5] * 16, "bias": True}}).encode())
    masks_case("JSON masks with 0.5", "JSON masks with soft values", "masks_json_half.json",
               "mask values must be 0 or 1")

    save_bytes(outdir, "masks_json_index.json", json.dumps(
        {"conv1": {"shape": [4, 3, 3, 3], "kept_output_channels": [0, 9]}}).encode())
    masks_case("JSON channel index out of range", "a kept channel beyond the layer's filters",
               "masks_json_index.json", "not a channel index below 4")

    save_bytes(outdir, "masks_json_wrong_shape.json", json.dumps(
        {"conv2": {"shape": [8, 4, 1, 1], "kept_output_channels": [0, 1]}}).encode())
    masks_case("JSON masks of the wrong shape", "JSON masks for a wider version of the layer",
               "masks_json_wrong_shape.json", "has shape [8, 4, 1, 1]")

    save_bytes(outdir, "masks_json_array.json", b"[1, 0, 1]\n")
    masks_case("JSON array as masks", "a JSON list instead of an object", "masks_json_array.json",
               "is not a mask file")

    case("masks as directory", "a directory given as the mask file",
         ["masks", tiny_model, f("a_directory.pt"), "--input", "1,3,8,8"], 3, "is a directory")

    case("masks from a fifo", "a named pipe given as the mask file: opening it must not hang the CLI (or the "
         "GUI's worker, whose masks.load cannot be cancelled while blocked in open)",
         ["masks", tiny_model, f("fifo.pt"), "--input", "1,3,8,8"], 3, "not a regular file", timeout_s=15)

    case("masks with a read error", "a mask file that opens but fails on read (/proc/self/mem, EIO)",
         ["masks", tiny_model, f("read_error.pt"), "--input", "1,3,8,8"], 3, "cannot be read")

    save_bytes(outdir, "masks_json_flag_as_text.json", json.dumps(
        {"conv1": {"shape": [4, 3, 3, 3], "bias": "yes"}}).encode())
    masks_case("JSON bias not a bool", "a hand-edited JSON mask with \"bias\": \"yes\"",
               "masks_json_flag_as_text.json", "bias")

    save_bytes(outdir, "masks_json_number_overflow.json", b'{"conv1": {"shape": [4, 3, 3, 3], "kept_output_channels": [1e400]}}\n')
    masks_case("JSON number out of range", "a JSON mask with a number beyond double's range (found by fuzz_mask_json)",
               "masks_json_number_overflow.json", "masks_json_number_overflow.json")

    save_bytes(outdir, "masks_json_absurd_size.json", json.dumps(
        {"conv1": {"shape": [10 ** 12], "kept_output_channels": [0]}}).encode())
    masks_case("JSON mask with a huge shape", "a JSON mask whose shape is absurd (a typo, or a hostile file): "
               "it must be refused before 10^12 mask entries are allocated",
               "masks_json_absurd_size.json", "shape")

    save_bytes(outdir, "masks_json_wide_layer.json", b'{"conv1": {"shape": [100000000, 1], "bias": false}}\n')
    masks_case("JSON mask of a layer with 10^8 filters", "a JSON mask announcing 10^8 filters in a 50-byte file: "
               "accepted as JSON, refused against the model; reading it once took one vector insert per "
               "filter (found by fuzz_mask_json as a timeout)",
               "masks_json_wide_layer.json", "has shape [100000000, 1]")

    cyclic = mask_dict(TINY_SHAPES)
    loop = []
    loop.append(loop)  # pickled with the memo: a list that holds itself
    cyclic["conv1"]["notes"] = loop
    save_masks("masks_reference_cycle.pth", cyclic)
    masks_case("mask pickle with a reference cycle", "a torch.save'd mask file with a list that contains itself: "
               "the reader's shared values leaked it (found by fuzz_mask_pth as a leak)",
               "masks_reference_cycle.pth", "reference cycle")

    save_masks("masks_nan_analyze.pth", nan)
    case("bad masks with outputs", "analyze --masks with NaN masks and --json/--csv: nothing is written",
         ["analyze", tiny_model, "--input", "1,3,8,8", "--masks", f("masks_nan_analyze.pth"),
          "--json", "{out}/r.json", "--csv", "{out}/d.csv"], 3, "NaN", outputs=["{out}/r.json", "{out}/d.csv"],
         faults=["masks_nan_analyze.pth"])

    # -------- usage errors: the request itself is malformed (exit 2)
    for text, message in [("1,,3", "a size is missing"), ("-1,3", "\"-1\" is not a positive whole number"),
                          ("abc", "\"abc\" is not a positive whole number"), ("1,3;;2", "an input is empty"),
                          ("int99:1,2", "unknown dtype \"int99\""), ("0,3", "sizes must be at least 1"),
                          ("1,3,99999999999999", "far too large"), (" ", "it is empty"),
                          ("1,3,8,8;", "an input is empty"), ("int64:", "a size is missing")]:
        case(f"input shape {text!r}", "a mistyped --input",
             ["analyze", tiny_model, "--input", text, "--json", "{out}/r.json"], 2, message, outputs=["{out}/r.json"], faults=[])

    # -------- outputs that cannot be written: the file system's refusal, not the request's (exit 3)
    case("output into a missing directory", "-o/--json pointing into a directory that does not exist",
         ["analyze", tiny_model, "--input", "1,3,8,8", "--json", "{out}/missing/r.json"], 3, "cannot write",
         outputs=["{out}/missing/r.json"], faults=[])

    case("output is a directory", "--csv naming a directory",
         ["analyze", tiny_model, "--input", "1,3,8,8", "--csv", "{out}"], 3, "it is a directory", faults=[])

    save_masks("masks_ok.pth", mask_dict(TINY_SHAPES))
    case("fix-masks onto its input", "fix-masks -o naming the input mask file without --overwrite-input",
         ["fix-masks", tiny_model, f("masks_ok.pth"), "--input", "1,3,8,8", "-o", f("masks_ok.pth")], 2,
         "is the input mask file", faults=[])

    case("unknown strategy", "a mistyped --strategy",
         ["fix-masks", tiny_model, f("masks_ok.pth"), "--input", "1,3,8,8", "--strategy", "unoin",
          "-o", "{out}/fixed.pth"], 2, "unknown strategy \"unoin\"", outputs=["{out}/fixed.pth"], faults=[])

    return cases


# ---------------------------------------------------------------- caching
def stamp_value():
    with open(os.path.abspath(__file__), "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()[:16]
    return f"{digest} torch {torch.__version__}"


def is_cached(outdir, stamp):
    try:
        with open(os.path.join(outdir, ".stamp")) as f:
            if f.read().strip() != stamp:
                return False
        with open(os.path.join(outdir, "cases.json")) as f:
            index = json.load(f)
    except (OSError, ValueError):
        return False
    return index.get("format") == FORMAT and all(os.path.lexists(os.path.join(outdir, name)) for name in index["files"])


def ours(outdir):
    """Only a directory this script made may be replaced wholesale."""
    return not os.listdir(outdir) or os.path.exists(os.path.join(outdir, "cases.json"))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outdir", nargs="?")
    parser.add_argument("--force", action="store_true", help="rebuild even when cached")
    parser.add_argument("--list", action="store_true", help="print the cases (needs a built OUTDIR)")
    args = parser.parse_args()
    if not args.outdir:
        parser.error("OUTDIR is required")
    outdir = os.path.abspath(args.outdir)
    stamp = stamp_value()
    if args.list:
        with open(os.path.join(outdir, "cases.json")) as f:
            for c in json.load(f)["cases"]:
                print(f"{c['exit_code']}  {c['name']}: {c['message']}")
        return 0
    if not args.force and os.path.isdir(outdir) and is_cached(outdir, stamp):
        print(f"faults: cached in {outdir}")
        return 0
    if os.path.isdir(outdir) and not ours(outdir):
        sys.exit(f"{outdir} exists and was not made by this script (no cases.json); give an empty or new directory")
    # Built beside the target, then swapped in: an interrupted run never leaves a
    # half-made corpus that looks cached.
    parent = os.path.dirname(outdir)
    os.makedirs(parent, exist_ok=True)
    staging = f"{outdir}.tmp-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    os.makedirs(staging)
    cases = build(staging)
    names = [c["name"] for c in cases]
    assert len(names) == len(set(names)), "case names must be unique"
    for c in cases:
        # A message found in the arguments (the file's name, say) proves nothing, unless
        # it is the fault's own name: for crashes, any clean error naming the file will do.
        named = c["message"] in c["fault_files"] or c["message"] in [os.path.basename(a) for a in c["args"]]
        assert named or not any(c["message"] in a for a in c["args"]), f"{c['name']}: message found in the args"
    files = sorted(os.listdir(staging))
    with open(os.path.join(staging, "cases.json"), "w") as f:
        json.dump({"format": FORMAT, "files": files, "cases": cases}, f, indent=1)
        f.write("\n")
    with open(os.path.join(staging, ".stamp"), "w") as f:
        f.write(stamp + "\n")
    if os.path.isdir(outdir):
        old = f"{outdir}.old-{os.getpid()}"
        os.rename(outdir, old)
        os.rename(staging, outdir)
        shutil.rmtree(old)
    else:
        os.rename(staging, outdir)
    print(f"faults: {len(cases)} cases in {outdir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
