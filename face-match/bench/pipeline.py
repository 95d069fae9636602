#!/usr/bin/env python3
"""The face pipeline of face-match (FacePipeline.java), step for step, in Debian's python3-opencv: the bench's
reference for "same models, same frames, same machine". Prints min/median/p95 ms per frame as one JSON line.

usage: pipeline.py MODEL_DIR FRAME.png RUNS [CHIP.jp2]
With CHIP.jp2 it also times chip-photo enrolment + frames until two match (FaceVerifier's rule) on the same frame.

usage: pipeline.py --serve MODEL_DIR FRAME.png CHIP.jp2 CAMERA.png...
Serves the bench, which alternates blocks of Java and Python work so that load from other processes falls on both
alike: reads "frames N" (N timed per-frame analyses of FRAME by ADR 0001's pipeline) or "decide N" (N timed
decisions: chip enrolment, then the CAMERA frames in a loop through FaceVerifier's checks until two match) or
"frames-clear N" (N timed analyses of FRAME by ADR 0011's licence-clear pipeline: BlazeFace, dlib's chip, dlib's
recogniser) and answers one JSON line of times in ms. MODEL_DIR holds ADR 0001's fr_*.onnx and ADR 0011's
blazeface.onnx and face_recognition_dlib.onnx.

usage: pipeline.py --analyse adr0001|blazeface-dlib MODEL_DIR IMAGE
One image through one pipeline as one JSON line: face box, keypoints (BlazeFace) and embedding, or "face": null where
the Java pipeline gives a quality issue (the Java-vs-Python agreement test compares these).
"""
import json
import sys
import time

import cv2
import numpy as np

TEMPLATE = np.array([[38.2946, 51.6963], [73.5318, 51.5014], [56.0252, 71.7366],
                     [41.5493, 92.3655], [70.7299, 92.2041]], dtype=np.float32)


def load(models):
    return (cv2.dnn.readNetFromONNX(models + "/fr_detect.onnx"),
            cv2.dnn.readNetFromONNX(models + "/fr_landmark.onnx"),
            cv2.dnn.readNetFromONNX(models + "/fr_feature.onnx"))


def analyse(nets, bgr):
    found = analyse_face(nets, bgr)
    return None if found is None else found[0]


def analyse_face(nets, bgr):
    """(embedding, face box) as FacePipeline.analyse, or None where it gives a quality issue."""
    detector, landmarks, embedder = nets
    grey = cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY)
    image = cv2.cvtColor(grey, cv2.COLOR_GRAY2BGR)
    h, w = image.shape[:2]
    detector.setInput(cv2.dnn.blobFromImage(image, 1 / 128.0, (320, 240), (127, 127, 127), True, False), "input")
    boxes, scores = detector.forward(["boxes", "scores"])
    boxes = boxes.reshape(-1, 4)
    scores = scores.reshape(-1, 2)[:, 1]
    keep = scores >= 0.65
    rects = [[float(b[0] * w), float(b[1] * h), float((b[2] - b[0]) * w), float((b[3] - b[1]) * h)] for b in boxes[keep]]
    kept = cv2.dnn.NMSBoxes(rects, scores[keep].tolist(), 0.65, 0.4)
    if len(kept) != 1:
        return None
    x, y, bw, bh = [int(v) for v in rects[int(np.array(kept).flatten()[0])]]
    x, y = max(0, x), max(0, y)
    if bw < 60:
        return None
    crop = grey[y:y + bh, x:x + bw]
    # exposure and sharpness gates, as FacePipeline.exposure
    mean = float(crop.mean())
    sharpness = float(cv2.Laplacian(crop, cv2.CV_16S).std()) ** 2
    if mean < 40 or mean > 225 or sharpness < 15:
        return None
    landmarks.setInput(cv2.dnn.blobFromImage(crop, 1 / 256.0, (64, 64), 0, False, False), "input")
    p = landmarks.forward("output").flatten()
    p[0::2] = p[0::2] * bw + x
    p[1::2] = p[1::2] * bh + y
    pts = p.reshape(-1, 2)
    five = np.array([pts[[36, 37, 39, 40]].mean(0), pts[[42, 43, 45, 46]].mean(0), pts[30],
                     pts[[48, 60]].mean(0), pts[[54, 64]].mean(0)], dtype=np.float32)
    transform, _ = cv2.estimateAffinePartial2D(five, TEMPLATE)
    aligned = cv2.warpAffine(image, transform, (112, 112))
    embedder.setInput(cv2.dnn.blobFromImage(aligned, 1 / 128.0, (112, 112), (127, 127, 127), True, False))
    e = embedder.forward().flatten()
    return e / np.linalg.norm(e), (x, y, bw, bh)


