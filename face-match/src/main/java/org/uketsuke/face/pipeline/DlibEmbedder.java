package org.uketsuke.face.pipeline;

import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.dnn.Dnn;
import org.opencv.dnn.Net;
import org.opencv.imgproc.Imgproc;

/**
 * dlib's face recogniser (public domain, via face-api.js's TF.js port, converted to ONNX at build time; ADR 0011)
 * behind the pipeline's embedding step: the face is warped onto dlib's 150 × 150 chip ({@link ChipAlignment}), goes
 * through the net, and two 128-D descriptors are compared by their Euclidean distance, the metric dlib trained for.
 */
public final class DlibEmbedder implements FaceEmbedder {

    private static final int SIZE = ChipAlignment.CHIP_SIZE;
    /** face-api.js's {@code normalize}: the RGB means its FaceRecognitionNet subtracts before scaling by 1/256. */
    private static final Scalar MEAN_RGB = new Scalar(122.782, 117.001, 104.298);

    private final Net net;

    private DlibEmbedder(Net net) {
        this.net = net;
    }

    /** The recogniser from its ONNX bytes (the caller checks them against their pin). */
    public static DlibEmbedder fromOnnx(byte[] onnx) {
        MatOfByte buffer = new MatOfByte(onnx);
        Net net = Dnn.readNetFromONNX(buffer);
        buffer.release();
        return new DlibEmbedder(net);
    }

    @Override
    public float[] embed(Mat image, FacePoints points) {
        Mat transform = ChipAlignment.toChip(points);
        Mat chip = new Mat();
        Imgproc.warpAffine(image, chip, transform, new Size(SIZE, SIZE), Imgproc.INTER_LINEAR);
        Mat blob = Dnn.blobFromImage(chip, 1 / 256.0, new Size(SIZE, SIZE), MEAN_RGB, true, false);
        net.setInput(blob);
        Mat out = net.forward();
        float[] descriptor = new float[(int) out.total()];
        out.reshape(1, 1).get(0, 0, descriptor);
        for (Mat m : new Mat[] {transform, chip, blob, out}) {
            m.release();
        }
        return descriptor;
    }

    /**
     * 1 − Euclidean distance: dlib trained the net to put one person's descriptors within 0.6 of each other, so a
     * threshold of 0.40 is dlib's own radius; cosine does not suit this net (any two faces score about 0.8).
     */
    @Override
    public double similarity(float[] a, float[] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d += (a[i] - b[i]) * (double) (a[i] - b[i]);
        }
        return 1 - Math.sqrt(d);
    }
}
