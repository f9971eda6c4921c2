"""A small random conv net as calibrated float edge IR, for the quantized
interpreter and C target tests.

    qnet.py OUTDIR
    qnet.py check OUTDIR RESULTDIR ATOL_LOGITS ATOL_PROBS

writes OUTDIR/net.mlir (f32 edge function with edge.calibration ranges from
numpy runs on 16 random inputs), OUTDIR/x.npy + x.bin (a held-out input, raw
little-endian f32 for C harnesses) and OUTDIR/ref_logits.npy / ref_probs.npy
(numpy's float outputs on it).

Net (NHWC): conv 3x3 (3->8, relu) -> conv 1x1 (8->8) + add (relu6) ->
depthwise 3x3 stride 2 (relu) -> max pool 2x2 -> reshape -> fully connected
(32->10) -> softmax.
"""
import os
import sys

import numpy as np

rng = np.random.default_rng(1234)


def conv(x, w, b, stride=1, pad=0):
    n, h, wd, c = x.shape
    o, kh, kw, _ = w.shape
    xp = np.pad(x, ((0, 0), (pad, pad), (pad, pad), (0, 0)))
    oh = (h + 2 * pad - kh) // stride + 1
    ow = (wd + 2 * pad - kw) // stride + 1
    out = np.zeros((n, oh, ow, o), np.float64)
    for i in range(kh):
        for j in range(kw):
            patch = xp[:, i:i + stride * oh:stride, j:j + stride * ow:stride, :]
            out += patch @ w[:, i, j, :].T
    return out + b


def dwconv(x, w, b, stride=1, pad=0):
    n, h, wd, c = x.shape
    _, kh, kw, _ = w.shape
    xp = np.pad(x, ((0, 0), (pad, pad), (pad, pad), (0, 0)))
    oh = (h + 2 * pad - kh) // stride + 1
    ow = (wd + 2 * pad - kw) // stride + 1
    out = np.zeros((n, oh, ow, c), np.float64)
    for i in range(kh):
        for j in range(kw):
            out += xp[:, i:i + stride * oh:stride, j:j + stride * ow:stride, :] * w[0, i, j, :]
    return out + b


W1 = rng.normal(0, 0.4, (8, 3, 3, 3)).astype(np.float32)
B1 = rng.normal(0, 0.1, (8,)).astype(np.float32)
W2 = rng.normal(0, 0.4, (8, 1, 1, 8)).astype(np.float32)
B2 = rng.normal(0, 0.1, (8,)).astype(np.float32)
W3 = rng.normal(0, 0.4, (1, 3, 3, 8)).astype(np.float32)
B3 = rng.normal(0, 0.1, (8,)).astype(np.float32)
W4 = rng.normal(0, 0.5, (10, 32)).astype(np.float32)
B4 = rng.normal(0, 0.1, (10,)).astype(np.float32)


def forward(x):
    t = {}
    t["x"] = x
    t["c1"] = np.maximum(conv(x, W1, B1, 1, 1), 0)
    t["c2"] = conv(t["c1"], W2, B2)
    t["a"] = np.clip(t["c1"] + t["c2"], 0, 6)
    t["d"] = np.maximum(dwconv(t["a"], W3, B3, 2, 1), 0)
    d = t["d"]
    t["p"] = d.reshape(1, 2, 2, 2, 2, 8).max(axis=(2, 4))
    t["r"] = t["p"].reshape(1, 32)
    t["f"] = t["r"] @ W4.T + B4
    e = np.exp(t["f"] - t["f"].max(axis=1, keepdims=True))
    t["s"] = e / e.sum(axis=1, keepdims=True)
    return t


def dense(a):
    a = np.asarray(a, np.float32)

    def rec(v):
        if v.ndim == 0:
            return repr(float(v))
        return "[" + ", ".join(rec(s) for s in v) + "]"
    return "dense<" + rec(a) + ">"


def check(out, res, atol_logits, atol_probs):
    ok = True
    for name, tol, ref in (("output_0", atol_logits, "ref_logits"),
                           ("output_1", atol_probs, "ref_probs")):
        got = np.load(os.path.join(res, name + ".npy"))
        want = np.load(os.path.join(out, ref + ".npy"))
        err = float(np.abs(got - want).max())
        print("%s: max abs error %.4f (tolerance %s)" % (name, err, tol))
        ok = ok and err <= float(tol)
    print("argmax:", int(np.argmax(np.load(os.path.join(res, "output_1.npy")))),
          "reference", int(np.argmax(np.load(os.path.join(out, "ref_probs.npy")))))
    return 0 if ok else 1