def chroma_spread(bgr, box):
    """PresentationChecks.chromaSpread: spread of rg chromaticity over the face at 16x16 cells."""
    x, y, bw, bh = box
    cells = cv2.resize(bgr[y:y + bh, x:x + bw], (16, 16), interpolation=cv2.INTER_AREA).reshape(-1, 3).astype(np.float64)
    total = cells.sum(1)
    keep = total > 60
    if keep.sum() < 64:
        return 0.0
    r = cells[keep, 2] / total[keep]
    g = cells[keep, 1] / total[keep]
    return float(np.sqrt(r.var() + g.var()))


def enrol(nets, chip_path):
    chip = cv2.imread(chip_path, cv2.IMREAD_GRAYSCALE)
    scale = max(1.0, 320.0 / max(chip.shape))
    chip = cv2.resize(cv2.cvtColor(chip, cv2.COLOR_GRAY2BGR), None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)
    return analyse(nets, chip)


def decide(nets, chip_path, camera):
    """FaceVerifier.verify with the default checks: MATCH after two frames >= 0.40; True when it matched."""
    enrolled = enrol(nets, chip_path)
    signatures = []
    matched = 0
    for i in range(24):
        frame = camera[i % len(camera)].copy()  # the Java camera hands out a copy of every recorded frame
        found = analyse_face(nets, frame)
        if found is None or chroma_spread(frame, found[1]) < 0.012:
            continue
        signature = cv2.resize(cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY), (32, 24), interpolation=cv2.INTER_AREA)
        if any(np.abs(signature.astype(np.int16) - s).mean() < 0.75 for s in signatures):
            continue
        signatures.append(signature.astype(np.int16))
        score = float(np.dot(enrolled, found[0]))
        if score >= 0.93:
            return False
        if score >= 0.40:
            matched += 1
            if matched >= 2:
                return True
    return False


# --- ADR 0011's licence-clear pipeline: BlazeFace (face.pipeline.BlazeFace, BlazeFaceLocator), dlib's chip
# (ChipAlignment) and dlib's recogniser (DlibEmbedder), step for step. ---------------------------------------------

BLAZEFACE_INPUT = 256
BLAZEFACE_MARGIN = 1.5  # BlazeFaceLocator.MARGIN: the frame's longer side is 2/3 of the input
BLAZEFACE_MIN_SCORE = np.float32(0.5)
BLAZEFACE_OUTPUTS = ["Identity", "Identity_1", "Identity_2", "Identity_3"]
DLIB_MEAN_RGB = (122.782, 117.001, 104.298)
CHIP_SIZE = 150
CHIP_PADDING = 0.25
# dlib's mean face, points 17..67 (ChipAlignment.MEAN_X / MEAN_Y; dlib image_transforms/interpolation.h).
DLIB_MEAN_X = [
    0.000213256, 0.0752622, 0.18113, 0.29077, 0.393397, 0.586856, 0.689483, 0.799124, 0.904991, 0.98004, 0.490127,
    0.490127, 0.490127, 0.490127, 0.36688, 0.426036, 0.490127, 0.554217, 0.613373, 0.121737, 0.187122, 0.265825,
    0.334606, 0.260918, 0.182743, 0.645647, 0.714428, 0.793132, 0.858516, 0.79751, 0.719335, 0.254149, 0.340985,
    0.428858, 0.490127, 0.551395, 0.639268, 0.726104, 0.642159, 0.556721, 0.490127, 0.423532, 0.338094, 0.290379,
    0.428096, 0.490127, 0.552157, 0.689874, 0.553364, 0.490127, 0.42689]
DLIB_MEAN_Y = [
    0.106454, 0.038915, 0.0187482, 0.0344891, 0.0773906, 0.0773906, 0.0344891, 0.0187482, 0.038915, 0.106454,
    0.203352, 0.307009, 0.409805, 0.515625, 0.587326, 0.609345, 0.628106, 0.609345, 0.587326, 0.216423, 0.178758,
    0.179852, 0.231733, 0.245099, 0.244077, 0.231733, 0.179852, 0.178758, 0.216423, 0.244077, 0.245099, 0.780233,
    0.745405, 0.727388, 0.742578, 0.727388, 0.745405, 0.780233, 0.864805, 0.902192, 0.909281, 0.902192, 0.864805,
    0.784792, 0.778746, 0.785343, 0.778746, 0.784792, 0.824182, 0.831803, 0.824182]


