#!/usr/bin/env python3
"""Writes the fuzzers' seed corpora (docs/fuzzing.md) into OUT/<target>/.

importer:     every text-format model of the lit tests (test/**/*.onnxtxt)
              serialized as a binary ModelProto, and the example models
              (examples/*/*.onnx).
tensor:       small .npy files of every dtype edgec reads (format versions
              1, 2 and 3) and TensorProto files (raw_data and typed fields),
              plus examples/digits/test_labels.npy.
blob:         inputs of BlobFuzzer.cpp's constructed mode (odd first byte): a
              blob with 0-3 sections of every kind built by edgec's writer,
              untouched, with flips, with a repaired header CRC, truncated
              and with bytes appended; and short raw inputs (even first
              byte): the magic alone, a zero header.
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


def blob_seeds(out):
    seeds = {}

    def constructed(sections, payload_byte, flips=(), repair=False, tail=0):
        # Layout read by BlobFuzzer.cpp: count, (kind, size u16) per
        # section, payload bytes (one per payload byte; the fuzzer pads with
        # zeros), 32 hash bytes, flip count + (offset u16, mask) pairs,
        # repair flag, tail mode.
        b = bytearray([1, len(sections)])
        total = 0
        for kind, size in sections:
            b += bytes([kind - 1]) + size.to_bytes(2, "little")
            total = (total + 15) // 16 * 16 + size
        b += bytes([payload_byte]) * total
        b += bytes(range(32))
        b += bytes([len(flips)])
        for at, mask in flips:
            b += at.to_bytes(2, "little") + bytes([mask])
        b += bytes([1 if repair else 0, tail])
        return bytes(b)

    seeds["empty_blob"] = constructed([], 0)
    seeds["one_f32"] = constructed([(1, 16)], 0x3F)
    seeds["all_kinds"] = constructed([(k, 8 * k) for k in range(1, 8)], 7)
    seeds["flip_magic"] = constructed([(3, 5)], 1, flips=[(0, 0x20)])
    seeds["forged_count"] = constructed([(6, 12)], 2, flips=[(16, 3)],
                                        repair=True)
    seeds["forged_payload_size"] = constructed([(4, 40)], 3, flips=[(32, 8)],
                                               repair=True)
    seeds["flip_payload"] = constructed([(1, 64), (7, 24)], 4,
                                        flips=[(200, 1)])
    seeds["truncated"] = constructed([(5, 30)], 5, tail=1) + bytes([100, 0])
    seeds["appended"] = constructed([(2, 3)], 6, tail=2) + bytes([4, 9, 9, 9, 9])
    seeds["raw_magic"] = b"\x00EDGW"
    seeds["raw_zero_header"] = b"\x00" + b"EDGW" + bytes(124)
    for name, data in seeds.items():
        write(out, name + ".bin", data)
    return len(seeds)


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--root", required=True, type=pathlib.Path)
    ap.add_argument("--out", required=True, type=pathlib.Path)
    args = ap.parse_args()
    for sub in ("importer", "tensor", "calibration", "blob"):
        shutil.rmtree(args.out / sub, ignore_errors=True)
    counts = (importer_seeds(args.root, args.out / "importer"),
              tensor_seeds(args.root, args.out / "tensor"),
              calibration_seeds(args.out / "calibration"),
              blob_seeds(args.out / "blob"))
    print("fuzz seeds: %d importer, %d tensor, %d calibration, %d blob"
          % counts)
    return 0


if __name__ == "__main__":
    sys.exit(main())
