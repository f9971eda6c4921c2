#!/usr/bin/env python3
"""Writes the fuzzers' seed corpora (docs/fuzzing.md) into OUT/<target>/.

importer:     every text-format model of the lit tests (test/**/*.onnxtxt)
              serialized as a binary ModelProto, and the example models
              (examples/*/*.onnx).
tensor:       small .npy files of every dtype edgec reads (format versions
              1, 2 and 3) and TensorProto files (raw_data and typed fields),
              plus examples/digits/test_labels.npy.
calibration:  one selector byte (CalibrationFuzzer.cpp: bits 0-1 the format,
              bits 2-3 the model) followed by .npy / .pb / .npz files that
              load for that model: single samples, batches, float64, and
              np.savez / np.savez_compressed archives.

Deterministic (fixed data, no timestamps in the archives).
"""
import argparse
import io
import pathlib
import shutil
import sys
import zipfile

import numpy as np
import onnx
from google.protobuf import text_format
from onnx import numpy_helper


def npy_bytes(array, version=None):
    buf = io.BytesIO()
    if version is None:
        np.save(buf, array)
    else:
        np.lib.format.write_array(buf, array, version=version)
    return buf.getvalue()


def npz_bytes(arrays, compressed):
    # np.savez writes timestamps; build the archive by hand for stable bytes.
    buf = io.BytesIO()
    method = zipfile.ZIP_DEFLATED if compressed else zipfile.ZIP_STORED
    with zipfile.ZipFile(buf, "w", method) as z:
        for name, a in arrays.items():
            info = zipfile.ZipInfo(name + ".npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = method
            z.writestr(info, npy_bytes(a))
    return buf.getvalue()


def tensor_proto_bytes(array, name="x", raw=True):
    t = numpy_helper.from_array(array, name)
    if not raw:
        # Move raw_data into the typed field.
        t = onnx.helper.make_tensor(name, t.data_type, array.shape,
                                    array.flatten().tolist())
    return t.SerializeToString()


def write(dirpath, name, data):
    dirpath.mkdir(parents=True, exist_ok=True)
    (dirpath / name).write_bytes(data)


def importer_seeds(root, out):
    n = 0
    for path in sorted(root.glob("test/**/*.onnxtxt")):
        model = onnx.ModelProto()
        try:
            text_format.Parse(path.read_text(), model)
        except Exception:  # deliberately broken text (lit error tests)
            continue
        rel = path.relative_to(root / "test").with_suffix(".onnx")
        write(out, str(rel).replace("/", "_"), model.SerializeToString())
        n += 1
    for path in sorted(root.glob("examples/*/*.onnx")):
        write(out, "example_" + path.name, path.read_bytes())
        n += 1
    return n


DTYPES = [np.float32, np.float64, np.int64, np.int32, np.int16, np.int8,
          np.uint8, np.bool_]


def tensor_seeds(root, out):
    rng = np.random.default_rng(1)
    n = 0
    for dt in DTYPES:
        for shape in [(), (3,), (2, 3), (1, 2, 2, 2), (0, 4)]:
            a = (rng.integers(0, 2, size=shape) if dt == np.bool_
                 else rng.integers(-100, 100, size=shape)).astype(dt)
            tag = f"{np.dtype(dt).name}_{'x'.join(map(str, shape)) or 'scalar'}"
            for version in (None, (2, 0), (3, 0)):
                v = "" if version is None else f"_v{version[0]}"
                write(out, f"{tag}{v}.npy", npy_bytes(a, version))
                n += 1
            write(out, f"{tag}_raw.pb", tensor_proto_bytes(a, raw=True))
            n += 1
            if dt not in (np.bool_, np.float64, np.uint8, np.int8, np.int16) \
                    and a.size:
                write(out, f"{tag}_typed.pb", tensor_proto_bytes(a, raw=False))
                n += 1
    labels = root / "examples/digits/test_labels.npy"
    if labels.exists():
        write(out, "digits_test_labels.npy", labels.read_bytes())
        n += 1
    return n


def calibration_seeds(out):
    NPY, PB, NPZ = 0, 1, 2
    f32 = lambda *s: np.arange(np.prod(s), dtype=np.float32).reshape(s) / 7
    seeds = {
        # model 0: x f32 [1, 4]
        (NPY, 0, "sample"): npy_bytes(f32(1, 4)),
        (NPY, 0, "batch"): npy_bytes(f32(3, 1, 4)),
        (NPY, 0, "f64_stacked"): npy_bytes(f32(5, 4).astype(np.float64)),
        (PB, 0, "sample"): tensor_proto_bytes(f32(1, 4)),
        (PB, 0, "f64_batch"): tensor_proto_bytes(f32(2, 1, 4).astype(np.float64)),
        (NPZ, 0, "stored"): npz_bytes({"x": f32(2, 1, 4)}, False),
        (NPZ, 0, "deflated"): npz_bytes({"a": f32(1, 4), "b": f32(2, 4)}, True),
        # model 1: x f32 [2, 3]
        (NPY, 1, "stacked"): npy_bytes(f32(4, 3)),
        (PB, 1, "typed"): tensor_proto_bytes(f32(2, 3), raw=False),
        # model 2: x int8 scalar
        (NPY, 2, "batch"): npy_bytes(np.arange(7, dtype=np.int8)),
        (PB, 2, "scalar"): tensor_proto_bytes(np.array(5, dtype=np.int8)),
        # model 3: x f32 [1, 2], y int32 [3]
        (NPZ, 3, "sample"): npz_bytes(
            {"x": f32(1, 2), "y": np.arange(3, dtype=np.int32)}, False),
        (NPZ, 3, "batch_deflated"): npz_bytes(
            {"y": np.arange(6, dtype=np.int32).reshape(2, 3),
             "x": f32(2, 1, 2)}, True),
    }
    for (fmt, model, tag), data in seeds.items():
        ext = ["npy", "pb", "npz"][fmt]
        write(out, f"m{model}_{tag}.{ext}", bytes([fmt | model << 2]) + data)
    return len(seeds)


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--root", required=True, type=pathlib.Path)
    ap.add_argument("--out", required=True, type=pathlib.Path)
    args = ap.parse_args()
    for sub in ("importer", "tensor", "calibration"):
        shutil.rmtree(args.out / sub, ignore_errors=True)
    counts = (importer_seeds(args.root, args.out / "importer"),
              tensor_seeds(args.root, args.out / "tensor"),
              calibration_seeds(args.out / "calibration"))
    print("fuzz seeds: %d importer, %d tensor, %d calibration" % counts)
    return 0


if __name__ == "__main__":
    sys.exit(main())