def chip_unit(u):
    return (CHIP_PADDING + u) / (2 * CHIP_PADDING + 1) * CHIP_SIZE


def mean_face(first, end):
    return (chip_unit(sum(DLIB_MEAN_X[first - 17:end - 17]) / (end - first)),
            chip_unit(sum(DLIB_MEAN_Y[first - 17:end - 17]) / (end - first)))


# ChipAlignment.KEYPOINTS_ON_CHIP: BlazeFace's right eye, left eye, nose tip, mouth centre on dlib's chip.
KEYPOINTS_ON_CHIP = np.array([mean_face(36, 42), mean_face(42, 48),
                              (chip_unit(DLIB_MEAN_X[30 - 17]), chip_unit(DLIB_MEAN_Y[30 - 17])),
                              mean_face(48, 68)])


def anchor_centres():
    """BlazeFace.anchorCentres: 16x16 cells x 2 anchors, then 8x8 cells x 6, centres in the unit square."""
    centres = []
    for stride, per_cell in ((16, 2), (32, 6)):
        cells = (BLAZEFACE_INPUT + stride - 1) // stride
        for y in range(cells):
            for x in range(cells):
                centres += [((x + 0.5) / cells, (y + 0.5) / cells)] * per_cell
    return np.array(centres)


ANCHORS = anchor_centres()


def grey_fold(net, means, scale):
    """GreyFold.oneChannel: the net's first convolution takes one channel, channel 0 of a grey frame's three-channel
    blob (channel c is channel 0 plus (means[0] - means[c]) * scale): each kernel summed over its three input channels
    (in float32, in Java's order), the other channels' offsets added to the bias (in float64, in Java's order)."""
    first = next(name for name in net.getLayerNames() if net.getLayer(name).type == "Convolution")
    layer = net.getLayerId(first)
    weights = net.getParam(layer, 0)
    assert weights.ndim == 4 and weights.shape[1] == 3, weights.shape
    net.setParam(layer, 0, np.ascontiguousarray(((weights[:, 0] + weights[:, 1]) + weights[:, 2])[:, np.newaxis]))
    if means[1] != means[0] or means[2] != means[0]:
        taps = weights.reshape(weights.shape[0], 3, -1).astype(np.float64)
        offsets = np.zeros(weights.shape[0])
        for c in range(3):
            offset = (means[0] - means[c]) * scale
            for t in range(taps.shape[2]):
                offsets += taps[:, c, t] * offset
        bias = net.getParam(layer, 1)
        net.setParam(layer, 1, (bias.astype(np.float64) + offsets.reshape(bias.shape)).astype(np.float32))
    return net


def load_clear(models):
    """BlazeFaceLocator's and DlibEmbedder's grey nets: the pinned files, first convolutions folded (GreyFold)."""
    return (grey_fold(cv2.dnn.readNetFromONNX(models + "/blazeface.onnx"), (127.5,) * 3, 1 / 127.5),
            grey_fold(cv2.dnn.readNetFromONNX(models + "/face_recognition_dlib.onnx"), DLIB_MEAN_RGB, 1 / 256.0))


def java_round(v):
    return int(np.floor(v + 0.5))


def blazeface_candidates(logits, regressors):
    """BlazeFace.candidates: sigmoid of the clipped logit, box and keypoints as offsets from the anchor centre."""
    scores = (1 / (1 + np.exp(-np.clip(logits.astype(np.float64), -100, 100)))).astype(np.float32)
    r = regressors.reshape(-1, 16)
    keep = np.nonzero((scores >= BLAZEFACE_MIN_SCORE) & (r[:, 2] >= 0) & (r[:, 3] >= 0))[0]
    faces = []
    for i in keep:
        ax, ay = ANCHORS[i]
        v = r[i].astype(np.float64) / BLAZEFACE_INPUT
        cx, cy, w, h = v[0] + ax, v[1] + ay, v[2], v[3]
        points = v[4:16].reshape(6, 2) + (ax, ay)
        faces.append((np.array([cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2]), float(scores[i]), points))
    return faces


def intersection(a, b):
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return 0.0 if w <= 0 or h <= 0 else w * h


def area(a):
    return max(0.0, a[2] - a[0]) * max(0.0, a[3] - a[1])


