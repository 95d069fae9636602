#!/usr/bin/env python3
"""The face pipeline of face-match (FacePipeline.java), step for step, in Debian's python3-opencv: the bench's
reference for "same models, same frames, same machine". Prints min/median/p95 ms per frame as one JSON line.

usage: pipeline.py MODEL_DIR FRAME.png RUNS [CHIP.jp2]
With CHIP.jp2 it also times chip-photo enrolment + frames until two match (FaceVerifier's rule) on the same frame.

usage: pipeline.py --serve MODEL_DIR FRAME.png CHIP.jp2 CAMERA.png...
Serves the bench, which alternates blocks of Java and Python work so that load from other processes falls on both
alike: reads "frames N" (N timed per-frame analyses of FRAME) or "decide N" (N timed decisions: chip enrolment, then
the CAMERA frames in a loop through FaceVerifier's checks until two match) and answers one JSON line of times in ms.
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


def serve(models, frame_path, chip_path, camera_paths):
    nets = load(models)
    frame = cv2.imread(frame_path)
    camera = [cv2.imread(p) for p in camera_paths]
    for _ in range(10):
        analyse(nets, frame)
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