def main():
    if sys.argv[1] == "check":
        sys.exit(check(*sys.argv[2:6]))
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    lo, hi = {}, {}
    for _ in range(16):
        x = rng.uniform(-1, 1, (1, 8, 8, 3)).astype(np.float32)
        for k, v in forward(x.astype(np.float64)).items():
            lo[k] = min(lo.get(k, 0.0), float(v.min()))
            hi[k] = max(hi.get(k, 0.0), float(v.max()))

    def cal(k):
        return "edge.calibration = [array<f64: %r, %r>]" % (lo[k], hi[k])

    def ty(shape):
        return "tensor<" + "x".join(str(d) for d in shape) + "xf32>"

    m = f"""func.func @main(%x: {ty((1, 8, 8, 3))} {{edge.calibration = array<f64: {lo['x']!r}, {hi['x']!r}>}}) -> ({ty((1, 10))}, {ty((1, 10))}) {{
  %w1 = edge.constant {dense(W1)} : {ty(W1.shape)}
  %b1 = edge.constant {dense(B1)} : {ty(B1.shape)}
  %w2 = edge.constant {dense(W2)} : {ty(W2.shape)}
  %b2 = edge.constant {dense(B2)} : {ty(B2.shape)}
  %w3 = edge.constant {dense(W3)} : {ty(W3.shape)}
  %b3 = edge.constant {dense(B3)} : {ty(B3.shape)}
  %w4 = edge.constant {dense(W4)} : {ty(W4.shape)}
  %b4 = edge.constant {dense(B4)} : {ty(B4.shape)}
  %c1 = edge.conv2d %x, %w1, %b1 stride [1, 1] dilation [1, 1] pad [1, 1, 1, 1] {{fused_activation = #edge.act<relu>, {cal('c1')}}} : ({ty((1, 8, 8, 3))}, {ty(W1.shape)}, {ty(B1.shape)}) -> {ty((1, 8, 8, 8))}
  %c2 = edge.conv2d %c1, %w2, %b2 stride [1, 1] dilation [1, 1] pad [0, 0, 0, 0] {{{cal('c2')}}} : ({ty((1, 8, 8, 8))}, {ty(W2.shape)}, {ty(B2.shape)}) -> {ty((1, 8, 8, 8))}
  %a = edge.add %c1, %c2 {{fused_activation = #edge.act<relu6>, {cal('a')}}} : ({ty((1, 8, 8, 8))}, {ty((1, 8, 8, 8))}) -> {ty((1, 8, 8, 8))}
  %d = edge.depthwise_conv2d %a, %w3, %b3 stride [2, 2] dilation [1, 1] pad [1, 1, 1, 1] {{fused_activation = #edge.act<relu>, {cal('d')}}} : ({ty((1, 8, 8, 8))}, {ty(W3.shape)}, {ty(B3.shape)}) -> {ty((1, 4, 4, 8))}
  %p = edge.max_pool2d %d kernel [2, 2] stride [2, 2] pad [0, 0, 0, 0] {{{cal('p')}}} : {ty((1, 4, 4, 8))} -> {ty((1, 2, 2, 8))}
  %r = edge.reshape %p {{{cal('r')}}} : {ty((1, 2, 2, 8))} -> {ty((1, 32))}
  %f = edge.fully_connected %r, %w4, %b4 {{{cal('f')}}} : ({ty((1, 32))}, {ty(W4.shape)}, {ty(B4.shape)}) -> {ty((1, 10))}
  %s = edge.softmax %f axis 1 {{{cal('s')}}} : {ty((1, 10))} -> {ty((1, 10))}
  return %f, %s : {ty((1, 10))}, {ty((1, 10))}
}}
"""
    with open(os.path.join(out, "net.mlir"), "w") as f:
        f.write(m)
    x = rng.uniform(-1, 1, (1, 8, 8, 3)).astype(np.float32)
    np.save(os.path.join(out, "x.npy"), x)
    x.tofile(os.path.join(out, "x.bin"))
    t = forward(x.astype(np.float64))
    np.save(os.path.join(out, "ref_logits.npy"), t["f"].astype(np.float32))
    np.save(os.path.join(out, "ref_probs.npy"), t["s"].astype(np.float32))


if __name__ == "__main__":
    main()