def weighted_suppression(faces):
    """BlazeFace.weightedSuppression: MediaPipe's WEIGHTED non-maximum suppression at IoU 0.3."""
    remaining = sorted(faces, key=lambda f: -f[1])
    kept = []
    while remaining:
        best = remaining[0]
        cluster, rest = [], []
        for f in remaining:
            inter = intersection(best[0], f[0])
            iou = 0.0 if inter == 0 else inter / (area(best[0]) + area(f[0]) - inter)
            (cluster if iou > 0.3 else rest).append(f)
        if cluster:
            weights = np.array([f[1] for f in cluster])
            box = sum(w * f[0] for w, f in zip(weights, cluster)) / weights.sum()
            points = sum(w * f[2] for w, f in zip(weights, cluster)) / weights.sum()
            kept.append((box, best[1], points))
        else:
            kept.append(best)
        remaining = rest
    return kept


def without_contained(faces):
    """BlazeFace.withoutContained: a face lying more than half inside a better one is dropped."""
    kept = []
    for f in faces:
        if all(intersection(k[0], f[0]) <= 0.5 * area(f[0]) for k in kept):
            kept.append(f)
    return kept


BLAZEFACE_INPUTS = {}


def normalised(eight_bit, mean, scale):
    """blobFromImage's arithmetic on one channel: 8-bit to float32, minus the mean, times the scale (in float32)."""
    return (eight_bit.astype(np.float32) - np.float32(mean)) * np.float32(scale)


def blazeface_detect(net, grey):
    """BlazeFaceLocator.detect on the grey frame (greyInput): letterbox with a margin, the scaled grey plane into the
    folded net's one input channel inside bars of normalised black, run, decode, map boxes and keypoints back to
    pixels."""
    rows, cols = grey.shape[:2]
    scale = BLAZEFACE_INPUT / (BLAZEFACE_MARGIN * max(cols, rows))
    w, h = java_round(cols * scale), java_round(rows * scale)
    pad_x, pad_y = (BLAZEFACE_INPUT - w) // 2, (BLAZEFACE_INPUT - h) // 2
    key = (w, h, pad_x, pad_y)
    if key not in BLAZEFACE_INPUTS:  # the input and its bars are kept while frames keep their size, as in Java
        BLAZEFACE_INPUTS.clear()
        BLAZEFACE_INPUTS[key] = np.full((1, 1, BLAZEFACE_INPUT, BLAZEFACE_INPUT),
                                        normalised(np.zeros(1, np.uint8), 127.5, 1 / 127.5)[0], np.float32)
    blob = BLAZEFACE_INPUTS[key]
    plane = normalised(cv2.resize(grey, (w, h), interpolation=cv2.INTER_LINEAR), 127.5, 1 / 127.5)
    blob[0, 0, pad_y:pad_y + h, pad_x:pad_x + w] = plane
    net.setInput(blob)
    outputs = net.forward(BLAZEFACE_OUTPUTS)
    logits = np.concatenate([outputs[0].flatten(), outputs[1].flatten()])
    regressors = np.concatenate([outputs[2].flatten(), outputs[3].flatten()])
    found = []
    for box, score, points in without_contained(weighted_suppression(blazeface_candidates(logits, regressors))):
        px = (box[[0, 2]] * BLAZEFACE_INPUT - pad_x) / scale
        py = (box[[1, 3]] * BLAZEFACE_INPUT - pad_y) / scale
        x1, y1 = max(0.0, px[0]), max(0.0, py[0])
        x2, y2 = min(cols - 1.0, px[1]), min(rows - 1.0, py[1])
        if x2 <= x1 or y2 <= y1:
            continue  # a box wholly in the letterbox bars
        keypoints = (points * BLAZEFACE_INPUT - (pad_x, pad_y)) / scale
        found.append(((x1, y1, x2, y2), score, keypoints.astype(np.float32)))
    return found


def similarity_transform(source, target):
    """ChipAlignment.similarity: least-squares scale, rotation and shift (no reflection) of source onto target."""
    source, target = np.asarray(source, np.float64), np.asarray(target, np.float64)
    s, t = source.mean(0), target.mean(0)
    p, q = source - s, target - t
    norm = (p * p).sum()
    a = (p[:, 0] * q[:, 0] + p[:, 1] * q[:, 1]).sum() / norm
    b = (p[:, 0] * q[:, 1] - p[:, 1] * q[:, 0]).sum() / norm
    return np.array([[a, -b, t[0] - (a * s[0] - b * s[1])], [b, a, t[1] - (b * s[0] + a * s[1])]])


