// One-time recorder of the reference outputs that FaceRecognitionConversionTest compares the converted ONNX net with.
// Runs the original face-api.js 0.22.2 FaceRecognitionNet (tensorflow.js CPU backend) on three 150×150 inputs and
// prints JSON. Not run by the build; see docs/decisions/0011-licence-clear-face-models.md for how to re-run it:
//   npm install face-api.js@0.22.2 @tensorflow/tfjs-core@1.7.0 pngjs@7      (in a scratch folder)
//   NODE_PATH=$PWD/node_modules node tools/models/record-face-recognition-reference.js \
//       tools/target/tfjs-models face-match/target/test-images/astronaut.png face-match/target/test-images/camera.png \
//       > tools/src/test/resources/org/uketsuke/tools/face/face-recognition-reference.json
'use strict';
const fs = require('fs');
const path = require('path');
const tf = require('@tensorflow/tfjs-core');
const faceapi = require('face-api.js');
const { PNG } = require('pngjs');

const [modelDir, astronautPng, cameraPng] = process.argv.slice(2);

// The crops are the ones the Java test takes (FaceRecognitionConversionTest.INPUTS): x, y of a 150×150 window.
function crop(file, x0, y0) {
  const png = PNG.sync.read(fs.readFileSync(file));
  const rgb = new Int32Array(150 * 150 * 3);
  for (let y = 0; y < 150; y++) {
    for (let x = 0; x < 150; x++) {
      const i = ((y0 + y) * png.width + (x0 + x)) * 4;
      for (let c = 0; c < 3; c++) rgb[(y * 150 + x) * 3 + c] = png.data[i + c];
    }
  }
  return rgb;
}

function pattern() {
  const rgb = new Int32Array(150 * 150 * 3);
  for (let y = 0; y < 150; y++) {
    for (let x = 0; x < 150; x++) {
      for (let c = 0; c < 3; c++) rgb[(y * 150 + x) * 3 + c] = (x * 7 + y * 13 + c * 101) % 256;
    }
  }
  return rgb;
}

async function main() {
  const manifest = JSON.parse(fs.readFileSync(path.join(modelDir, 'face_recognition_model-weights_manifest.json')));
  const bin = fs.readFileSync(path.join(modelDir, 'face_recognition_model.bin'));
  const weightMap = tf.io.decodeWeights(bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.length),
    manifest[0].weights);
  const net = new faceapi.FaceRecognitionNet();
  net.loadFromWeightMap(weightMap);
  const inputs = [
    { name: 'astronaut', source: 'astronaut.png', x: 165, y: 35, rgb: crop(astronautPng, 165, 35) },
    { name: 'camera', source: 'camera.png', x: 180, y: 40, rgb: crop(cameraPng, 180, 40) },
    { name: 'pattern', source: '(x*7 + y*13 + c*101) mod 256', x: 0, y: 0, rgb: pattern() },
  ];
  const out = { recordedWith: 'face-api.js 0.22.2, @tensorflow/tfjs-core 1.7.0 (cpu), node ' + process.version,
    backend: tf.getBackend(), outputs: [] };
  for (const input of inputs) {
    const descriptor = await net.computeFaceDescriptor(tf.tensor3d(input.rgb, [150, 150, 3], 'int32'));
    out.outputs.push({ name: input.name, source: input.source, x: input.x, y: input.y,
      descriptor: Array.from(descriptor) });
  }
  process.stdout.write(JSON.stringify(out, null, 1) + '\n');
}
main().catch((e) => { console.error(e); process.exit(1); });
