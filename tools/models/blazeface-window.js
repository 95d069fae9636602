// Shared by the two BlazeFace recorders: loads the TF.js graph model from its model.json and shards, and takes the
// 256×256 window at (128, 0) of the public-domain astronaut portrait, normalised x/127.5 − 1, as a [1, 256, 256, 3]
// tensor.
'use strict';
const fs = require('fs');
const path = require('path');
const tf = require('@tensorflow/tfjs-core');
require('@tensorflow/tfjs-backend-cpu');
const converter = require('@tensorflow/tfjs-converter');
const { PNG } = require('pngjs');

const X0 = 128;
const Y0 = 0;
const SIZE = 256;

async function loadBlazeFace(modelJson) {
  await tf.setBackend('cpu');
  const model = JSON.parse(fs.readFileSync(modelJson));
  const group = model.weightsManifest[0];
  const bin = Buffer.concat(group.paths.map((p) => fs.readFileSync(path.join(path.dirname(modelJson), p))));
  return converter.loadGraphModel(tf.io.fromMemory({ modelTopology: model.modelTopology, format: model.format,
    generatedBy: model.generatedBy, convertedBy: model.convertedBy, weightSpecs: group.weights,
    weightData: bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.length) }));
}

function astronautWindow(astronautPng) {
  const png = PNG.sync.read(fs.readFileSync(astronautPng));
  const pixels = new Float32Array(SIZE * SIZE * 3);
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      const i = ((Y0 + y) * png.width + (X0 + x)) * 4;
      for (let c = 0; c < 3; c++) pixels[(y * SIZE + x) * 3 + c] = png.data[i + c] / 127.5 - 1;
    }
  }
  return tf.tensor4d(pixels, [1, SIZE, SIZE, 3]);
}

module.exports = { tf, loadBlazeFace, astronautWindow, X0, Y0, SIZE };
