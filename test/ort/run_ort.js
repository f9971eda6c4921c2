// Runs an ONNX model with ONNX Runtime (CPU) for edgec's tests.
//
//   [EDGEC_ORT_OPT_LEVEL=basic|extended|all] node run_ort.js MODEL.onnx INPUT.npy OUTPUT.npy
//
// INPUT.npy holds N samples of the model's single input stacked on a new
// leading axis ([N, ...input shape]) or is one sample (the input's shape);
// each sample is run on its own and the first output is written stacked
// ([N, ...output shape], float32). Only float32 .npy files (C order).
'use strict';
const fs = require('fs');
const ort = require('onnxruntime-node');

function readNpy(path) {
  const buf = fs.readFileSync(path);
  if (buf.toString('latin1', 1, 6) !== 'NUMPY') throw new Error(`${path}: not a .npy file`);
  const major = buf[6];
  const headerLen = major === 1 ? buf.readUInt16LE(8) : buf.readUInt32LE(8);
  const start = major === 1 ? 10 : 12;
  const header = buf.toString('latin1', start, start + headerLen);
  if (!/'descr':\s*'<f4'/.test(header)) throw new Error(`${path}: only float32 (<f4) is supported`);
  if (/'fortran_order':\s*True/.test(header)) throw new Error(`${path}: Fortran order`);
  const shape = header.match(/'shape':\s*\(([^)]*)\)/)[1].split(',')
      .map((s) => s.trim()).filter((s) => s.length).map(Number);
  const off = start + headerLen;
  const data = new Float32Array(buf.buffer.slice(buf.byteOffset + off, buf.byteOffset + buf.length));
  return { shape, data };
}

function writeNpy(path, shape, data) {
  let header = `{'descr': '<f4', 'fortran_order': False, 'shape': (${shape.join(', ')}${shape.length === 1 ? ',' : ''}), }`;
  const total = 10 + header.length + 1;
  header += ' '.repeat((64 - (total % 64)) % 64) + '\n';
  const head = Buffer.alloc(10);
  head.write('\x93NUMPY', 0, 'latin1');
  head[6] = 1; head[7] = 0;
  head.writeUInt16LE(header.length, 8);
  fs.writeFileSync(path, Buffer.concat([head, Buffer.from(header, 'latin1'),
    Buffer.from(data.buffer, data.byteOffset, data.byteLength)]));
}

async function main() {
  const [modelPath, inputPath, outputPath] = process.argv.slice(2);
  if (!outputPath) throw new Error('usage: node run_ort.js MODEL.onnx INPUT.npy OUTPUT.npy');
  // 'basic' (default) runs QuantizeLinear/DequantizeLinear as ONNX defines
  // them; 'extended'/'all' let ONNX Runtime fuse QDQ groups into its own int8
  // kernels, whose results depend on the CPU (on AVX2 without VNNI its u8s8
  // kernels saturate 16-bit intermediate sums of full-range int8 weights).
  const level = process.env.EDGEC_ORT_OPT_LEVEL || 'basic';
  const options = { graphOptimizationLevel: level, logSeverityLevel: 3 };
  const session = await ort.InferenceSession.create(modelPath, options);
  const input = readNpy(inputPath);
  const meta = session.inputMetadata ? session.inputMetadata[0] : null;
  const inShape = meta && meta.shape ? meta.shape.map(Number) : input.shape.slice(1);
  const per = inShape.reduce((a, b) => a * b, 1);
  const n = input.data.length / per;
  if (!Number.isInteger(n)) throw new Error(`${inputPath}: ${input.data.length} values are not samples of [${inShape}]`);
  let outShape = null;
  const chunks = [];
  for (let i = 0; i < n; ++i) {
    const x = new ort.Tensor('float32', input.data.slice(i * per, (i + 1) * per), inShape);
    const res = await session.run({ [session.inputNames[0]]: x });
    const y = res[session.outputNames[0]];
    outShape = y.dims.map(Number);
    chunks.push(Float32Array.from(y.data));
  }
  const out = new Float32Array(chunks.reduce((a, c) => a + c.length, 0));
  let o = 0;
  for (const c of chunks) { out.set(c, o); o += c.length; }
  writeNpy(outputPath, [n, ...outShape], out);
}

main().catch((e) => { console.error(`run_ort.js: error: ${e.message}`); process.exit(1); });
