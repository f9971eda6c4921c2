#!/usr/bin/env python3
"""Corrupted copies of a weights blob (docs/ota.md), for blob_driver.c and
`edgec inspect-blob`.

  blob_cases.py make GOOD OTHER OUTDIR
      writes OUTDIR/NNN.bin and OUTDIR/cases.txt ("FILE STATUS [+OFFSET]",
      what the runtime must answer) and OUTDIR/inspect.txt ("FILE STATUS",
      what `edgec inspect-blob --expect-model` must answer: the same, except
      that a file has no address, and inspect-blob does not know the code's
      section table). OTHER is a sound blob of a different model.
  blob_cases.py inspect EDGEC OUTDIR MODELDIR
      runs `EDGEC inspect-blob FILE --expect-model MODELDIR` on every
      inspect.txt line: exit 0 for OK, else exit 1 and one stderr line
      `edgec: error: FILE: ... (STATUS)`. Prints "inspect: N checked".
  blob_cases.py fields GOOD JSON
      parses GOOD independently (struct, zlib, hashlib) and compares every
      field with `edgec inspect-blob --json` output in JSON.
  blob_cases.py perturb MODEL OUT
      MODEL with every float initializer scaled by 0.75 (same architecture,
      new weights: what an over-the-air update ships).

The header is parsed and rebuilt here from the format description alone,
with zlib's CRC-32 and hashlib's SHA-256 -- a third implementation beside
the runtime's and LLVM's.
"""
import hashlib
import json
import os
import struct
import subprocess
import sys
import zlib

FIXED = 128
SECTION = 32
# magic, version, header_size, flags, section_count, align, payload_offset,
# payload_size, payload_crc, reserved0, model_hash, payload_sha, reserved1
FMT = "<4sIIIIIQQII32s32s16s"
assert struct.calcsize(FMT) == FIXED


def parse(blob):
    f = list(struct.unpack_from(FMT, blob, 0))
    count = f[4]
    secs = [list(struct.unpack_from("<QQIIQ", blob, FIXED + SECTION * i))
            for i in range(count)]
    return f, secs


def build(f, secs, payload_and_pad, fix_crc=True):
    """Header fields f, sections, then everything after the header CRC."""
    head = struct.pack(FMT, *f)
    for s in secs:
        head += struct.pack("<QQIIQ", *s)
    crc = zlib.crc32(head) if fix_crc else 0
    return head + struct.pack("<I", crc) + payload_and_pad


class Cases:
    def __init__(self, outdir):
        self.outdir = outdir
        self.runtime = []
        self.inspect = []

    def add(self, data, status, inspect_status=None, misalign=0):
        path = os.path.join(self.outdir, "%03d.bin" % len(self.runtime))
        with open(path, "wb") as fh:
            fh.write(bytes(data))
        extra = " +%d" % misalign if misalign else ""
        self.runtime.append("%s %s%s" % (path, status, extra))
        self.inspect.append("%s %s" % (
            path, status if inspect_status is None else inspect_status))

    def write(self):
        with open(os.path.join(self.outdir, "cases.txt"), "w") as fh:
            fh.write("\n".join(self.runtime) + "\n")
        with open(os.path.join(self.outdir, "inspect.txt"), "w") as fh:
            fh.write("\n".join(self.inspect) + "\n")


