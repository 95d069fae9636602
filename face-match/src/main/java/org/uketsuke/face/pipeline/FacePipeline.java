package org.uketsuke.face.pipeline;

import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfDouble;
import org.opencv.core.MatOfFloat;
import org.opencv.core.MatOfInt;
import org.opencv.core.MatOfRect2d;
import org.opencv.core.Rect;
import org.opencv.core.Rect2d;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.dnn.Dnn;
import org.opencv.imgproc.Imgproc;

/**
 * Detection (RFB-320), 68 landmarks, then a {@link FaceEmbedder} (the product: 5-point alignment onto the ArcFace
 * 112×112 template and a 512-D embedding),
 * through OpenCV DNN (docs/spec-notes/face.md#measured-pipeline). Every image is first made greyscale — the chip
 * photo is — and back to three channels, so live frames are compared in the chip's conditions. Not thread-safe:
 * one pipeline per worker.
 */
public final class FacePipeline {

    private static final float DETECTION_THRESHOLD = 0.65f;
    private static final float NMS_THRESHOLD = 0.4f;
    static final double MIN_FACE_WIDTH = 60;
    static final double MIN_SHARPNESS = 15;
    static final double MIN_BRIGHTNESS = 40;
    static final double MAX_BRIGHTNESS = 225;

    private final FaceModels models = FaceModels.get();
    private final FaceEmbedder embedder;
    // Per-frame buffers, reused (the pipeline is one per worker): no native allocation of full frames per frame.
    private final Mat grey = new Mat();
    private final Mat greyBgr = new Mat();
    private final Mat laplacian = new Mat();
    private final MatOfDouble mu = new MatOfDouble();
    private final MatOfDouble sigma = new MatOfDouble();
    private final List<Mat> detectorOutputs = new ArrayList<>(2);
    private static final List<String> DETECTOR_OUTPUTS = List.of("boxes", "scores");
    private float[] boxes = new float[0];
    private float[] scores = new float[0];

    /** One frame's analysis: a usable face with its embedding, or the reason there is none. */
    public sealed interface Analysis {
        record Face(FaceBox box, float[] embedding) implements Analysis {}

        record Issue(QualityIssue issue) implements Analysis {}
    }

    /** The product's pipeline: the shipped detector, landmarks and ArcFace embedder. */
    public FacePipeline() {
        this(FaceEmbedder.arcFace());
    }

    /** The shipped detector and landmarks with another embedding step (measured by {@code face eval}). */
    public FacePipeline(FaceEmbedder embedder) {
        this.embedder = embedder;
    }

    /** Detected faces, in pixels of {@code image}. */
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

    /** Quality gates, then landmarks, alignment and embedding of the one face in the frame. */
    public Analysis analyse(Mat bgr) {
        Mat image = chipConditions(bgr);
        List<FaceBox> faces = detect(image);
        if (faces.isEmpty()) {
            return new Analysis.Issue(QualityIssue.NO_FACE);
        }
        if (faces.size() > 1) {
            return new Analysis.Issue(QualityIssue.MULTIPLE_FACES);
        }
        FaceBox face = faces.getFirst();
        if (face.width() < MIN_FACE_WIDTH) {
            return new Analysis.Issue(QualityIssue.TOO_SMALL);
        }
        QualityIssue exposure = exposure(face);
        if (exposure != null) {
            return new Analysis.Issue(exposure);
        }
        float[] points = landmarks(face);
        return new Analysis.Face(face, embedder.embed(image, points));
    }

    /** Embedding of the chip photo (greyscale); smaller photos are scaled up so the face clears the minimum size. */
    public Analysis analyseChipPhoto(Mat grey) {
        Mat bgr = new Mat();
        Imgproc.cvtColor(grey, bgr, Imgproc.COLOR_GRAY2BGR);
        double scale = Math.max(1.0, 320.0 / Math.max(grey.cols(), grey.rows()));
        if (scale > 1.0) {
            Imgproc.resize(bgr, bgr, new Size(), scale, scale, Imgproc.INTER_CUBIC);
        }
        try {
            return analyse(bgr);
        } finally {
            bgr.release();
        }
    }

    /**
     * Overwrites and releases the frame buffers this pipeline keeps between frames, so no picture of a face stays in
     * memory after a decision. The next frame allocates them again.
     */
    public void clear() {
        for (Mat m : new Mat[] {grey, greyBgr, laplacian}) {
            if (!m.empty()) {
                m.setTo(new Scalar(0));
                m.release();
            }
        }
    }

    /** The embedder's similarity of two embeddings (the product's: {@link #cosine}). */
    public double similarity(float[] a, float[] b) {
        return embedder.similarity(a, b);
    }

    public static double cosine(float[] a, float[] b) {
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
        }
        return dot; // both are L2-normalised
    }

    /** The frame in the chip's conditions: greyscale ({@link #grey}) and back to three channels (returned). */
    private Mat chipConditions(Mat bgr) {
        if (bgr.channels() == 1) {
            bgr.copyTo(grey);
        } else {
            Imgproc.cvtColor(bgr, grey, bgr.channels() == 4 ? Imgproc.COLOR_BGRA2GRAY : Imgproc.COLOR_BGR2GRAY);
        }
        Imgproc.cvtColor(grey, greyBgr, Imgproc.COLOR_GRAY2BGR);
        return greyBgr;
    }

    /** Exposure and sharpness of the face, on the grey frame. */
    private QualityIssue exposure(FaceBox face) {
        Rect area = new Rect(
                (int) face.x1(), (int) face.y1(), (int) Math.max(1, face.width()), (int) Math.max(1, face.height()));
        Mat crop = grey.submat(area);
        // 8-bit Laplacian (kernel 1) fits 16 bits exactly: the same variance as in 64-bit floats, a quarter of the
        // memory.
        Imgproc.Laplacian(crop, laplacian, CvType.CV_16S);
        Core.meanStdDev(laplacian, mu, sigma);
        double sharpness = sigma.get(0, 0)[0] * sigma.get(0, 0)[0];
        double mean = Core.mean(crop).val[0];
        crop.release();
        if (mean < MIN_BRIGHTNESS) {
            return QualityIssue.TOO_DARK;
        }
        if (mean > MAX_BRIGHTNESS) {
            return QualityIssue.TOO_BRIGHT;
        }
        return sharpness < MIN_SHARPNESS ? QualityIssue.BLURRY : null;
    }

    /** 68 landmarks (x, y interleaved) in image pixels. */
    private float[] landmarks(FaceBox face) {
        Rect area = new Rect(
                (int) face.x1(), (int) face.y1(), (int) Math.max(1, face.width()), (int) Math.max(1, face.height()));
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
        return points;
    }
}