def analyse_face_clear(nets, bgr):
    """(descriptor, face box, keypoints) as FacePipeline(BlazeFaceLocator, DlibEmbedder).analyse, or None where it
    gives a quality issue."""
    detector, recogniser = nets
    grey = cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY)  # the chip's conditions; both nets take the grey frame as it is
    faces = blazeface_detect(detector, grey)
    if len(faces) != 1:
        return None
    (x1, y1, x2, y2), _, keypoints = faces[0]
    if x2 - x1 < 60:
        return None
    x, y, bw, bh = int(x1), int(y1), int(max(1, x2 - x1)), int(max(1, y2 - y1))  # FacePipeline.area
    crop = grey[y:y + bh, x:x + bw]
    mean = float(crop.mean())
    sharpness = float(cv2.Laplacian(crop, cv2.CV_16S).std()) ** 2
    if mean < 40 or mean > 225 or sharpness < 15:
        return None
    transform = similarity_transform(keypoints[:4], KEYPOINTS_ON_CHIP)
    # DlibEmbedder.greyInput: the chip warped as one channel, minus channel 0's RGB mean, times 1/256 (the folded net)
    chip = cv2.warpAffine(grey, transform, (CHIP_SIZE, CHIP_SIZE), flags=cv2.INTER_LINEAR)
    recogniser.setInput(normalised(chip, DLIB_MEAN_RGB[0], 1 / 256.0)[np.newaxis, np.newaxis])
    return recogniser.forward().flatten(), (x, y, bw, bh), keypoints


def analysis_json(pipeline, models, image_path):
    """One image through one pipeline, for the Java-vs-Python agreement test: box, keypoints, embedding."""
    image = cv2.imread(image_path)
    if pipeline == "blazeface-dlib":
        found = analyse_face_clear(load_clear(models), image)
        keypoints = None if found is None else found[2].flatten().tolist()
    else:
        found = analyse_face(load(models), image)
        keypoints = None
    if found is None:
        return {"pipeline": pipeline, "face": None}
    return {"pipeline": pipeline, "opencv": cv2.__version__, "box": list(found[1]), "keypoints": keypoints,
            "embedding": [float(v) for v in found[0]]}


def serve(models, frame_path, chip_path, camera_paths):
    nets = load(models)
    frame = cv2.imread(frame_path)
    camera = [cv2.imread(p) for p in camera_paths]
    for _ in range(10):
        analyse(nets, frame)
    clear = load_clear(models)
    for _ in range(10):
        analyse_face_clear(clear, frame)
    print(json.dumps({"opencv": cv2.__version__, "threads": cv2.getNumThreads()}), flush=True)
    for line in sys.stdin:
        command, _, count = line.strip().partition(" ")
        if command == "quit":
            return 0
        times = []
        for _ in range(int(count or 0)):
            t0 = time.perf_counter()
            if command == "frames":
                ok = analyse(nets, frame) is not None
            elif command == "frames-clear":
                ok = analyse_face_clear(clear, frame) is not None
            elif command == "decide":
                ok = decide(nets, chip_path, camera)
            else:
                return 0
            times.append((time.perf_counter() - t0) * 1000)
            if not ok:
                print(json.dumps({"error": command + " failed"}), flush=True)
                return 1
        print(json.dumps({"times": times}), flush=True)
    return 0


def main():
    if sys.argv[1] == "--analyse":
        print(json.dumps(analysis_json(sys.argv[2], sys.argv[3], sys.argv[4])))
        return 0
    if sys.argv[1] == "--serve":
        return serve(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5:])
    models, frame_path, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
    nets = load(models)
    frame = cv2.imread(frame_path)
    times = []
    for i in range(runs + 10):
        t0 = time.perf_counter()
        if analyse(nets, frame) is None:
            print(json.dumps({"error": "no single face"}))
            return 1
        if i >= 10:
            times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    result = {"opencv": cv2.__version__, "min": times[0], "median": times[len(times) // 2],
              "p95": times[max(0, int(np.ceil(0.95 * len(times))) - 1)], "runs": len(times)}
    if len(sys.argv) > 4:
        decisions = []
        for _ in range(40):
            t0 = time.perf_counter()
            chip = cv2.imread(sys.argv[4], cv2.IMREAD_GRAYSCALE)
            scale = max(1.0, 320.0 / max(chip.shape))
            chip = cv2.resize(cv2.cvtColor(chip, cv2.COLOR_GRAY2BGR), None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)
            enrolled = analyse(nets, chip)
            matched = 0
            while matched < 2:
                if float(np.dot(enrolled, analyse(nets, frame))) >= 0.40:
                    matched += 1
            decisions.append((time.perf_counter() - t0) * 1000)
        decisions.sort()
        result["decision_median"] = decisions[len(decisions) // 2]
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