def make(good_path, other_path, outdir):
    good = open(good_path, "rb").read()
    other = open(other_path, "rb").read()
    os.makedirs(outdir, exist_ok=True)
    c = Cases(outdir)
    f, secs = parse(good)
    hsize, count, poff, psize = f[2], f[4], f[6], f[7]
    table_end = FIXED + SECTION * count
    assert hsize == table_end + 4 and poff + psize == len(good)
    # The blob must be sound by this independent reading.
    payload = good[poff:]
    assert zlib.crc32(payload) == f[8], "payload CRC"
    assert hashlib.sha256(payload).digest() == f[11], "payload SHA-256"
    assert zlib.crc32(good[:table_end]) == struct.unpack_from(
        "<I", good, table_end)[0], "header CRC"
    tail = good[hsize:]  # padding + payload

    def flip(pos, mask=0x01):
        b = bytearray(good)
        b[pos] ^= mask
        return b

    B = "EDGERT_BLOB_"
    # The good blob itself, and a sound blob of another model.
    c.add(good, B + "OK")
    c.add(other, B + "MODEL_MISMATCH")
    # Every header byte, flipped (no CRC repair): the field decides.
    for pos in range(hsize):
        if pos < 4:
            want = "BAD_MAGIC"
        elif pos < 8:
            want = "BAD_VERSION"
        elif pos < 12 or 16 <= pos < 20:  # header size, section count
            want = "BAD_HEADER"
        else:
            want = "BAD_HEADER_CRC"
        c.add(flip(pos), B + want)
    c.add(flip(7, 0x80), B + "BAD_VERSION")
    # Every padding byte between the header and the payload.
    for pos in range(hsize, poff):
        c.add(flip(pos), B + "BAD_HEADER")
    # Payload: first, last, a byte in every section (start, middle, end) and
    # in every gap between sections.
    positions = {poff, len(good) - 1}
    prev_end = 0
    for off, size, _, _, _ in secs:
        if off > prev_end:
            positions.add(poff + prev_end)
            positions.add(poff + off - 1)
        positions.update({poff + off, poff + off + size // 2,
                          poff + off + size - 1})
        prev_end = off + size
    for pos in sorted(positions):
        c.add(flip(pos), B + "BAD_CRC")
        c.add(flip(pos, 0x80), B + "BAD_CRC")
    # Payload changed and its CRC forged to match: only SHA-256 catches it.
    p2 = bytearray(payload)
    p2[len(p2) // 2] ^= 0x40
    g = list(f)
    g[8] = zlib.crc32(bytes(p2))
    c.add(build(g, secs, good[hsize:poff] + bytes(p2)), B + "BAD_SHA256")
    # Payload changed with CRC and SHA-256 forged: a sound blob (integrity,
    # not authenticity), runs with other weights.
    g[11] = hashlib.sha256(bytes(p2)).digest()
    c.add(build(g, secs, good[hsize:poff] + bytes(p2)), B + "OK")

    # Field by field, header CRC repaired (the structural checks).
    def forged(status, inspect_status=None, misalign=0, **changes):
        g = list(f)
        s2 = [list(s) for s in secs]
        names = ["magic", "version", "header_size", "flags", "count", "align",
                 "payload_offset", "payload_size", "payload_crc", "reserved0",
                 "model_hash", "payload_sha", "reserved1"]
        rest = tail
        for k, v in changes.items():
            if k == "rest":
                rest = v
            elif k.startswith("sec"):  # sec<i>_<field>
                i, field = k[3:].split("_", 1)
                s2[int(i)][["offset", "size", "align", "kind",
                            "reserved"].index(field)] = v
            else:
                g[names.index(k)] = v
        c.add(build(g, s2, rest), B + status,
              inspect_status and B + inspect_status, misalign)

    forged("BAD_MAGIC", magic=b"EDGX")
    forged("BAD_VERSION", version=2)
    forged("BAD_VERSION", version=0)
    forged("BAD_HEADER", flags=1)
    forged("BAD_HEADER", flags=0x80000000)
    forged("BAD_HEADER", reserved0=1)
    forged("BAD_HEADER", reserved1=b"\0" * 15 + b"\1")
    for a in (0, 1, 8, 24, 8192, 1 << 31):
        forged("BAD_HEADER", align=a)
    forged("BAD_HEADER", payload_offset=hsize - 4)  # inside the header
    forged("BAD_HEADER", payload_offset=0)
    forged("BAD_HEADER", payload_offset=poff + 1)  # misaligned
    forged("TRUNCATED", payload_offset=poff + 16)  # past the data
    forged("TRUNCATED", payload_offset=(1 << 64) - 16)  # overflow bait
    forged("TRUNCATED", payload_size=psize + 1)
    forged("TRUNCATED", payload_size=(1 << 64) - 1)  # overflow bait
    forged("BAD_HEADER", payload_size=secs[-1][0] + secs[-1][1] - 4)
    forged("BAD_CRC", payload_crc=f[8] ^ 1)
    forged("BAD_SHA256", payload_sha=bytes(31) + b"\1")
    forged("MODEL_MISMATCH", model_hash=bytes(32))
    forged("MODEL_MISMATCH", model_hash=f[10][:31] + bytes([f[10][31] ^ 1]))
    # Header size / section count inconsistent even with the CRC repaired.
    forged("BAD_HEADER", header_size=hsize + 32)
    forged("BAD_HEADER", count=count + 1)
    forged("BAD_HEADER", count=0x7fffffff)  # overflow bait
    last = count - 1
    forged("BAD_HEADER", sec0_offset=secs[0][0] + 8)  # misaligned
    forged("BAD_HEADER", sec0_offset=secs[0][0] + 16)  # overlaps section 1
    forged("BAD_HEADER", sec0_size=secs[0][1] + 4)  # overlaps section 1
    forged("BAD_HEADER", sec0_size=secs[0][1] - 1)  # not whole elements
    forged("BAD_HEADER", sec0_size=(1 << 64) - 16)  # overflow bait
    forged("BAD_HEADER", sec1_offset=0)  # out of order
    forged("BAD_HEADER", **{"sec%d_offset" % last: psize})  # past the end
    forged("BAD_HEADER", **{"sec%d_offset" % last: (1 << 64) - 16})
    forged("BAD_HEADER", sec0_align=0)
    forged("BAD_HEADER", sec0_align=3)
    forged("BAD_HEADER", sec0_align=32)  # more than the blob's alignment
    forged("BAD_HEADER", sec0_align=2)  # less than an f32
    forged("BAD_HEADER", sec0_kind=0)
    forged("BAD_HEADER", sec0_kind=99)
    forged("BAD_HEADER", sec0_reserved=1)
    # Structurally sound, but not the table the code was compiled with.
    forged("LAYOUT_MISMATCH", "OK", sec0_kind=6)  # i32 instead of f32
    forged("LAYOUT_MISMATCH", "OK", sec0_align=4)
    forged("LAYOUT_MISMATCH", "OK", **{"sec%d_size" % last: secs[last][1] - 4})
    # One section fewer (header shorter, table consistent).
    g = list(f)
    g[2] -= SECTION
    g[4] -= 1
    c.add(build(g, secs[:-1], bytes(SECTION) + tail),
          B + "LAYOUT_MISMATCH", B + "OK")
    # Addresses: the blob declares 16-byte alignment.
    for m in (1, 4, 8):
        c.add(good, B + "MISALIGNED", B + "OK", misalign=m)
    # Truncated at many lengths, and junk appended.
    for n in sorted({0, 1, 4, 8, FIXED - 1, FIXED, hsize - 1, hsize, poff,
                     poff + 1, poff + psize // 2, len(good) - 1}):
        c.add(good[:n], B + "TRUNCATED")
    for junk in (b"\0", bytes(16), b"EDGW" * 1024):
        c.add(good + junk, B + "TRAILING_DATA")
    c.write()
    print("cases: %d" % len(c.runtime))


def inspect(edgec, outdir, modeldir):
    n = 0
    bad = 0
    # The C driver checks every case; each edgec run costs ~70 ms of start-up,
    # so inspect-blob gets a sample: for each expected status its first, last
    # and two cases in between (every kind of damage, in every region the
    # status can come from), which keeps the test a few seconds long.
    by_status = {}
    for line in open(os.path.join(outdir, "inspect.txt")):
        path, want = line.split()
        by_status.setdefault(want, []).append(path)
    sample = []
    for want, paths in sorted(by_status.items()):
        picks = sorted({0, len(paths) // 3, 2 * len(paths) // 3,
                        len(paths) - 1})
        sample += [(paths[i], want) for i in picks]
    for path, want in sample:
        r = subprocess.run([edgec, "inspect-blob", path, "--expect-model",
                            modeldir], capture_output=True, text=True)
        n += 1
        err = r.stderr.strip().splitlines()
        if want == "EDGERT_BLOB_OK":
            ok = r.returncode == 0 and not err
        else:
            ok = (r.returncode == 1 and len(err) == 1 and
                  err[0].startswith("edgec: error: " + path + ": ") and
                  err[0].endswith("(" + want + ")") and not r.stdout)
        if not ok:
            bad += 1
            print("FAIL: %s: want %s, exit %d, stderr %r" % (
                path, want, r.returncode, r.stderr))
    print("inspect: %d checked, %d wrong" % (n, bad))
    sys.exit(1 if bad else 0)


def fields(good_path, json_path):
    good = open(good_path, "rb").read()
    f, secs = parse(good)
    got = json.load(open(json_path))
    kinds = {1: "f32", 2: "bool", 3: "i8", 4: "u8", 5: "i16", 6: "i32",
             7: "i64"}
    table_end = FIXED + SECTION * f[4]
    payload = good[f[6]:f[6] + f[7]]
    want = {
        "size": len(good), "version": f[1], "header_size": f[2],
        "flags": f[3], "align": f[5], "payload_offset": f[6],
        "payload_size": f[7], "payload_crc32": zlib.crc32(payload),
        "payload_sha256": hashlib.sha256(payload).hexdigest(),
        "header_crc32": zlib.crc32(good[:table_end]),
        "model_hash": f[10].hex(), "status": "ok",
        "sections": [{"offset": s[0], "size": s[1], "align": s[2],
                      "kind": kinds[s[3]]} for s in secs],
    }
    assert f[0] == b"EDGW" and f[1] == 1
    wrong = [k for k in want if got.get(k) != want[k]]
    for k in wrong:
        print("FAIL: %s: inspect-blob %r, expected %r" % (k, got.get(k),
                                                          want[k]))
    print("fields: %d checked, %d wrong" % (len(want), len(wrong)))
    sys.exit(1 if wrong else 0)


def perturb(model_path, out_path):
    import numpy as np
    import onnx
    from onnx import numpy_helper
    m = onnx.load(model_path)
    for i, t in enumerate(m.graph.initializer):
        a = numpy_helper.to_array(t)
        if a.dtype == np.float32:
            m.graph.initializer[i].CopyFrom(
                numpy_helper.from_array((a * 0.75).astype(np.float32),
                                        t.name))
    onnx.save(m, out_path)


if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "make":
        make(*sys.argv[2:5])
    elif cmd == "inspect":
        inspect(*sys.argv[2:5])
    elif cmd == "fields":
        fields(*sys.argv[2:4])
    elif cmd == "perturb":
        perturb(*sys.argv[2:4])
    else:
        sys.exit("unknown command " + cmd)
