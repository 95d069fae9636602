package org.uketsuke.face.pipeline;

import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Mat;
import org.opencv.core.MatOfFloat;
import org.opencv.core.MatOfInt;
import org.opencv.core.MatOfRect2d;
import org.opencv.core.Rect;
import org.opencv.core.Rect2d;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.dnn.Dnn;

/** ADR 0001's detector (RFB-320) and 68-point landmark net (docs/spec-notes/face.md#measured-pipeline). */
final class RfbLocator implements FaceLocator {

    private static final float DETECTION_THRESHOLD = 0.65f;
    private static final float NMS_THRESHOLD = 0.4f;
    private static final List<String> DETECTOR_OUTPUTS = List.of("boxes", "scores");

    private final FaceModels models;
    private final List<Mat> detectorOutputs = new ArrayList<>(2);
    private float[] boxes = new float[0];
    private float[] scores = new float[0];

    RfbLocator(FaceModels models) {
        this.models = models;
    }

    @Override
    public List<FaceBox> detect(Mat image) {
        Mat blob = Dnn.blobFromImage(image, 1 / 128.0, new Size(320, 240), new Scalar(127, 127, 127), true, false);
        models.detector.setInput(blob, "input");
        List<Mat> outputs = detectorOutputs;
        outputs.clear();
        models.detector.forward(outputs, DETECTOR_OUTPUTS);
        blob.release();
        int anchors = (int) (outputs.get(0).total() / 4);
        if (boxes.length != anchors * 4) {
            boxes = new float[anchors * 4];
            scores = new float[anchors * 2];
        }
        float[] boxes = this.boxes;
        float[] scores = this.scores;
        // The outputs are continuous float blobs: read them straight, without reshaped headers.
        Mat boxOut = outputs.get(0).reshape(1, 1);
        Mat scoreOut = outputs.get(1).reshape(1, 1);
        boxOut.get(0, 0, boxes);
        scoreOut.get(0, 0, scores);
        for (Mat m : new Mat[] {boxOut, scoreOut}) {
            m.release();
        }
        outputs.forEach(Mat::release);

        List<Rect2d> rects = new ArrayList<>();
        List<Float> confidences = new ArrayList<>();
        for (int i = 0; i < anchors; i++) {
            float score = scores[i * 2 + 1];
            if (score >= DETECTION_THRESHOLD) {
                double x1 = boxes[i * 4] * image.cols();
                double y1 = boxes[i * 4 + 1] * image.rows();
                double x2 = boxes[i * 4 + 2] * image.cols();
                double y2 = boxes[i * 4 + 3] * image.rows();
                rects.add(new Rect2d(x1, y1, x2 - x1, y2 - y1));
                confidences.add(score);
            }
        }
        List<FaceBox> faces = new ArrayList<>();
        if (rects.isEmpty()) {
            return faces;
        }
        MatOfRect2d rectMat = new MatOfRect2d(rects.toArray(new Rect2d[0]));
        float[] conf = new float[confidences.size()];
        for (int i = 0; i < conf.length; i++) {
            conf[i] = confidences.get(i);
        }
        MatOfFloat confMat = new MatOfFloat(conf);
        MatOfInt kept = new MatOfInt();
        Dnn.NMSBoxes(rectMat, confMat, DETECTION_THRESHOLD, NMS_THRESHOLD, kept);
        for (int index : kept.toArray()) {
            Rect2d r = rects.get(index);
            faces.add(new FaceBox(
                    Math.max(0, r.x),
                    Math.max(0, r.y),
                    Math.min(image.cols() - 1, r.x + r.width),
                    Math.min(image.rows() - 1, r.y + r.height),
                    conf[index]));
        }
        return faces;
    }

    /** 68 landmarks in image pixels. */
    @Override
    public FacePoints points(Mat grey, FaceBox face) {
        Rect area = FacePipeline.area(face);
        // The grey frame itself: grey → BGR → grey is the identity, so no conversion of the crop is needed.
        Mat crop = grey.submat(area);
        Mat blob = Dnn.blobFromImage(crop, 1 / 256.0, new Size(64, 64), new Scalar(0), false, false);
        models.landmarks.setInput(blob, "input");
        Mat out = models.landmarks.forward("output");
        float[] points = new float[(int) out.total()];
        out.reshape(1, 1).get(0, 0, points);
        for (int i = 0; i < points.length; i++) {
            points[i] = (i % 2 == 0 ? points[i] * area.width + area.x : points[i] * area.height + area.y);
        }
        crop.release();
        blob.release();
        out.release();
        return new FacePoints.Landmarks68(points);
    }
}
