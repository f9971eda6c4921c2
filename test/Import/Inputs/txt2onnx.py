#!/usr/bin/env python3
"""Converts a text-format ONNX ModelProto (.onnxtxt) into a binary .onnx file.

    txt2onnx.py in.onnxtxt out.onnx

Lit tests keep their models as reviewable text and make the binary form in
their RUN lines with this script (Debian's /usr/bin/python3 with python3-onnx).
"""
import sys

import onnx
from google.protobuf import text_format


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    model = onnx.ModelProto()
    with open(sys.argv[1], "r", encoding="utf-8") as f:
        text_format.Parse(f.read(), model)
    with open(sys.argv[2], "wb") as f:
        f.write(model.SerializeToString())


if __name__ == "__main__":
    main()
