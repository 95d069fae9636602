package org.uketsuke.face.pipeline;

import org.opencv.calib3d.Calib3d;
import org.opencv.core.Mat;
import org.opencv.core.MatOfPoint2f;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.dnn.Dnn;
import org.opencv.imgproc.Imgproc;

/**
 * Eye centres, nose tip and mouth corners of the 68-point layout (or BlazeFace's eyes, nose and mouth centre) onto the
 * ArcFace 112×112 template, 512-D out.
 */
final class ArcFaceEmbedder implements FaceEmbedder {

    /** ArcFace reference points for a 112×112 crop: eyes, nose tip, mouth corners. */
    private static final double[][] TEMPLATE = {
        {38.2946, 51.6963}, {73.5318, 51.5014}, {56.0252, 71.7366}, {41.5493, 92.3655}, {70.7299, 92.2041}
    };

    private final FaceModels models;

    ArcFaceEmbedder(FaceModels models) {
        this.models = models;
    }

    @Override
    public float[] embed(Mat image, FacePoints points) {
        float[] p = points.xy();
        MatOfPoint2f from;
        MatOfPoint2f to;
        switch (points) {
            case FacePoints.Landmarks68 _ -> {
                Point leftEye = average(p, 36, 37, 39, 40);
                Point rightEye = average(p, 42, 43, 45, 46);
                Point nose = new Point(p[60], p[61]);
                Point leftMouth = average(p, 48, 60);
                Point rightMouth = average(p, 54, 64);
                from = new MatOfPoint2f(leftEye, rightEye, nose, leftMouth, rightMouth);
                to = new MatOfPoint2f(point(0), point(1), point(2), point(3), point(4));
            }
            case FacePoints.Keypoints6 _ -> {
                // No mouth corners: the mouth centre goes between the template's two.
                from = new MatOfPoint2f(average(p, 0), average(p, 1), average(p, 2), average(p, 3));
                Point mouth = new Point((TEMPLATE[3][0] + TEMPLATE[4][0]) / 2, (TEMPLATE[3][1] + TEMPLATE[4][1]) / 2);
                to = new MatOfPoint2f(point(0), point(1), point(2), mouth);
            }
        }
        Mat transform = Calib3d.estimateAffinePartial2D(from, to);
        Mat aligned = new Mat();
        Imgproc.warpAffine(image, aligned, transform, new Size(112, 112));
        Mat blob = Dnn.blobFromImage(aligned, 1 / 128.0, new Size(112, 112), new Scalar(127, 127, 127), true, false);
        models.embedder.setInput(blob);
        Mat out = models.embedder.forward();
        float[] embedding = new float[(int) out.total()];
        out.reshape(1, 1).get(0, 0, embedding);
        for (Mat m : new Mat[] {transform, aligned, blob, out}) {
            m.release();
        }
        return FaceEmbedder.normalised(embedding);
    }

    private static Point average(float[] p, int... indices) {
        double x = 0;
        double y = 0;
        for (int i : indices) {
            x += p[i * 2];
            y += p[i * 2 + 1];
        }
        return new Point(x / indices.length, y / indices.length);
    }

    private static Point point(int i) {
        return new Point(TEMPLATE[i][0], TEMPLATE[i][1]);
    }
}
