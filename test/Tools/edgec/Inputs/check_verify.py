"""Checks `edgec verify --json` reports on the digits example against stated
bounds instead of pinned figures.

  check_verify.py REPORT.json MIN_WORST_DB [--better-than OTHER.json DB]

Every tensor of the float model is listed once, worst SQNR first; the f32
input reshape is exact (inf dB, cosine 1); every other tensor has an SQNR of
at least MIN_WORST_DB and a cosine above 0.999. With --better-than, the worst
SQNR is at least DB above OTHER's worst. Prints "verify: OK".

Why the bounds are what they are: an 8-bit uniform quantizer over a tensor's
calibrated range has a noise of step^2/12, ~45-50 dB below a signal that fills
the range; the digits activations fill it unevenly and the error of two conv
layers accumulates, so 30 dB is the int8 floor the tests assert. int16
activations remove the activation rounding (the int8 weights remain), which
must show as a gain of at least 1 dB on the worst tensor.
"""
import json
import math
import sys

# The digits graph (examples/digits/digits.onnx): (node, op) of every tensor
# edgec verify compares.
EXPECTED = {
    ("/conv1/Conv", "edge.reshape"),
    ("/conv1/Conv", "edge.conv2d"),
    ("/conv2/Conv", "edge.conv2d"),
    ("/pool/MaxPool", "edge.max_pool2d"),
    ("/fc/Gemm", "edge.reshape"),
    ("/fc/Gemm", "edge.fully_connected"),
}


def sqnr(t):
    v = t["sqnr_db"]
    return math.inf if v == "inf" else -math.inf if v == "-inf" else float(v)


def worst(report):
    return min(sqnr(t) for t in report["tensors"])


def main(argv):
    if len(argv) not in (3, 6) or (len(argv) == 6 and argv[3] != "--better-than"):
        raise SystemExit(__doc__)
    report = json.load(open(argv[1]))
    floor = float(argv[2])
    problems = []
    tensors = report["tensors"]
    got = {(t["node"], t["op"]) for t in tensors}
    if got != EXPECTED or len(tensors) != len(EXPECTED):
        problems.append(f"tensors {sorted(got)}, expected {sorted(EXPECTED)}")
    values = [sqnr(t) for t in tensors]
    if values != sorted(values):
        problems.append("not sorted worst SQNR first")
    for t in tensors:
        name = f"{t['node']} ({t['op']})"
        if t["type"] == "f32":
            if sqnr(t) != math.inf or t["cosine"] != 1:
                problems.append(f"{name}: f32 tensor is not exact")
            continue
        if sqnr(t) < floor:
            problems.append(f"{name}: SQNR {sqnr(t):.2f} dB < {floor} dB")
        if t["cosine"] <= 0.999:
            problems.append(f"{name}: cosine {t['cosine']:.5f} <= 0.999")
    if report["fallbacks"]:
        problems.append(f"ops kept in float: {report['fallbacks']}")
    if len(argv) == 6:
        other = json.load(open(argv[4]))
        gain = float(argv[5])
        if worst(report) < worst(other) + gain:
            problems.append(f"worst SQNR {worst(report):.2f} dB is not {gain} dB "
                            f"above {worst(other):.2f} dB")
    if problems:
        raise SystemExit("verify: FAILED: " + "; ".join(problems))
    print(f"verify: OK (worst {worst(report):.2f} dB)")


if __name__ == "__main__":
    main(sys.argv)
